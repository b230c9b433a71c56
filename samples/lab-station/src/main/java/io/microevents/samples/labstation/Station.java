package io.microevents.samples.labstation;

import java.util.concurrent.atomic.AtomicLong;

import io.microevents.annotation.On;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the station does with the rigs' events: the same {@code @On} methods as for local events.
 * They run on the scheduler's loop thread, one at a time.
 */
@Component
public class Station {

    private static final Logger log = LoggerFactory.getLogger(Station.class);

    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong alarms = new AtomicLong();

    /**
     * A rig's reading.
     *
     * @param celsius the reading
     */
    @On("sensor")
    void onReading(double celsius) {
        log.info("Reading {}: {} C", readings.incrementAndGet(), celsius);
    }

    /**
     * A rig's alarm: its reading crossed the threshold.
     *
     * @param celsius the reading that raised it
     */
    @On("alarm")
    void onAlarm(double celsius) {
        log.warn("ALARM {} from a rig: {} C", alarms.incrementAndGet(), celsius);
    }

    /** @return readings received so far */
    public long readings() {
        return readings.get();
    }

    /** @return alarms received so far */
    public long alarms() {
        return alarms.get();
    }
}
