package io.microevents.mqtt.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.mqtt.MqttBridge;
import io.microevents.mqtt.MqttDropReason;

/**
 * Micrometer meters of the MQTT bridge: {@code microevents.mqtt.connected} (1 or 0),
 * {@code microevents.mqtt.messages} (tag {@code direction}: {@code in}, {@code out}),
 * {@code microevents.mqtt.dropped} (tag {@code reason}), {@code microevents.mqtt.buffered} and
 * {@code microevents.mqtt.reconnects}; all tagged with the {@code node}.
 */
public class MqttMetrics implements MeterBinder {

    private final MqttBridge bridge;

    /**
     * @param bridge the bridge to measure
     */
    public MqttMetrics(MqttBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String node = bridge.topics().node();
        Gauge.builder("microevents.mqtt.connected", bridge, b -> b.isConnected() ? 1 : 0)
                .description("Whether the MQTT client is connected").tag("node", node).register(registry);
        Gauge.builder("microevents.mqtt.buffered", bridge, b -> b.status().buffered())
                .description("Outbound events waiting for the connection").tag("node", node).register(registry);
        FunctionCounter.builder("microevents.mqtt.messages", bridge, b -> b.status().messagesIn())
                .description("MQTT messages in (triggered here) and out (published)")
                .tag("node", node).tag("direction", "in").register(registry);
        FunctionCounter.builder("microevents.mqtt.messages", bridge, b -> b.status().messagesOut())
                .description("MQTT messages in (triggered here) and out (published)")
                .tag("node", node).tag("direction", "out").register(registry);
        FunctionCounter.builder("microevents.mqtt.reconnects", bridge, b -> b.status().reconnects())
                .description("Connections made again after a loss").tag("node", node).register(registry);
        for (MqttDropReason reason : MqttDropReason.values()) {
            FunctionCounter.builder("microevents.mqtt.dropped", bridge, b -> b.dropped(reason))
                    .description("Events and messages the MQTT bridge dropped, by reason")
                    .tag("node", node).tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .register(registry);
        }
    }
}
