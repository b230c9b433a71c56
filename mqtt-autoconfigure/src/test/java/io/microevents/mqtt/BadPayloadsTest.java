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
import io.microevents.autoconfigure.EventArgumentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Bad input from the broker is counted by reason and skipped; the next good message still runs the handler. */
class BadPayloadsTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private static EmbeddedBroker broker;
    private static ConfigurableApplicationContext node;
    private static Mqtt5AsyncClient client;
    private static MqttBridge bridge;
    private static Recorder recorder;

    @BeforeAll
    static void start() {
        broker = new EmbeddedBroker(0, 1024);
        broker.start();
        node = Nodes.start("node-b", List.of(Recorder.class), "microevents.mqtt.url=" + broker.url(),
                "microevents.mqtt.subscribe=sensor,quiet-*", "microevents.mqtt.max-payload-bytes=200");
        bridge = node.getBean(MqttBridge.class);
        recorder = node.getBean(Recorder.class);
        await().atMost(ARRIVAL).until(bridge::isConnected);
        client = Nodes.client(broker.port(), "outsider");
        // subscribed once a good message runs the handler
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).until(() -> {
            send("microevents/x/event/sensor", "{\"args\":[1.0]}");
            return recorder.readings.contains(1.0);
        });
    }

    @AfterAll
    static void stop() {
        client.disconnect();
        node.close();
        broker.stop();
    }

    private static void send(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send().join();
    }

    private static void expect(MqttDropReason reason, long count) {
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(bridge.dropped(reason)).isEqualTo(count));
    }

    @Test
    void malformedJsonWrongShapesOversizedPayloadsAndUnknownEventsAreCountedAndSkipped() {
        long before = recorder.readings.size();
        send("microevents/x/event/sensor", "{not json");
        send("microevents/x/event/sensor", "");
        expect(MqttDropReason.MALFORMED, 2);

        send("microevents/x/event/sensor", "[1,2]");
        send("microevents/x/event/sensor", "{\"args\":5}");
        send("microevents/x/event/sensor", "{\"args\":[{\"nested\":1}]}");
        send("microevents/x/event/sensor", "{\"args\":[1],\"id\":7}");
        send("microevents/x/event/sensor", "\"sensor\"");
        expect(MqttDropReason.WRONG_SHAPE, 5);

        send("microevents/x/event/sensor", "{\"args\":[\"" + "x".repeat(300) + "\"]}");
        expect(MqttDropReason.OVERSIZED, 1);

        send("microevents/x/event/quiet-room", "{\"args\":[1]}");
        expect(MqttDropReason.NO_LISTENER, 1);
        // a name outside the allow-list, delivered by the quiet-* glob's wider subscription
        send("microevents/x/event/other", "{\"args\":[1]}");
        expect(MqttDropReason.NOT_SUBSCRIBED, 1);

        assertThat(recorder.readings).hasSize((int) before);
        send("microevents/x/event/sensor", "{\"args\":[99.5]}");
        await().atMost(ARRIVAL).until(() -> recorder.readings.contains(99.5));
        assertThat(bridge.status().connected()).isTrue();
    }

    @Test
    void argumentsThatDoNotFitTheHandlerFailThatRunOnlyThroughTheEventArgumentPath() {
        Work work = node.getBean(Work.class);
        long failures = sensorFailures(work);
        send("microevents/x/event/sensor", "{\"args\":[]}");
        send("microevents/x/event/sensor", "{\"args\":[\"hot\"]}");
        await().atMost(ARRIVAL).until(() -> sensorFailures(work) == failures + 2);
        assertThat(work.statuses().stream().filter(t -> "sensor".equals(t.event())).findFirst().orElseThrow().lastError())
                .isInstanceOf(EventArgumentException.class);

        send("microevents/x/event/sensor", "{\"args\":[42.25]}");
        await().atMost(ARRIVAL).until(() -> recorder.readings.contains(42.25));
    }

    @Test
    void ownMessagesAndDuplicatesAreDropped() {
        send("microevents/node-b/event/sensor", "{\"args\":[7.0]}");
        send("microevents/x/event/sensor", "{\"args\":[7.0],\"origin\":\"node-b\"}");
        client.publishWith().topic("microevents/x/event/sensor").qos(MqttQos.AT_LEAST_ONCE)
                .userProperties().add("origin", "node-b").applyUserProperties()
                .payload("{\"args\":[7.0]}".getBytes(StandardCharsets.UTF_8)).send().join();
        expect(MqttDropReason.OWN_ORIGIN, 3);

        send("microevents/x/event/sensor", "{\"args\":[8.0],\"id\":\"dup-1\"}");
        send("microevents/x/event/sensor", "{\"args\":[8.0],\"id\":\"dup-1\"}");
        expect(MqttDropReason.DUPLICATE, 1);
        assertThat(recorder.readings).doesNotContain(7.0);
        assertThat(recorder.readings.stream().filter(r -> r == 8.0).count()).isEqualTo(1);
    }

    private static long sensorFailures(Work work) {
        return work.statuses().stream().filter(t -> "sensor".equals(t.event())).mapToLong(TaskStatus::failures).sum();
    }
}
