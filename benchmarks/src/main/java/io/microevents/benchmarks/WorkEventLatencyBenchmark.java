package io.microevents.benchmarks;

import io.microevents.Work;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event latency: from a trigger on the benchmark thread to the start of the listener on the
 * loop thread, which was parked waiting (sampled, so JMH reports percentiles). Each invocation
 * triggers once and spins until the listener's first statement has run.
 *
 * <ul>
 *   <li>{@link #work}: {@link Work#triggerEvent(String, Object...)} to an
 *       {@code on(job, "tick", true)} listener of a {@link Work} running
 *       {@link Work#runUntilStopped()} on its own thread.</li>
 *   <li>{@link #scheduledThreadPool}: {@code execute} of the listener on a
 *       {@code ScheduledThreadPoolExecutor(1)} whose worker is idle.</li>
 *   <li>{@link #blockingQueueFloor}: the floor: a plain thread in
 *       {@code LinkedBlockingQueue.take()}, handed the listener with {@code offer}; the cost of
 *       waking a parked thread and nothing else.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkEventLatencyBenchmark {

    /** What every variant has: the listener and the count of its starts. */
    public abstract static class Listener {
        volatile long started;
        long sent;
        final Runnable job = () -> started++;

        long awaitStart() {
            long target = ++sent;
            Spin.until(() -> started == target);
            return target;
        }
    }

    /** The listener for the pool variant. */
    @State(Scope.Thread)
    public static class PoolListener extends Listener {
    }

    /** A {@link Work} loop on its own thread with one repeating listener. */
    @State(Scope.Thread)
    public static class WorkLoop extends Listener {
        Work work;
        Thread loop;

        /** Registers the listener and starts the loop. */
        @Setup(Level.Trial)
        public void setUp() {
            work = new Work();
            work.on(job, "tick", true);
            loop = new Thread(work::runUntilStopped, "work-loop");
            loop.setDaemon(true);
            loop.start();
        }

        /** Stops the loop. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            work.stop();
            loop.join();
        }
    }


    /** A thread that takes runnables from a blocking queue and runs them. */
    @State(Scope.Thread)
    public static class QueueThread extends Listener {
        final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        Thread thread;

        /** Starts the thread. */
        @Setup(Level.Trial)
        public void setUp() {
            thread = new Thread(() -> {
                try {
                    while (true) {
                        queue.take().run();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "queue-loop");
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops the thread. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    /**
     * Triggers the event and waits for the listener to start.
     *
     * @param w the loop and its listener
     * @return starts so far
     */
    @Benchmark
    public long work(WorkLoop w) {
        w.work.triggerEvent("tick");
        return w.awaitStart();
    }

    /**
     * Hands the listener to the pool and waits for it to start.
     *
     * @param p the pool
     * @param l the listener
     * @return starts so far
     */
    @Benchmark
    public long scheduledThreadPool(SingleThreadPool p, PoolListener l) {
        p.pool.execute(l.job);
        return l.awaitStart();
    }

    /**
     * Hands the listener to a thread blocked in {@code take()} and waits for it to start.
     *
     * @param q the thread and the listener
     * @return starts so far
     */
    @Benchmark
    public long blockingQueueFloor(QueueThread q) {
        q.queue.offer(q.job);
        return q.awaitStart();
    }
}
