package io.microevents.samples.labrig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.microevents.mqtt.EmbeddedBroker;
import io.microevents.mqtt.MqttBridge;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code --microevents.mqtt.enabled=true}: the rig becomes a node, its readings go out over MQTT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "microevents.mqtt.enabled=true", "microevents.mqtt.embedded.port=0",
        "lab-rig.poll=50ms", "lab-rig.simulator.button-every=0"})
class LabRigMqttTest {

    @Autowired
    MqttBridge bridge;

    @Autowired
    EmbeddedBroker broker;

    @Test
    void theRigsReadingsArePublishedOnItsTopic() {
        await().atMost(Duration.ofSeconds(20)).until(bridge::isConnected);
        List<String> seen = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient station = MqttClient.builder().useMqttVersion5().identifier("station")
                .serverHost(EmbeddedBroker.HOST).serverPort(broker.port()).buildAsync();
        station.connect().join();
        try {
            station.subscribeWith().topicFilter("microevents/lab-rig/event/sensor").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> seen.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().join();
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 3);
            // the text line 'sensor 26.1' carries the string "26.1"; a handler's double parameter takes either
            assertThat(seen.get(0)).matches("\\{\"args\":\\[\"\\d+\\.\\d\"],\"ts\":\"[^\"]+Z\",\"origin\":\"lab-rig\",\"id\":\"[0-9a-f-]{36}\"}");
        } finally {
            station.disconnect();
        }
    }
}
