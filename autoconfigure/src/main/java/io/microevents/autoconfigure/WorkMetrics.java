package io.microevents.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.Checks;
import io.microevents.Work;
import io.microevents.WorkObserver;

import org.springframework.beans.factory.DisposableBean;

/**
 * Micrometer meters of a {@link Work}, fed by a {@link WorkObserver} it adds to the scheduler:
 * <ul>
 *   <li>{@value #TASKS_ACTIVE}, {@value #TASKS_PENDING} (gauges): {@code taskCount()} and
 *       {@code pendingCount()};</li>
 *   <li>{@value #TRIGGERS_QUEUED_BYTES} (gauge): {@code queuedTriggerBytes()}, the estimated memory
 *       queued triggers hold;</li>
 *   <li>{@value #TASK_RUNS} (counter, tag {@code outcome}: {@code success} or {@code failure});</li>
 *   <li>{@value #TASK_LATENESS} (timer): actual start minus due time of each run;</li>
 *   <li>{@value #EVENTS_TRIGGERED} (counter, tag {@code event}): triggers per event name. Event
 *       names may come from untrusted input, so only the first {@code maxEventTags} distinct
 *       names get a tag of their own; the rest count under {@value #OTHER};</li>
 *   <li>{@value #TRIGGERS_DROPPED} (counter): triggers refused because a listener already had
 *       the maximum queued, or queued triggers held the maximum of bytes.</li>
 * </ul>
 * Runs and triggers before the binder is bound to a registry are not counted.
 */
public final class WorkMetrics implements MeterBinder, DisposableBean {

    /** Gauge: tasks in the table. */
    public static final String TASKS_ACTIVE = "microevents.tasks.active";
    /** Gauge: runs queued. */
    public static final String TASKS_PENDING = "microevents.tasks.pending";
    /** Counter: finished runs by outcome. */
    public static final String TASK_RUNS = "microevents.task.runs";
    /** Timer: how late runs started. */
    public static final String TASK_LATENESS = "microevents.task.lateness";
    /** Counter: triggers by event name. */
    public static final String EVENTS_TRIGGERED = "microevents.events.triggered";
    /** Gauge: estimated bytes held by queued triggers. */
    public static final String TRIGGERS_QUEUED_BYTES = "microevents.triggers.queued.bytes";
    /** Counter: triggers dropped over a bound (a full per-listener queue, or the byte bound). */
    public static final String TRIGGERS_DROPPED = "microevents.triggers.dropped";
    /** The {@code event} tag value for names past the bound. */
    public static final String OTHER = "other";

    private final Work work;
    private final int maxEventTags;
    private final WorkObserver observer = new Observer();
    private volatile Meters meters;

    /**
     * Meters for a scheduler; registers itself as its observer.
     *
     * @param work the scheduler
     * @param maxEventTags how many distinct event names get a tag of their own
     * @throws NullPointerException if {@code work} is null
     * @throws IllegalArgumentException if {@code maxEventTags} is negative
     */
    public WorkMetrics(Work work, int maxEventTags) {
        this.work = Checks.notNull(work, "work");
        Checks.notNegative(maxEventTags, "maxEventTags");
        this.maxEventTags = maxEventTags;
        work.addObserver(observer);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(TASKS_ACTIVE, work, Work::taskCount)
                .description("Tasks in the scheduler's table, including listeners waiting for an event")
                .register(registry);
        Gauge.builder(TASKS_PENDING, work, Work::pendingCount)
                .description("Runs queued for execution, due or not")
                .register(registry);
        Gauge.builder(TRIGGERS_QUEUED_BYTES, work, Work::queuedTriggerBytes)
                .description("Estimated memory held by queued triggers (max-queued-trigger-bytes bounds it)")
                .baseUnit("bytes")
                .register(registry);
        meters = new Meters(registry);
    }

    /** Feeds the meters; not a bean of its own, so the Work bean does not depend on this one. */
    private final class Observer implements WorkObserver {

        @Override
        public void taskRan(int taskId, String job, long latenessNanos, long durationNanos, Throwable error) {
            Meters m = meters;
            if (m != null) {
                (error == null ? m.success : m.failure).increment();
                m.lateness.record(Math.max(0, latenessNanos), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void eventTriggered(String event, int woken) {
            Meters m = meters;
            if (m != null) {
                m.triggered(event).increment();
            }
        }

        @Override
        public void triggerDropped(int taskId, String event) {
            Meters m = meters;
            if (m != null) {
                m.dropped.increment();
            }
        }
    }

    /** Stops observing the scheduler. */
    @Override
    public void destroy() {
        work.removeObserver(observer);
    }

    /** The meters of one registry. */
    private final class Meters {
        final MeterRegistry registry;
        final Counter success;
        final Counter failure;
        final Timer lateness;
        final Counter dropped;
        final Counter other;
        final Map<String, Counter> events = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry) {
            this.registry = registry;
            this.success = runs(registry, "success");
            this.failure = runs(registry, "failure");
            this.lateness = Timer.builder(TASK_LATENESS)
                    .description("How late task runs started: actual start minus due time")
                    .register(registry);
            this.dropped = Counter.builder(TRIGGERS_DROPPED)
                    .description("Triggers refused because a listener already had the maximum queued")
                    .register(registry);
            this.other = triggeredCounter(OTHER);
        }

        Counter triggered(String event) {
            Counter counter = events.get(event);
            if (counter != null) {
                return counter;
            }
            synchronized (this) {
                counter = events.get(event);
                if (counter == null) {
                    if (events.size() >= maxEventTags || OTHER.equals(event)) {
                        return other;
                    }
                    counter = triggeredCounter(event);
                    events.put(event, counter);
                }
                return counter;
            }
        }

        private Counter triggeredCounter(String event) {
            return Counter.builder(EVENTS_TRIGGERED)
                    .description("Events triggered, by name (names past microevents.metrics.max-event-tags: other)")
                    .tag("event", event)
                    .register(registry);
        }

        private static Counter runs(MeterRegistry registry, String outcome) {
            return Counter.builder(TASK_RUNS)
                    .description("Finished task runs by outcome")
                    .tag("outcome", outcome)
                    .register(registry);
        }
    }
}
