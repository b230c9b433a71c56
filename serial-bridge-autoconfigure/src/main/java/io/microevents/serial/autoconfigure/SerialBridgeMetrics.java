package io.microevents.serial.autoconfigure;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.serial.DropReason;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;

/**
 * Micrometer meters of every port of a {@link SerialBridge}, tagged {@code port=<name>}: lines in
 * and out, skipped lines by {@code reason}, dropped writes, triggers that listeners dropped,
 * disconnects (counters), and whether the port is connected (gauge, 1 or 0).
 */
public final class SerialBridgeMetrics implements MeterBinder {

    /** Counter: inbound lines that became events. */
    public static final String LINES_IN = "microevents.serial.lines.in";
    /** Counter: outbound lines written to the port. */
    public static final String LINES_OUT = "microevents.serial.lines.out";
    /** Counter: inbound lines counted and skipped, tagged {@code reason} (a {@link DropReason}). */
    public static final String LINES_DROPPED = "microevents.serial.lines.dropped";
    /** Counter: outbound lines refused or lost (not connected, queue full, write failed). */
    public static final String WRITES_DROPPED = "microevents.serial.writes.dropped";
    /** Counter: triggers of the port's events that listeners dropped, their queue of triggers full. */
    public static final String TRIGGERS_DROPPED = "microevents.serial.triggers.dropped";
    /** Counter: how often an open port was lost. */
    public static final String DISCONNECTS = "microevents.serial.disconnects";
    /** Gauge: 1 while the port is open, else 0. */
    public static final String CONNECTED = "microevents.serial.connected";

    private final SerialBridge bridge;

    /**
     * Meters for the ports of a bridge.
     *
     * @param bridge the bridge
     * @throws NullPointerException if {@code bridge} is null
     */
    public SerialBridgeMetrics(SerialBridge bridge) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String port : bridge.portNames()) {
            counter(registry, port, LINES_IN, "Inbound lines that became events", SerialPortStatus::linesIn);
            counter(registry, port, LINES_OUT, "Outbound lines written to the port", SerialPortStatus::linesOut);
            counter(registry, port, WRITES_DROPPED, "Outbound lines refused or lost", SerialPortStatus::droppedWrites);
            counter(registry, port, TRIGGERS_DROPPED,
                    "Triggers of the port's events that listeners dropped, their queue full", SerialPortStatus::droppedTriggers);
            counter(registry, port, DISCONNECTS, "How often the open port was lost", SerialPortStatus::disconnects);
            for (DropReason reason : DropReason.values()) {
                FunctionCounter.builder(LINES_DROPPED, bridge, b -> value(b, port, s -> s.droppedByReason().get(reason)))
                        .description("Inbound lines counted and skipped")
                        .tag("port", port)
                        .tag("reason", reason.name())
                        .register(registry);
            }
            Gauge.builder(CONNECTED, bridge, b -> value(b, port, s -> s.connected() ? 1 : 0))
                    .description("1 while the port is open")
                    .tag("port", port)
                    .register(registry);
        }
    }

    private void counter(MeterRegistry registry, String port, String name, String description,
                         ToDoubleFunction<SerialPortStatus> count) {
        FunctionCounter.builder(name, bridge, b -> value(b, port, count))
                .description(description)
                .tag("port", port)
                .register(registry);
    }

    private static double value(SerialBridge bridge, String port, ToDoubleFunction<SerialPortStatus> f) {
        return bridge.status(port).map(f::applyAsDouble).orElse(0.0);
    }
}
