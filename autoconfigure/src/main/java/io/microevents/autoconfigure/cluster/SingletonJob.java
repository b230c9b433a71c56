package io.microevents.autoconfigure.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.microevents.ClusterJob;
import io.microevents.ClusterSlots;
import io.microevents.Job;
import io.microevents.SafeText;
import io.microevents.TaskRejectedException;
import io.microevents.TaskStatus;
import io.microevents.Work;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The job of one {@code @Repeat(singleton = true)} method: each slot runs the method only on the
 * instance that takes the lock.
 *
 * <p>A run of the task that finds no lock in hand starts a lock call on the lock-store executor
 * and returns at once, so the loop thread never waits for the store. When the store grants the
 * lock in time, a call handed to the loop queues one extra run of the task ({@link Work#runNow}),
 * unless a run of the task is already due (that run takes the lock); that run calls the method,
 * then hands the unlock to the executor. When another instance holds the lock, the store fails,
 * or it does not answer within the time-out, the slot is skipped and counted; the next slot tries
 * again. A slot that comes while the previous lock call is still out is skipped as a lock failure.
 *
 * <p>Failures are logged once per outage (at WARN), and the recovery once (at INFO).
 */
final class SingletonJob implements ClusterJob {

    private static final Log log = LogFactory.getLog(SingletonJob.class);

    /** Where the job stands; guarded by {@link #monitor}. */
    private enum State {
        /** No lock call out, no lock held. */
        IDLE,
        /** A lock call is out. */
        ACQUIRING,
        /** The store granted the lock; the loop has not yet been told. */
        HANDING_OVER,
        /** The lock is held; the next run of the task calls the method. */
        ACQUIRED,
        /** The method is running. */
        RUNNING,
        /** The unlock call is out. */
        RELEASING
    }

    private final Work work;
    private final String name;
    private final Job job;
    private final String lockName;
    private final Duration lockAtMostFor;
    private final Duration lockAtLeastFor;
    private final long timeoutMillis;
    private final LockProvider provider;
    private final Executor executor;
    private final Executor timer;

    private final Object monitor = new Object();
    private State state = State.IDLE;
    /** Numbers each lock and unlock call, so a late answer to an abandoned call changes nothing. */
    private long call;
    private SimpleLock held;
    private int taskId;
    private ClusterSlots.Outcome lastSlot = ClusterSlots.Outcome.NONE;
    private long ranHere;
    private long heldElsewhere;
    private long lockFailures;
    private boolean outage;
    private long failuresInOutage;
    private boolean closed;

    /**
     * A singleton job.
     *
     * @param work the scheduler it runs on
     * @param name its display name
     * @param job the method's job
     * @param lockName the lock's name
     * @param lockAtMostFor how long the lock is kept at most
     * @param lockAtLeastFor how long the lock is kept at least
     * @param timeoutMillis how long a lock call may take before its slot is skipped
     * @param provider the lock store
     * @param executor runs the lock store's calls, off the loop thread
     */
    SingletonJob(Work work, String name, Job job, String lockName, Duration lockAtMostFor, Duration lockAtLeastFor,
                 long timeoutMillis, LockProvider provider, Executor executor) {
        this.work = work;
        this.name = name;
        this.job = job;
        this.lockName = lockName;
        this.lockAtMostFor = lockAtMostFor;
        this.lockAtLeastFor = lockAtLeastFor;
        this.timeoutMillis = timeoutMillis;
        this.provider = provider;
        this.executor = executor;
        this.timer = CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS, Runnable::run);
    }

    @Override
    public void run(Object... args) throws Exception {
        SimpleLock lock;
        long attempt = 0;
        synchronized (monitor) {
            switch (state) {
                case ACQUIRED -> {
                    state = State.RUNNING;
                    lock = held;
                    held = null;
                    ranHere++;
                    lastSlot = ClusterSlots.Outcome.RAN_HERE;
                }
                case IDLE -> {
                    if (closed) {
                        return;
                    }
                    taskId = work.currentTaskId();
                    state = State.ACQUIRING;
                    attempt = ++call;
                    lock = null;
                }
                case ACQUIRING, HANDING_OVER, RELEASING -> {
                    failed("the lock store has not answered the previous call yet", null);
                    return;
                }
                default -> {
                    return;
                }
            }
        }
        if (lock == null) {
            acquire(attempt);
            return;
        }
        try {
            job.run(args);
        } finally {
            release(lock);
        }
    }

    @Override
    public ClusterSlots clusterSlots() {
        synchronized (monitor) {
            return new ClusterSlots(lockName, lastSlot, ranHere, heldElsewhere, lockFailures);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** The lock's name. */
    String lockName() {
        return lockName;
    }

    /** How long the lock is kept at most. */
    Duration lockAtMostFor() {
        return lockAtMostFor;
    }

    /** How long the lock is kept at least. */
    Duration lockAtLeastFor() {
        return lockAtLeastFor;
    }

    /** How long a lock call may take. */
    long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Stops taking the lock and releases it if it is held, waiting for the store up to the
     * time-out: the context is closing and the loop has stopped.
     */
    void close() {
        SimpleLock lock;
        synchronized (monitor) {
            closed = true;
            lock = held;
            held = null;
            state = State.IDLE;
            call++;
        }
        if (lock != null) {
            try {
                CompletableFuture.runAsync(lock::unlock, executor).get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("Could not release lock '" + lockName + "' of " + name + " on shutdown; it expires after "
                        + lockAtMostFor + ": " + SafeText.of(e));
            }
        }
    }

    // ------------------------------------------------------------------ lock

    private void acquire(long attempt) {
        LockConfiguration configuration =
                new LockConfiguration(ClockProvider.now(), lockName, lockAtMostFor, lockAtLeastFor);
        CompletableFuture<Optional<SimpleLock>> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> provider.lock(configuration), executor);
        } catch (RejectedExecutionException e) {
            answered(attempt, null, new RejectedExecutionException(
                    "too many lock calls are waiting (microevents.cluster.max-queued-lock-calls)", e));
            return;
        }
        answer.whenComplete((lock, error) -> answered(attempt, lock, error));
        timer.execute(() -> timedOut(attempt));
    }

    private void answered(long attempt, Optional<SimpleLock> answer, Throwable error) {
        SimpleLock granted = error == null && answer != null ? answer.orElse(null) : null;
        synchronized (monitor) {
            if (state != State.ACQUIRING || call != attempt) {
                // abandoned (timed out, or closing): give back what it got
                if (granted != null) {
                    unlockLater(granted, call);
                }
                return;
            }
            if (error != null || answer == null) {
                state = State.IDLE;
                failed("the lock store failed", error);
                return;
            }
            recovered();
            if (granted == null) {
                state = State.IDLE;
                heldElsewhere++;
                lastSlot = ClusterSlots.Outcome.HELD_ELSEWHERE;
                return;
            }
            state = State.HANDING_OVER;
            held = granted;
        }
        work.run(() -> handOver(attempt));
    }

    private void timedOut(long attempt) {
        synchronized (monitor) {
            if (state == State.ACQUIRING && call == attempt) {
                state = State.IDLE;
                call++;
                failed("the lock store did not answer within " + timeoutMillis + " ms", new TimeoutException());
            }
        }
    }

    /** On the loop thread: lets the next run of the task take the lock. */
    private void handOver(long attempt) {
        int id;
        synchronized (monitor) {
            if (state != State.HANDING_OVER || call != attempt) {
                return;
            }
            id = taskId;
        }
        TaskStatus status = id > 0 ? work.status(id).orElse(null) : null;
        boolean alive = status != null && status.job().equals(name);
        boolean runDue = alive && status.queuedTriggers() > 0 && status.nextRun() == 0;
        synchronized (monitor) {
            if (state != State.HANDING_OVER || call != attempt) {
                return;
            }
            state = State.ACQUIRED;
        }
        if (!alive) {
            giveBack();
            return;
        }
        if (!runDue) {
            try {
                if (!work.runNow(id)) {
                    giveBack();
                }
            } catch (TaskRejectedException e) {
                giveBack();
            }
        }
    }

    /** The lock was granted but no run will take it: release it. */
    private void giveBack() {
        synchronized (monitor) {
            if (state != State.ACQUIRED) {
                return;
            }
            SimpleLock lock = held;
            held = null;
            state = State.RELEASING;
            unlockLater(lock, ++call);
        }
    }

    private void release(SimpleLock lock) {
        synchronized (monitor) {
            state = State.RELEASING;
            unlockLater(lock, ++call);
        }
    }

    /** Hands an unlock to the executor; guarded by {@link #monitor}. */
    private void unlockLater(SimpleLock lock, long attempt) {
        try {
            CompletableFuture.runAsync(lock::unlock, executor).whenComplete((ok, error) -> released(attempt, error));
            timer.execute(() -> released(attempt, new TimeoutException()));
        } catch (RejectedExecutionException e) {
            released(attempt, e);
        }
    }

    private void released(long attempt, Throwable error) {
        synchronized (monitor) {
            if (state != State.RELEASING || call != attempt) {
                return;
            }
            state = State.IDLE;
            if (error != null) {
                noteOutage("could not release lock '" + lockName + "' (it expires after " + lockAtMostFor + ")",
                        error);
            }
        }
    }

    // ------------------------------------------------------------------ accounting; guarded by monitor

    private void failed(String reason, Throwable error) {
        lockFailures++;
        lastSlot = ClusterSlots.Outcome.LOCK_FAILED;
        noteOutage(reason, error);
        failuresInOutage++;
    }

    private void noteOutage(String reason, Throwable error) {
        if (outage) {
            if (log.isDebugEnabled()) {
                log.debug(name + ": " + reason + (error == null ? "" : ": " + SafeText.of(error)));
            }
            return;
        }
        outage = true;
        failuresInOutage = 0;
        log.warn(name + ": " + reason + (error == null ? "" : ": " + SafeText.of(error))
                + "; slots are skipped (and counted as lock failures) until the lock store answers again"
                + " (logged once)");
    }

    private void recovered() {
        if (outage) {
            outage = false;
            log.info(name + ": the lock store answers again; " + failuresInOutage + " slot(s) were skipped");
        }
    }
}
