package io.microevents.samples.labstation;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.microevents.mqtt.EmbeddedBroker;
import io.microevents.mqtt.MqttBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The station against a broker that a rig would run: every rig's readings and alarms reach its handlers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.io.moquette.broker.metrics.MQTTMessageLogger=WARN")
class LabStationApplicationTest {

    private static final EmbeddedBroker broker = new EmbeddedBroker(0, 1024);

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        broker.start();
        registry.add("microevents.mqtt.url", broker::url);
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @Autowired
    Station station;

    @Autowired
    MqttBridge bridge;

    @Test
    void readingsAndAlarmsFromEveryRigReachTheStation() {
        await().atMost(Duration.ofSeconds(20)).until(bridge::isConnected);
        Mqtt5AsyncClient rigs = MqttClient.builder().useMqttVersion5().identifier("rigs")
                .serverHost(EmbeddedBroker.HOST).serverPort(broker.port()).buildAsync();
        rigs.connect().join();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                publish(rigs, "microevents/rig-1/event/sensor", "{\"args\":[24.5],\"origin\":\"rig-1\"}");
                publish(rigs, "microevents/rig-2/event/alarm", "{\"args\":[31.5],\"origin\":\"rig-2\"}");
                return station.readings() > 0 && station.alarms() > 0;
            });
        } finally {
            rigs.disconnect();
        }
    }

    private static void publish(Mqtt5AsyncClient client, String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send().join();
    }
}
