package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.microevents.TaskStatus;
import io.microevents.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A broker outage: the broker stops and starts again. A (behind a proxy, so the test decides when
 * it may come back) buffers what it publishes meanwhile up to the bound and counts the rest; B
 * reconnects and subscribes again by itself; the buffered events arrive after the reconnect.
 */
class OutageTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private EmbeddedBroker broker;
    private TcpProxy proxy;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private Mqtt5AsyncClient probe;

    @AfterEach
    void stopAll() throws Exception {
        if (probe != null) {
            probe.disconnect();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void eventsPublishedDuringAnOutageArriveAfterTheReconnectUpToTheBoundAndTheRestAreCounted() throws Exception {
        broker = new EmbeddedBroker(0, 1024);
        broker.start();
        proxy = new TcpProxy(broker.port());
        a = Nodes.start("node-a", List.of(), "microevents.mqtt.url=" + proxy.url(),
                "microevents.mqtt.publish=count", "microevents.mqtt.buffer.max-events=5");
        b = Nodes.start("node-b", List.of(Recorder.class), "microevents.mqtt.url=" + broker.url(),
                "microevents.mqtt.subscribe=count");
        MqttBridge bridgeA = a.getBean(MqttBridge.class);
        MqttBridge bridgeB = b.getBean(MqttBridge.class);
        List<Integer> counts = b.getBean(Recorder.class).counts;
        Work workA = a.getBean(Work.class);
        await().atMost(ARRIVAL).until(() -> bridgeA.isConnected() && bridgeB.isConnected());
        // connected comes before the broker has B's subscription in place: trigger until one arrives
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).until(() -> {
            workA.triggerEvent("count", 100);
            return counts.contains(100);
        });

        proxy.cut();
        broker.stop();
        await().atMost(ARRIVAL).until(() -> !bridgeA.isConnected() && !bridgeB.isConnected());
        MqttStatus down = bridgeA.status();
        assertThat(down.since()).isNotNull();
        assertThat(down.lastError()).isNotNull();
        for (int i = 0; i < 8; i++) {
            workA.triggerEvent("count", i);
        }
        MqttStatus buffering = bridgeA.status();
        assertThat(buffering.buffered()).isEqualTo(5);
        assertThat(buffering.drops()).containsEntry(MqttDropReason.BUFFER_FULL, 3L);

        broker.start();
        await().atMost(ARRIVAL).until(bridgeB::isConnected);
        // B subscribed again by itself: a message from outside reaches it
        probe = Nodes.client(broker.port(), "probe");
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).until(() -> {
            probe.publishWith().topic("microevents/probe/event/count").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"args\":[-1]}".getBytes(StandardCharsets.UTF_8)).send();
            return counts.contains(-1);
        });
        proxy.resume();

        await().atMost(ARRIVAL).until(() -> counts.stream().filter(c -> c >= 0 && c < 100).count() == 5);
        assertThat(counts.stream().filter(c -> c >= 0 && c < 100).toList()).containsExactly(0, 1, 2, 3, 4);
        await().atMost(ARRIVAL).until(bridgeA::isConnected);
        MqttStatus up = bridgeA.status();
        assertThat(up.connected()).isTrue();
        assertThat(up.buffered()).isZero();
        assertThat(up.reconnects()).isEqualTo(1);
        assertThat(up.lastError()).isNull();
        assertThat(up.drops()).containsEntry(MqttDropReason.BUFFER_FULL, 3L);
        assertThat(bridgeB.status().reconnects()).isEqualTo(1);
        // nothing escaped into the loops: no task failed on either node
        assertThat(workA.statuses()).allMatch(t -> t.failures() == 0);
        assertThat(b.getBean(Work.class).statuses()).extracting(TaskStatus::failures).containsOnly(0L);
    }
}
