package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** The connection where users look: the REST admin, the actuator health, the meters. */
class MqttAdminTest {

    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theAdminHealthAndMetricsShowTheConnectionAndItsCounters() {
        app = new SpringApplicationBuilder(Nodes.NodeApp.class).web(WebApplicationType.SERVLET).properties(
                "server.port=0", "server.address=127.0.0.1", "spring.application.name=rig-web",
                "microevents.mqtt.embedded.port=0", "microevents.mqtt.publish=ping",
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always").run();
        MqttBridge bridge = app.getBean(MqttBridge.class);
        await().atMost(Duration.ofSeconds(20)).until(bridge::isConnected);
        app.getBean(io.microevents.Work.class).triggerEvent("ping");
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.status().messagesOut() == 1);
        RestClient http = RestClient.create("http://127.0.0.1:" + app.getBean(Environment.class).getProperty("local.server.port"));

        Map<String, Object> status = http.get().uri("/microevents/mqtt").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(status).containsEntry("node", "rig-web").containsEntry("connected", true)
                .containsEntry("embedded", true).containsEntry("messagesOut", 1).containsKey("since");
        @SuppressWarnings("unchecked") Map<String, Object> drops = (Map<String, Object>) status.get("drops");
        assertThat(drops).containsEntry("BUFFER_FULL", 0);

        Map<String, Object> health = http.get().uri("/actuator/health/mqtt").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(health).containsEntry("status", "UP");

        MeterRegistry meters = app.getBean(MeterRegistry.class);
        assertThat(meters.get("microevents.mqtt.connected").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("microevents.mqtt.messages").tag("direction", "out").functionCounter().count()).isEqualTo(1.0);
        assertThat(meters.get("microevents.mqtt.dropped").tag("reason", "buffer-full").functionCounter().count()).isZero();
    }
}
