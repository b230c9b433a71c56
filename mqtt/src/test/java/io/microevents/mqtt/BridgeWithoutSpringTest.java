package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microevents.TriggerOutcome;
import io.microevents.Work;
import io.microevents.WorkObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library on its own, as a program without Spring uses it: two plain {@link Work}s, an
 * {@link EmbeddedBroker} and a bridge for each, built from {@link MqttProperties} and its setters.
 */
class BridgeWithoutSpringTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private final EmbeddedBroker broker = new EmbeddedBroker(0, 1024);
    private MqttBridge a;
    private MqttBridge b;

    @AfterEach
    void stopAll() {
        if (a != null) {
            a.stop(Duration.ofSeconds(2));
        }
        if (b != null) {
            b.stop(Duration.ofSeconds(2));
        }
        broker.stop();
    }

    @Test
    void anEventTriggeredOnOneWorkIsTriggeredOnTheOtherThroughTheBroker() {
        broker.start();
        Work workA = new Work();
        Work workB = new Work();
        List<List<Object>> seen = new CopyOnWriteArrayList<>();
        workB.addObserver(new WorkObserver() {
            @Override
            public void eventTriggered(String event, List<Object> pkg, TriggerOutcome outcome) {
                if (event.equals("sensor")) {
                    seen.add(pkg);
                }
            }
        });
        // a task waits for the event, so the bridge counts the message as delivered
        workB.on(args -> { }, "sensor", true);
        MqttProperties publishing = new MqttProperties();
        publishing.setPublish(List.of("sensor"));
        MqttProperties subscribing = new MqttProperties();
        subscribing.setSubscribe(List.of("sens*"));
        a = new MqttBridge(workA, publishing, "node-a", broker.url(), true);
        b = new MqttBridge(workB, subscribing, "node-b", broker.url(), true);
        a.start();
        b.start();
        await().atMost(ARRIVAL).until(() -> a.isConnected() && b.isConnected());

        // the subscription is made just after the connection: trigger until it is in place
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).until(() -> {
            workA.triggerEvent("sensor", 21.5);
            return !seen.isEmpty();
        });
        assertThat(seen.get(0)).containsExactly(21.5);
        assertThat(b.status().node()).isEqualTo("node-b");
        await().atMost(ARRIVAL).until(() -> b.status().messagesIn() > 0 && a.status().messagesOut() > 0);
        assertThat(b.status().drops()).allSatisfy((reason, count) -> assertThat(count).as(reason.name()).isZero());
    }
}
