package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microevents.Checks;
import io.microevents.OverflowPolicy;
import io.microevents.Ring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the microevents starter: everything under {@code microevents.*}. Each
 * property is described once, on its field, which is what the configuration metadata shows; a
 * setter throws {@link NullPointerException} for a null and {@link IllegalArgumentException} for
 * a value out of range, naming the property.
 *
 * <pre>{@code
 * microevents:
 *   work:
 *     thread-name: rig-loop
 *     max-tasks: 512
 *     shutdown-timeout: 5s
 *   rings:
 *     sensor:
 *       size: 4096
 *       overflow: drop-oldest
 *   metrics:
 *     max-event-tags: 50
 *   health:
 *     max-lateness: 2s
 *   cluster:
 *     lock-at-most-for: 10m
 * }</pre>
 */
@ConfigurationProperties("microevents")
public class MicroeventsProperties {

    /** The scheduler (Work bean) and its loop thread. */
    private final WorkSettings work = new WorkSettings();

    /**
     * Ring buffers by name: each entry becomes a Ring bean named after its key, injectable with
     * a qualifier of that name and listed by the RingRegistry bean.
     */
    private final Map<String, RingSettings> rings = new LinkedHashMap<>();

    /** Micrometer meters, when Micrometer is on the classpath. */
    private final MetricsSettings metrics = new MetricsSettings();

    /** The actuator health indicator, when actuator is on the classpath. */
    private final HealthSettings health = new HealthSettings();

    /** Repeat methods with singleton = true: once per cluster, through a ShedLock LockProvider bean. */
    private final ClusterSettings cluster = new ClusterSettings();

    public WorkSettings getWork() {
        return work;
    }

    public Map<String, RingSettings> getRings() {
        return rings;
    }

    public MetricsSettings getMetrics() {
        return metrics;
    }

    public HealthSettings getHealth() {
        return health;
    }

    public ClusterSettings getCluster() {
        return cluster;
    }

    /** {@code microevents.work.*}: the {@code Work} bean and its loop thread. */
    public static class WorkSettings {

        /**
         * Whether to create the Work bean, run its loop thread and register the On and Repeat
         * annotated methods. Ring beans are created either way.
         */
        private boolean enabled = true;

        /** Name of the thread that runs the scheduler's loop. */
        private String threadName = "microevents-work";

        /** Size of the task table: how many tasks may exist at once, annotated methods included. */
        private int maxTasks = 256;

        /**
         * How many triggers may wait for one listener before further ones are dropped (and
         * counted in the task's status and in metrics).
         */
        private int maxQueuedTriggers = 65536;

        /**
         * How much memory all queued triggers may hold, by estimate (each run and its argument
         * values: strings, byte arrays, numbers, nested lists and maps), before further triggers
         * are dropped and counted like those over max-queued-triggers. It bounds what HTTP clients
         * and serial lines can make the application hold while the loop is busy or paused.
         */
        private DataSize maxQueuedTriggerBytes = DataSize.ofMegabytes(32);

        /**
         * How long the context's shutdown gives the loop to run what is already due (the running
         * job included) before it ends; a job still running then is interrupted, with one warning
         * line naming its task. Triggered runs left over are counted and logged in one line. A
         * context stop that is not a shutdown (stop, then start) pauses the loop: it waits this
         * long for the running job, and keeps every task.
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getThreadName() {
            return threadName;
        }

        public void setThreadName(String threadName) {
            this.threadName = Checks.notBlank(threadName, "thread-name");
        }

        public int getMaxTasks() {
            return maxTasks;
        }

        public void setMaxTasks(int maxTasks) {
            if (maxTasks <= 0) {
                throw new IllegalArgumentException("max-tasks must be > 0, but was " + maxTasks);
            }
            this.maxTasks = maxTasks;
        }

        public int getMaxQueuedTriggers() {
            return maxQueuedTriggers;
        }

        public void setMaxQueuedTriggers(int maxQueuedTriggers) {
            if (maxQueuedTriggers <= 0) {
                throw new IllegalArgumentException("max-queued-triggers must be > 0, but was " + maxQueuedTriggers);
            }
            this.maxQueuedTriggers = maxQueuedTriggers;
        }

        public DataSize getMaxQueuedTriggerBytes() {
            return maxQueuedTriggerBytes;
        }

        public void setMaxQueuedTriggerBytes(DataSize maxQueuedTriggerBytes) {
            if (Checks.notNull(maxQueuedTriggerBytes, "max-queued-trigger-bytes").toBytes() <= 0) {
                throw new IllegalArgumentException("max-queued-trigger-bytes must be > 0, but was "
                        + maxQueuedTriggerBytes);
            }
            this.maxQueuedTriggerBytes = maxQueuedTriggerBytes;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            if (Checks.notNull(shutdownTimeout, "shutdown-timeout").isNegative()) {
                throw new IllegalArgumentException("shutdown-timeout must be >= 0, but was " + shutdownTimeout);
            }
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** {@code microevents.rings.<name>.*}: one ring buffer. */
    public static class RingSettings {

        /** Size of the ring's buffer in bytes (at least 8); each message takes 4 bytes of header plus its payload. */
        private int size = 1024;

