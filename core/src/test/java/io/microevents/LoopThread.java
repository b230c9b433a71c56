package io.microevents;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Work} loop on a daemon thread of its own, for tests that need a real loop thread.
 * {@link #close()} stops the scheduler and waits for the thread to end; a thread that is still
 * alive after {@link #PATIENCE}, or a loop that ended by throwing, fails the test. Shared with
 * other modules' tests through this module's test-jar.
 *
 * <pre>{@code
 * try (LoopThread loop = LoopThread.runUntilStopped(work)) {
 *     // schedule, trigger, await ...
 * }
 * }</pre>
 */
public final class LoopThread implements AutoCloseable {

    /** How long {@link #awaitEnd()} and {@link #close()} wait for the thread to end. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Work work;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private LoopThread(Work work, Runnable loop, String name) {
        this.work = Objects.requireNonNull(work, "work");
        this.thread = new Thread(loop, Objects.requireNonNull(name, "name"));
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
    }

    /** {@link Work#runUntilStopped()} on a thread named {@code work-loop}. */
    public static LoopThread runUntilStopped(Work work) {
        return runUntilStopped(work, "work-loop");
    }

    /** {@link Work#runUntilStopped()} on a thread of the given name. */
    public static LoopThread runUntilStopped(Work work, String name) {
        return new LoopThread(work, work::runUntilStopped, name);
    }

    /** The manual's {@link Work#start()}, which returns when no task is left, on a thread of the given name. */
    public static LoopThread start(Work work, String name) {
        return new LoopThread(work, work::start, name);
    }

    /** The loop thread's state, e.g. {@link Thread.State#WAITING} while the loop is parked. */
    public Thread.State state() {
        return thread.getState();
    }

    /** Interrupts the loop thread. */
    public void interrupt() {
        thread.interrupt();
    }

    /**
     * Waits for the loop to end by itself (a stop, a pause, a drain, no task left for
     * {@link Work#start()}), failing if it is still running after {@link #PATIENCE} or ended by
     * throwing.
     */
    public void awaitEnd() {
        try {
            thread.join(PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + thread.getName() + " to end", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " still runs " + PATIENCE.toSeconds() + " s after it was "
                    + "asked to end; it is " + thread.getState());
        }
        Throwable thrown = failure.get();
        if (thrown != null) {
            throw new AssertionError(thread.getName() + " ended by throwing", thrown);
        }
    }

    /**
     * Stops the scheduler ({@link Work#stop()}) and {@linkplain #awaitEnd() waits for the loop to
     * end}. A thread that does not end is interrupted before the test fails, so that it does not
     * outlive its test.
     */
    @Override
    public void close() {
        work.stop();
        try {
            awaitEnd();
        } catch (AssertionError e) {
            thread.interrupt();
            throw e;
        }
    }
}
