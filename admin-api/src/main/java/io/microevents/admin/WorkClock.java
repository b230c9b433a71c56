package io.microevents.admin;

import io.microevents.Work;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Maps the scheduler's clock ({@link Work#nowMillis()}, monotonic, possibly virtual) to wall-clock
 * instants, anchored when the admin starts. On a {@code ManualTicker} the instants move with
 * virtual time, so what the admin shows is deterministic in tests.
 */
final class WorkClock {

    private final Work work;
    private final Instant startedAt;
    private final long startedMillis;

    WorkClock(Work work, Clock wallClock) {
        this.work = work;
        this.startedAt = wallClock.instant().truncatedTo(ChronoUnit.MILLIS);
        this.startedMillis = work.nowMillis();
    }

    /** The scheduler's time now, in milliseconds. */
    long nowMillis() {
        return work.nowMillis();
    }

    /** The wall-clock instant of a reading of the scheduler's clock. */
    Instant toInstant(long workMillis) {
        return startedAt.plusMillis(workMillis - startedMillis);
    }

    /** When the admin started. */
    Instant startedAt() {
        return startedAt;
    }

    /** Milliseconds on the scheduler's clock since the admin started. */
    long uptimeMillis() {
        return work.nowMillis() - startedMillis;
    }
}