        /**
         * What the ring does with a message that does not fit: reject it (put throws, offer
         * returns false) or drop the oldest messages to make room (drops are counted).
         */
        private OverflowPolicy overflow = OverflowPolicy.REJECT;

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            if (size < Ring.MIN_SIZE) {
                throw new IllegalArgumentException("size must be at least " + Ring.MIN_SIZE + " bytes, but was " + size);
            }
            this.size = size;
        }

        public OverflowPolicy getOverflow() {
            return overflow;
        }

        public void setOverflow(OverflowPolicy overflow) {
            this.overflow = Checks.notNull(overflow, "overflow");
        }
    }

    /** {@code microevents.metrics.*}: Micrometer meters, when Micrometer is on the classpath. */
    public static class MetricsSettings {

        /**
         * How many distinct event names get a tag of their own on the triggered-events counter;
         * further names (event names can come from untrusted input such as serial lines) are
         * counted under the tag value "other".
         */
        private int maxEventTags = 100;

        public int getMaxEventTags() {
            return maxEventTags;
        }

        public void setMaxEventTags(int maxEventTags) {
            if (maxEventTags < 0) {
                throw new IllegalArgumentException("max-event-tags must be >= 0, but was " + maxEventTags);
            }
            this.maxEventTags = maxEventTags;
        }
    }

    /** {@code microevents.health.*}: the actuator health indicator, when actuator is on the classpath. */
    public static class HealthSettings {

        /**
         * Lateness above which the health indicator reports DOWN: how late task runs started
         * since the previous check, or how long the loop has not answered a health probe
         * because a job is still running.
         */
        private Duration maxLateness = Duration.ofSeconds(5);

        public Duration getMaxLateness() {
            return maxLateness;
        }

        public void setMaxLateness(Duration maxLateness) {
            if (Checks.notNull(maxLateness, "max-lateness").isNegative() || maxLateness.isZero()) {
                throw new IllegalArgumentException("max-lateness must be > 0, but was " + maxLateness);
            }
            this.maxLateness = maxLateness;
        }
    }

    /**
     * {@code microevents.cluster.*}: {@code @Repeat(singleton = true)} methods, which run on one
     * instance of the application at a time through a ShedLock {@code LockProvider} bean.
     */
    public static class ClusterSettings {

        /**
         * How long a singleton task's lock is kept at most when the instance holding it dies, for
         * methods that do not set lockAtMostFor. Unset: three periods of the method. It must be
         * longer than the method ever runs.
         */
        private Duration lockAtMostFor;

        /**
         * How long a singleton task's lock is kept at least, even when the method returns sooner,
         * for methods that do not set lockAtLeastFor: it keeps instances whose clocks are a
         * little apart from running the same slot twice. Unset: nine tenths of the period.
         */
        private Duration lockAtLeastFor;

        /**
         * How long a slot waits for the lock store's answer before it is skipped (and counted as
         * a lock failure). Never more than the method's period or half its lockAtMostFor.
         */
        private Duration lockTimeout = Duration.ofSeconds(10);

        /** Threads that call the lock store, off the scheduler's loop thread. */
        private int lockThreads = 2;

        /**
         * How many lock-store calls may wait for a free thread; further slots are skipped and
         * counted as lock failures.
         */
        private int maxQueuedLockCalls = 64;

        public Duration getLockAtMostFor() {
            return lockAtMostFor;
        }

        public void setLockAtMostFor(Duration lockAtMostFor) {
            if (lockAtMostFor != null && (lockAtMostFor.isNegative() || lockAtMostFor.isZero())) {
                throw new IllegalArgumentException("lock-at-most-for must be > 0, but was " + lockAtMostFor);
            }
            this.lockAtMostFor = lockAtMostFor;
        }

        public Duration getLockAtLeastFor() {
            return lockAtLeastFor;
        }

        public void setLockAtLeastFor(Duration lockAtLeastFor) {
            if (lockAtLeastFor != null && lockAtLeastFor.isNegative()) {
                throw new IllegalArgumentException("lock-at-least-for must be >= 0, but was " + lockAtLeastFor);
            }
            this.lockAtLeastFor = lockAtLeastFor;
        }

        public Duration getLockTimeout() {
            return lockTimeout;
        }

        public void setLockTimeout(Duration lockTimeout) {
            if (Checks.notNull(lockTimeout, "lock-timeout").isNegative() || lockTimeout.isZero()) {
                throw new IllegalArgumentException("lock-timeout must be > 0, but was " + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
        }

        public int getLockThreads() {
            return lockThreads;
        }

        public void setLockThreads(int lockThreads) {
            if (lockThreads <= 0) {
                throw new IllegalArgumentException("lock-threads must be > 0, but was " + lockThreads);
            }
            this.lockThreads = lockThreads;
        }

        public int getMaxQueuedLockCalls() {
            return maxQueuedLockCalls;
        }

        public void setMaxQueuedLockCalls(int maxQueuedLockCalls) {
            if (maxQueuedLockCalls <= 0) {
                throw new IllegalArgumentException("max-queued-lock-calls must be > 0, but was " + maxQueuedLockCalls);
            }
            this.maxQueuedLockCalls = maxQueuedLockCalls;
        }
    }
}
