package io.microevents.benchmarks;

import io.microevents.Work;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Immediate tasks: schedule a batch of {@value #BATCH} tasks to run now, then run them all; the
 * score is tasks per second (schedule + dispatch + run).
 *
 * <ul>
 *   <li>{@link #work}: {@link Work#doNow(Runnable)} {@value #BATCH} times, then
 *       {@link Work#runDue()} on the same thread.</li>
 *   <li>{@link #workLoopThread}: the same {@code doNow} calls, run by a {@link Work} loop on its
 *       own thread ({@link Work#runUntilStopped()}); waits until the batch has run. The
 *       cross-thread shape a host such as the Spring starter uses.</li>
 *   <li>{@link #scheduledThreadPool}: {@code ScheduledThreadPoolExecutor(1)}: {@code execute}
 *       {@value #BATCH} times, waits until the batch has run.</li>
 *   <li>{@link #arrayDequeFloor}: the floor: add to an {@code ArrayDeque<Runnable>}, then poll and
 *       run each, with no bookkeeping at all.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkDoNowBenchmark {

    /** Tasks per batch (per benchmark invocation). */
    public static final int BATCH = 1_000;

    /** A counter the tasks bump, so each run has an effect the JIT cannot drop. */
    @State(Scope.Thread)
    public static class Counter {
        long runs;
        final Runnable task = () -> runs++;
    }

    /** A {@link Work} driven with {@code runDue()} by the benchmark thread. */
    @State(Scope.Thread)
    public static class SameThread {
        Work work;

        /** Makes a scheduler whose table holds one batch. */
        @Setup(Level.Trial)
        public void setUp() {
            work = Work.builder().maxTasks(BATCH).build();
        }
    }

    /** A {@link Work} whose loop runs on a thread of its own. */
    @State(Scope.Thread)
    public static class LoopThread {
        Work work;
        Thread loop;
        volatile long done;
        long sent;
        final Runnable task = () -> { };
        final Runnable last = () -> done++;

        /**
         * Starts the long-lived loop. The table holds two batches: the last task of a batch is
         * still in it (finishing) when the benchmark thread sees it run and sends the next batch.
         */
        @Setup(Level.Trial)
        public void setUp() {
            work = Work.builder().maxTasks(2 * BATCH).build();
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


    /** The floor: a plain deque, no ids, no clock, no lock. */
    @State(Scope.Thread)
    public static class Deque {
        final ArrayDeque<Runnable> deque = new ArrayDeque<>(BATCH);
    }

    /**
     * {@code doNow} a batch, then {@code runDue()} on the same thread.
     *
     * @param s the scheduler
     * @param c the task
     * @return runs made
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int work(SameThread s, Counter c) {
        Work work = s.work;
        Runnable task = c.task;
        for (int i = 0; i < BATCH; i++) {
            work.doNow(task);
        }
        return work.runDue();
    }

    /**
     * {@code doNow} a batch from this thread; the loop thread runs it; waits for its last task.
     *
     * @param s the scheduler and its loop
     * @return batches done
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long workLoopThread(LoopThread s) {
        Work work = s.work;
        Runnable task = s.task;
        for (int i = 1; i < BATCH; i++) {
            work.doNow(task);
        }
        work.doNow(s.last);
        long target = ++s.sent;
        Spin.until(() -> s.done == target);
        return target;
    }

    /**
     * {@code execute} a batch on a {@code ScheduledThreadPoolExecutor(1)}; waits for its last task
     * (the pool runs tasks due at the same moment in submission order).
     *
     * @param p the pool
     * @param c the task
     * @return the last task's result
     * @throws Exception if the wait fails
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object scheduledThreadPool(SingleThreadPool p, Counter c) throws ExecutionException, InterruptedException {
        ScheduledThreadPoolExecutor pool = p.pool;
        Runnable task = c.task;
        for (int i = 1; i < BATCH; i++) {
            pool.execute(task);
        }
        return pool.submit(task).get();
    }

    /**
     * The floor: add a batch to an {@code ArrayDeque}, then poll and run each.
     *
     * @param d the deque
     * @param c the task
     * @return runs made
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int arrayDequeFloor(Deque d, Counter c) {
        ArrayDeque<Runnable> deque = d.deque;
        Runnable task = c.task;
        for (int i = 0; i < BATCH; i++) {
            deque.add(task);
        }
        int runs = 0;
        Runnable r;
        while ((r = deque.poll()) != null) {
            r.run();
            runs++;
        }
        return runs;
    }
}
