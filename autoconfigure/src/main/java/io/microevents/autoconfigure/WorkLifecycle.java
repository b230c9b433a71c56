package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.microevents.ManualTicker;
import io.microevents.Work;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link Work}'s long-lived loop ({@link Work#runUntilStopped()}) on a thread of its own,
 * started and stopped with the application context.
 *
 * <p>On start it starts the thread and returns once the loop runs. On stop it calls
 * {@link Work#stop()}: the running job finishes, every other task is cancelled; then it waits up
 * to the shutdown timeout for the thread to end, and interrupts it (with a warning) if it has not.
 *
 * <p>On virtual time (the application's {@code Ticker} bean is a {@link ManualTicker}) no thread is
 * started: tests drive the scheduler with {@link Work#advanceBy(long)} and {@link Work#runDue()}.
 *
 * <p>It runs in phase {@link #PHASE}: after the web server in start-up order and before it in
 * shutdown, so requests in flight can still trigger events. Components that feed events into
 * Work from threads of their own (serial readers) should use a higher phase, so they stop first.
 */
public final class WorkLifecycle implements SmartLifecycle {

    /** The lifecycle phase: {@code SmartLifecycle.DEFAULT_PHASE - 4096}. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log log = LogFactory.getLog(WorkLifecycle.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Work work;
    private final boolean virtualTime;
    private final String threadName;
    private final Duration shutdownTimeout;

    private final Object monitor = new Object();
    private Thread thread;
    private volatile boolean running;

    /**
     * A lifecycle for a scheduler.
     *
     * @param work the scheduler
     * @param virtualTime true when the scheduler runs on a {@link ManualTicker}: start no thread
     * @param threadName the loop thread's name
     * @param shutdownTimeout how long {@link #stop()} waits for the thread
     * @throws IllegalArgumentException if an argument is null or {@code threadName} blank
     */
    public WorkLifecycle(Work work, boolean virtualTime, String threadName, Duration shutdownTimeout) {
        if (work == null || threadName == null || threadName.isBlank() || shutdownTimeout == null) {
            throw new IllegalArgumentException("work, threadName and shutdownTimeout are required, but were "
                    + work + ", " + threadName + ", " + shutdownTimeout);
        }
        this.work = work;
        this.virtualTime = virtualTime;
        this.threadName = threadName;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            running = true;
            if (virtualTime) {
                log.debug("Work runs on virtual time: no loop thread");
                return;
            }
            CountDownLatch entered = new CountDownLatch(1);
            work.run(entered::countDown); // the loop's first step once it runs
            Thread loop = new Thread(() -> runLoop(entered), threadName);
            loop.start();
            thread = loop;
            try {
                if (!entered.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Work loop thread '" + threadName + "' did not start within " + START_TIMEOUT.toSeconds() + "s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runLoop(CountDownLatch entered) {
        try {
            work.runUntilStopped();
        } catch (RuntimeException | Error e) {
            log.error("Work loop on thread '" + threadName + "' ended with an error", e);
        } finally {
            entered.countDown();
        }
    }

    @Override
    public void stop() {
        Thread loop;
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
            loop = thread;
            thread = null;
        }
        work.stop();
        if (loop == null || loop == Thread.currentThread()) {
            return;
        }
        try {
            loop.join(Math.max(1, shutdownTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            log.warn("Work loop thread '" + threadName + "' did not end within " + shutdownTimeout.toMillis() + "ms"
                    + " (microevents.work.shutdown-timeout): a job is still running; interrupting it");
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Whether the scheduler runs on virtual time, without a loop thread.
     *
     * @return true on a {@link ManualTicker}
     */
    public boolean isVirtualTime() {
        return virtualTime;
    }

    /**
     * Whether the loop thread is alive. False before start, after stop, on virtual time, and when
     * the loop died.
     *
     * @return true while the loop thread lives
     */
    public boolean isLoopAlive() {
        synchronized (monitor) {
            return thread != null && thread.isAlive();
        }
    }

    /**
     * The loop thread's name.
     *
     * @return the name given at construction
     */
    public String getThreadName() {
        return threadName;
    }

    /**
     * The scheduler this lifecycle runs.
     *
     * @return the scheduler
     */
    public Work getWork() {
        return work;
    }
}
