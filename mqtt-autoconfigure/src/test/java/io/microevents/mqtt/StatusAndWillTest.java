package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code {prefix}/{node}/status}: retained {@code online} while a node is connected; the broker
 * publishes its last will {@code offline} when the connection dies without a goodbye, and the
 * node says {@code offline} itself when it stops.
 */
class StatusAndWillTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private EmbeddedBroker broker;
    private TcpProxy proxy;
    private ConfigurableApplicationContext a;
    private Mqtt5AsyncClient watcher;

    @AfterEach
    void stopAll() throws Exception {
        if (watcher != null) {
            watcher.disconnect();
        }
        if (a != null) {
            a.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void theStatusIsRetainedOnlineAndTheLastWillSaysOfflineWhenTheConnectionDies() throws Exception {
        broker = new EmbeddedBroker(0, 1024);
        broker.start();
        proxy = new TcpProxy(broker.port());
        a = Nodes.start("node-a", List.of(), "microevents.mqtt.url=" + proxy.url(),
                "microevents.mqtt.reconnect.initial-delay=5s", "microevents.mqtt.reconnect.max-delay=5s");
        MqttBridge bridge = a.getBean(MqttBridge.class);
        await().atMost(ARRIVAL).until(bridge::isConnected);

        // a watcher that subscribes after A came online still sees it: the status is retained
        Map<String, String> statuses = new ConcurrentHashMap<>();
        Map<String, Boolean> retained = new ConcurrentHashMap<>();
        watcher = Nodes.client(broker.port(), "watcher");
        watcher.subscribeWith().topicFilter("microevents/+/status").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> {
                    statuses.put(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
                    retained.putIfAbsent(p.getTopic().toString(), p.isRetain());
                })
                .send().join();
        await().atMost(ARRIVAL).until(() -> "online".equals(statuses.get("microevents/node-a/status")));
        assertThat(retained).containsEntry("microevents/node-a/status", true);

        proxy.cut();

        await().atMost(ARRIVAL).until(() -> "offline".equals(statuses.get("microevents/node-a/status")));
        await().atMost(ARRIVAL).until(() -> !bridge.isConnected());

        proxy.resume();
        await().atMost(ARRIVAL).until(() -> "online".equals(statuses.get("microevents/node-a/status")));

        a.close();
        a = null;
        await().atMost(ARRIVAL).until(() -> "offline".equals(statuses.get("microevents/node-a/status")));
    }
}
