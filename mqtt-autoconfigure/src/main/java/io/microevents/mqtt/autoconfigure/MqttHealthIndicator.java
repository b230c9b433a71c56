package io.microevents.mqtt.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.microevents.mqtt.MqttBridge;
import io.microevents.mqtt.MqttStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the MQTT connection ({@code /actuator/health/mqtt}): UP while connected, DOWN while
 * not, with since when, the counters and the drops by reason as details.
 */
public class MqttHealthIndicator implements HealthIndicator {

    private final MqttBridge bridge;

    /**
     * @param bridge the bridge whose connection is reported
     */
    public MqttHealthIndicator(MqttBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public Health health() {
        MqttStatus s = bridge.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("node", s.node());
        details.put("broker", s.broker());
        details.put("embedded", s.embedded());
        details.put("connected", s.connected());
        if (s.since() != null) {
            details.put("since", s.since().toString());
        }
        if (s.lastError() != null) {
            details.put("lastError", s.lastError());
        }
        details.put("messagesIn", s.messagesIn());
        details.put("messagesOut", s.messagesOut());
        details.put("buffered", s.buffered());
        details.put("reconnects", s.reconnects());
        details.put("drops", s.drops());
        return (s.connected() ? Health.up() : Health.down()).withDetails(details).build();
    }
}
