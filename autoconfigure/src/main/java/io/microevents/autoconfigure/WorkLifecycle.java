package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.microevents.Checks;
import io.microevents.ManualTicker;
import io.microevents.Work;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs a {@link Work}'s long-lived loop ({@link Work#runUntilStopped()}) on a thread of its own,
 * started and stopped with the application context, in the manner of Spring's executors since
 * 6.1: a lifecycle {@code stop()} pauses, a {@code start()} resumes, and closing the context shuts
 * down.
 *
 * <ul>
 *   <li><b>Start</b> starts the loop thread and returns once the loop runs. A stop that comes
 *       before the thread has entered the loop still takes effect: the loop's first step checks
 *       that it is still wanted.</li>
 *   <li><b>Stop</b> while the context is not closing (a {@code stop()} then {@code start()} of
 *       the context, as around a CRaC checkpoint) pauses: the loop ends after its running job and
 *       every task stays, so the next start carries on with the same {@code @On} and
 *       {@code @Repeat} tasks. Timers that fall due meanwhile run once on resume; triggers queue
 *       within the bounds.</li>
 *   <li><b>Shutdown</b> (the context is closing): the loop runs what is already due, then ends;
 *       it has the shutdown timeout for that. A job still running at the timeout is interrupted,
 *       reported in one WARN line naming the task. Then every task is cancelled, and the triggered
 *       runs left over (not yet due, or not reached in time) are counted and logged in one line.</li>
 * </ul>
 *
 * <p>On virtual time (the application's {@code Ticker} bean is a {@link ManualTicker}) no thread is
 * started: tests drive the scheduler with {@link Work#advanceBy(long)} and {@link Work#runDue()}.
 *
 * <p>It runs in phase {@link #PHASE}, below the web server's graceful-shutdown phase
 * ({@code DEFAULT_PHASE - 2048}): the loop starts before the web server (requests that arrive at
 * once find it running) and stops after it, so requests still in flight can trigger events.
 * Components that feed events into Work from threads of their own (serial readers) should use a
 * higher phase, so they start after it and stop before it.
 */
public final class WorkLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent>,
        ApplicationContextAware, DisposableBean {

    /** The lifecycle phase: {@code SmartLifecycle.DEFAULT_PHASE - 4096}. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log log = LogFactory.getLog(WorkLifecycle.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Work work;
    private final boolean virtualTime;
    private final String threadName;
    private final Duration shutdownTimeout;

    private final Object monitor = new Object();
    private ApplicationContext context;
    /** The wanted loop thread; written under the monitor, read by the loop's first step. */
    private volatile Thread thread;
    /** A loop thread that was paused but had not ended within the timeout: the next one waits for it. */
    private Thread previous;
    private volatile boolean running;
    private volatile boolean closing;
    private boolean shutDown;

    /**
     * A lifecycle for a scheduler.
     *
     * @param work the scheduler
     * @param virtualTime true when the scheduler runs on a {@link ManualTicker}: start no thread
     * @param threadName the loop thread's name
     * @param shutdownTimeout how long a shutdown waits for due runs, and a pause for the running job
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threadName} is blank
     */
    public WorkLifecycle(Work work, boolean virtualTime, String threadName, Duration shutdownTimeout) {
        this.work = Checks.notNull(work, "work");
        this.virtualTime = virtualTime;
        this.threadName = Checks.notBlank(threadName, "threadName");
        this.shutdownTimeout = Checks.notNull(shutdownTimeout, "shutdownTimeout");
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.context = applicationContext;
    }

    @Override
    public void start() {
        synchronized (monitor) {
            if (running || shutDown) {
                return;
            }
            running = true;
            if (virtualTime) {
                log.debug("Work runs on virtual time: no loop thread");
                return;
            }
            CountDownLatch entered = new CountDownLatch(1);
            Thread before = previous;
            previous = null;
            Thread loop = new Thread(() -> runLoop(before), threadName);
            thread = loop;
            // the loop's first step: it runs only once the loop has been entered, so a pause from
            // here on reaches the loop; a stop that came earlier is seen as "no longer wanted"
            work.run(() -> {
                entered.countDown();
                if (thread != Thread.currentThread()) {
                    // stopped before the loop was entered, when a pause or drain could not reach it
                    if (closing) {
                        work.drain();
                    } else {
                        work.pause();
                    }
                }
            });
            loop.start();
            try {
                if (!entered.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Work loop thread '" + threadName + "' did not start within " + START_TIMEOUT.toSeconds() + "s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runLoop(Thread before) {
        try {
            if (before != null) {
                before.join();
            }
            work.runUntilStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("Work loop on thread '" + threadName + "' ended with an error", e);
        }
    }

    /**
     * Pauses the loop, or shuts it down when the context is closing (see the class description).
     */
    @Override
    public void stop() {
        Thread loop;
        boolean shutdown;
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
            loop = thread;
            thread = null;
            shutdown = closing;
        }
        if (shutdown) {
            shutdown(loop);
        } else {
            pause(loop);
        }
    }

    /** Marks the context as closing: the lifecycle stop that follows shuts down instead of pausing. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (context != null && event.getApplicationContext() != context) {
            return;
        }
        boolean paused;
        synchronized (monitor) {
            closing = true;
            paused = !running;
        }
        if (paused) {
            shutdown(null);   // no lifecycle stop will come: the loop is paused already
        }
    }

    /** Shuts down if nothing did before (a context that never published its closing). */
    @Override
    public void destroy() {
        stopAndShutdown();
    }

    /** Stops the loop and shuts down at once, whether or not the context is closing. */
    void stopAndShutdown() {
        synchronized (monitor) {
            closing = true;
        }
        stop();
        shutdown(null);
    }

    private void pause(Thread loop) {
        work.pause();
        if (loop == null || loop == Thread.currentThread()) {
            return;
        }
        join(loop, shutdownTimeout);
        if (loop.isAlive()) {
            synchronized (monitor) {
                previous = loop;
            }
            log.warn("Work loop thread '" + threadName + "' is pausing, but " + describeCurrentTask()
                    + " is still running after " + shutdownTimeout.toMillis() + "ms (microevents.work.shutdown-timeout);"
                    + " the loop pauses once it returns");
        }
    }

    private void shutdown(Thread loop) {
        synchronized (monitor) {
            if (shutDown) {
                return;
            }
            shutDown = true;
        }
        if (loop != null && loop != Thread.currentThread()) {
            work.drain();
            join(loop, shutdownTimeout);
            if (loop.isAlive()) {
                String task = describeCurrentTask();
                work.pause();
                log.warn("Work loop thread '" + threadName + "': " + task + " was still running after "
                        + shutdownTimeout.toMillis() + "ms (microevents.work.shutdown-timeout); interrupting it");
                loop.interrupt();
                join(loop, Duration.ofSeconds(1));
            }
        }
        int discarded = work.stopAndDiscard();
        if (discarded > 0) {
            log.warn("Work shut down with " + discarded + " triggered " + (discarded == 1 ? "run" : "runs")
                    + " not run (not yet due, or not reached within microevents.work.shutdown-timeout "
                    + shutdownTimeout.toMillis() + "ms); they are discarded");
        }
    }

    /** "task 7 (Rig.poll)", or "a job" when the running task is gone already. */
    private String describeCurrentTask() {
        return work.status().map(s -> "task " + s.id() + " (" + s.job() + ")").orElse("a job");
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
     * Whether the loop thread is alive. False before start, after stop (a pause too), on virtual
     * time, and when the loop died.
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
