package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microevents.OverflowPolicy;
import io.microevents.Ring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the microevents starter: everything under {@code microevents.*}.
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

    /**
     * The scheduler and its loop thread.
     *
     * @return the {@code microevents.work.*} group
     */
    public WorkSettings getWork() {
        return work;
    }

    /**
     * Ring buffers by name: each entry becomes a {@code Ring} bean whose bean name is the key,
     * injectable with {@code @Qualifier("<name>")} and listed by {@link RingRegistry}.
     *
     * @return the {@code microevents.rings.<name>.*} entries
     */
    public Map<String, RingSettings> getRings() {
        return rings;
    }

    /**
     * Micrometer meters.
     *
     * @return the {@code microevents.metrics.*} group
     */
    public MetricsSettings getMetrics() {
        return metrics;
    }

    /**
     * The actuator health indicator.
     *
     * @return the {@code microevents.health.*} group
     */
    public HealthSettings getHealth() {
        return health;
    }

    /**
     * {@code @Repeat(singleton = true)} methods: once per cluster.
     *
     * @return the {@code microevents.cluster.*} group
     */
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

        /**
         * Whether the Work bean and its loop are enabled.
         *
         * @return true by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Enables or disables the Work bean and its loop.
         *
         * @param enabled false backs off: no Work bean, no loop thread, no annotated methods
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The loop thread's name.
         *
         * @return the name
         */
        public String getThreadName() {
            return threadName;
        }

        /**
         * Sets the loop thread's name.
         *
         * @param threadName a non-blank name
         * @throws IllegalArgumentException if {@code threadName} is blank
         */
        public void setThreadName(String threadName) {
            if (threadName == null || threadName.isBlank()) {
                throw new IllegalArgumentException("thread-name must not be blank");
            }
            this.threadName = threadName;
        }

        /**
         * The size of the task table.
         *
         * @return at least 1
         */
        public int getMaxTasks() {
            return maxTasks;
        }

        /**
         * Sets the size of the task table.
         *
         * @param maxTasks at least 1
         * @throws IllegalArgumentException if {@code maxTasks <= 0}
         */
        public void setMaxTasks(int maxTasks) {
            if (maxTasks <= 0) {
                throw new IllegalArgumentException("max-tasks must be > 0, but was " + maxTasks);
            }
            this.maxTasks = maxTasks;
        }

        /**
         * The bound on queued triggers per listener.
         *
         * @return at least 1
         */
        public int getMaxQueuedTriggers() {
            return maxQueuedTriggers;
        }

        /**
         * Sets the bound on queued triggers per listener.
         *
         * @param maxQueuedTriggers at least 1
         * @throws IllegalArgumentException if {@code maxQueuedTriggers <= 0}
         */
        public void setMaxQueuedTriggers(int maxQueuedTriggers) {
            if (maxQueuedTriggers <= 0) {
                throw new IllegalArgumentException("max-queued-triggers must be > 0, but was " + maxQueuedTriggers);
            }
            this.maxQueuedTriggers = maxQueuedTriggers;
        }

        /**
         * The bound on the memory queued triggers may hold.
         *
         * @return the bound
         */
        public DataSize getMaxQueuedTriggerBytes() {
            return maxQueuedTriggerBytes;
        }

        /**
         * Sets the bound on the memory queued triggers may hold.
         *
         * @param maxQueuedTriggerBytes a positive size
         * @throws IllegalArgumentException if it is null or not positive
         */
        public void setMaxQueuedTriggerBytes(DataSize maxQueuedTriggerBytes) {
            if (maxQueuedTriggerBytes == null || maxQueuedTriggerBytes.toBytes() <= 0) {
                throw new IllegalArgumentException("max-queued-trigger-bytes must be > 0, but was "
                        + maxQueuedTriggerBytes);
            }
            this.maxQueuedTriggerBytes = maxQueuedTriggerBytes;
        }

        /**
         * How long shutdown waits for the loop thread.
         *
         * @return the timeout
         */
        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        /**
         * Sets how long shutdown waits for the loop thread.
         *
         * @param shutdownTimeout zero or more
         * @throws IllegalArgumentException if {@code shutdownTimeout} is null or negative
         */
        public void setShutdownTimeout(Duration shutdownTimeout) {
            if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
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

        /**
         * The buffer size in bytes.
         *
         * @return at least 8
         */
        public int getSize() {
            return size;
        }

        /**
         * Sets the buffer size in bytes.
         *
         * @param size at least 8
         * @throws IllegalArgumentException if {@code size < 8}
         */
        public void setSize(int size) {
            if (size < Ring.MIN_SIZE) {
                throw new IllegalArgumentException("size must be at least " + Ring.MIN_SIZE + " bytes, but was " + size);
            }
            this.size = size;
        }

        /**
         * The overflow policy.
         *
         * @return {@code REJECT} by default
         */
        public OverflowPolicy getOverflow() {
            return overflow;
        }

        /**
         * Sets the overflow policy.
         *
         * @param overflow {@code reject} or {@code drop-oldest}
         * @throws IllegalArgumentException if {@code overflow} is null
         */
        public void setOverflow(OverflowPolicy overflow) {
            if (overflow == null) {
                throw new IllegalArgumentException("overflow must be reject or drop-oldest");
            }
            this.overflow = overflow;
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

        /**
         * The bound on distinct event-name tags.
         *
         * @return zero or more
         */
        public int getMaxEventTags() {
            return maxEventTags;
        }

        /**
         * Sets the bound on distinct event-name tags.
         *
         * @param maxEventTags zero or more; 0 counts every event under "other"
         * @throws IllegalArgumentException if {@code maxEventTags} is negative
         */
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

        /**
         * The lateness threshold.
         *
         * @return a positive duration
         */
        public Duration getMaxLateness() {
            return maxLateness;
        }

        /**
         * Sets the lateness threshold.
         *
         * @param maxLateness a positive duration
         * @throws IllegalArgumentException if {@code maxLateness} is null, zero or negative
         */
        public void setMaxLateness(Duration maxLateness) {
            if (maxLateness == null || maxLateness.isNegative() || maxLateness.isZero()) {
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

        /**
         * The default lockAtMostFor.
         *
         * @return the duration, or null for three periods
         */
        public Duration getLockAtMostFor() {
            return lockAtMostFor;
        }

        /**
         * Sets the default lockAtMostFor.
         *
         * @param lockAtMostFor a positive duration, or null for three periods
         * @throws IllegalArgumentException if {@code lockAtMostFor} is zero or negative
         */
        public void setLockAtMostFor(Duration lockAtMostFor) {
            if (lockAtMostFor != null && (lockAtMostFor.isNegative() || lockAtMostFor.isZero())) {
                throw new IllegalArgumentException("lock-at-most-for must be > 0, but was " + lockAtMostFor);
            }
            this.lockAtMostFor = lockAtMostFor;
        }

        /**
         * The default lockAtLeastFor.
         *
         * @return the duration, or null for nine tenths of the period
         */
        public Duration getLockAtLeastFor() {
            return lockAtLeastFor;
        }

        /**
         * Sets the default lockAtLeastFor.
         *
         * @param lockAtLeastFor zero or more, or null for nine tenths of the period
         * @throws IllegalArgumentException if {@code lockAtLeastFor} is negative
         */
        public void setLockAtLeastFor(Duration lockAtLeastFor) {
            if (lockAtLeastFor != null && lockAtLeastFor.isNegative()) {
                throw new IllegalArgumentException("lock-at-least-for must be >= 0, but was " + lockAtLeastFor);
            }
            this.lockAtLeastFor = lockAtLeastFor;
        }

        /**
         * How long a slot waits for the lock store.
         *
         * @return a positive duration
         */
        public Duration getLockTimeout() {
            return lockTimeout;
        }

        /**
         * Sets how long a slot waits for the lock store.
         *
         * @param lockTimeout a positive duration
         * @throws IllegalArgumentException if {@code lockTimeout} is null, zero or negative
         */
        public void setLockTimeout(Duration lockTimeout) {
            if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
                throw new IllegalArgumentException("lock-timeout must be > 0, but was " + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
        }

        /**
         * The number of lock-store threads.
         *
         * @return at least 1
         */
        public int getLockThreads() {
            return lockThreads;
        }

        /**
         * Sets the number of lock-store threads.
         *
         * @param lockThreads at least 1
         * @throws IllegalArgumentException if {@code lockThreads <= 0}
         */
        public void setLockThreads(int lockThreads) {
            if (lockThreads <= 0) {
                throw new IllegalArgumentException("lock-threads must be > 0, but was " + lockThreads);
            }
            this.lockThreads = lockThreads;
        }

        /**
         * The bound on lock-store calls waiting for a thread.
         *
         * @return at least 1
         */
        public int getMaxQueuedLockCalls() {
            return maxQueuedLockCalls;
        }

        /**
         * Sets the bound on lock-store calls waiting for a thread.
         *
         * @param maxQueuedLockCalls at least 1
         * @throws IllegalArgumentException if {@code maxQueuedLockCalls <= 0}
         */
        public void setMaxQueuedLockCalls(int maxQueuedLockCalls) {
            if (maxQueuedLockCalls <= 0) {
                throw new IllegalArgumentException("max-queued-lock-calls must be > 0, but was " + maxQueuedLockCalls);
            }
            this.maxQueuedLockCalls = maxQueuedLockCalls;
        }
    }
}
