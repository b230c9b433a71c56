package io.microevents.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.Checks;
import io.microevents.Ring;

/**
 * Micrometer meters of every ring in a {@link RingRegistry}, tagged {@code ring=<name>}:
 * {@value #USED} and {@value #CAPACITY} (gauges, bytes) and {@value #DROPPED} (counter: messages
 * a {@code drop-oldest} ring dropped to make room).
 */
public final class RingMetrics implements MeterBinder {

    /** Gauge: bytes in use (headers, payloads and records not yet reclaimed). */
    public static final String USED = "microevents.ring.used";
    /** Gauge: the buffer size in bytes. */
    public static final String CAPACITY = "microevents.ring.capacity";
    /** Counter: messages dropped to make room. */
    public static final String DROPPED = "microevents.ring.dropped";

    private final RingRegistry rings;

    /**
     * Meters for the rings of a registry.
     *
     * @param rings the registry
     * @throws NullPointerException if {@code rings} is null
     */
    public RingMetrics(RingRegistry rings) {
        this.rings = Checks.notNull(rings, "rings");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        rings.all().forEach((name, ring) -> {
            Gauge.builder(USED, ring, Ring::used)
                    .description("Bytes in use in the ring buffer")
                    .baseUnit(BaseUnits.BYTES)
                    .tag("ring", name)
                    .register(registry);
            Gauge.builder(CAPACITY, ring, Ring::capacity)
                    .description("Size of the ring buffer")
                    .baseUnit(BaseUnits.BYTES)
                    .tag("ring", name)
                    .register(registry);
            FunctionCounter.builder(DROPPED, ring, Ring::droppedCount)
                    .description("Messages the ring dropped to make room")
                    .tag("ring", name)
                    .register(registry);
        });
    }
}
