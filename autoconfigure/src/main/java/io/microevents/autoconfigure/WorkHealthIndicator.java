package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.microevents.Checks;
import io.microevents.Work;
import io.microevents.WorkObserver;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the scheduler's loop ({@code /actuator/health/microevents}): UP while the loop thread
 * is alive and its lateness is at most {@code microevents.health.max-lateness}; DOWN otherwise.
 *
 * <p>Lateness is the larger of two measures: how late the task runs since the previous check
 * started (actual start minus due time), and how long a probe handed to the loop by an earlier
 * check has waited without running, which grows while a job runs too long. On virtual time (no
 * loop thread) it reports UP with {@code mode=virtual-time}.
 *
 * <p>Details: {@code thread}, {@code tasks}, {@code pending}, {@code queuedTriggerBytes},
 * {@code droppedTriggers} (every trigger dropped over a bound since start), {@code lateness} and
 * {@code maxLateness}.
 */
public final class WorkHealthIndicator implements HealthIndicator, DisposableBean {

    private static final long NO_PROBE = Long.MIN_VALUE;

    private final WorkLifecycle lifecycle;
    private final Work work;
    private final Duration maxLateness;
    private final AtomicLong latenessSinceCheck = new AtomicLong();
    private final AtomicLong probeSentAt = new AtomicLong(NO_PROBE);
    private final WorkObserver observer = new WorkObserver() {
        @Override
        public void taskRan(int taskId, String job, long latenessNanos, long durationNanos, Throwable error) {
            latenessSinceCheck.accumulateAndGet(latenessNanos, Math::max);
        }
    };

    /**
     * A health indicator for the scheduler a lifecycle runs; registers itself as its observer.
     *
     * @param lifecycle the loop's lifecycle
     * @param maxLateness the lateness above which it reports DOWN
     * @throws NullPointerException if an argument is null
     */
    public WorkHealthIndicator(WorkLifecycle lifecycle, Duration maxLateness) {
        this.lifecycle = Checks.notNull(lifecycle, "lifecycle");
        this.work = lifecycle.getWork();
        this.maxLateness = Checks.notNull(maxLateness, "maxLateness");
        work.addObserver(observer);
    }

    /** The observer that records lateness; package-private for tests. */
    WorkObserver observer() {
        return observer;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("tasks", work.taskCount())
                .withDetail("pending", work.pendingCount())
                .withDetail("queuedTriggerBytes", work.queuedTriggerBytes())
                .withDetail("droppedTriggers", work.droppedTriggers());
        if (lifecycle.isVirtualTime()) {
            return health.withDetail("mode", "virtual-time").build();
        }
        health.withDetail("thread", lifecycle.getThreadName());
        if (!lifecycle.isRunning()) {
            return health.down().withDetail("reason", "the scheduler is stopped").build();
        }
        if (!lifecycle.isLoopAlive()) {
            return health.down().withDetail("reason", "the loop thread is not alive").build();
        }
        Duration lateness = Duration.ofNanos(Math.max(latenessSinceCheck.getAndSet(0), probe()));
        health.withDetail("lateness", lateness.toMillis() + "ms")
                .withDetail("maxLateness", maxLateness.toMillis() + "ms");
        if (lateness.compareTo(maxLateness) > 0) {
            return health.down().withDetail("reason", "the loop is late by more than maxLateness").build();
        }
        return health.build();
    }

    /** Hands a probe to the loop if none is waiting; returns how long a waiting one has waited. */
    private long probe() {
        long now = System.nanoTime();
        long sent = probeSentAt.get();
        if (sent != NO_PROBE) {
            return Math.max(0, now - sent);
        }
        if (probeSentAt.compareAndSet(NO_PROBE, now)) {
            work.run(() -> probeSentAt.set(NO_PROBE));
        }
        return 0;
    }

    /** Stops observing the scheduler. */
    @Override
    public void destroy() {
        work.removeObserver(observer);
    }
}
