package io.microevents.benchmarks;

import io.microevents.ManualTicker;
import io.microevents.Work;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Timed tasks: {@code tasks} one-shot tasks with random delays, scheduled and then all run; and
 * the cost of cancelling them. Each invocation is one whole batch (single-shot time, ms).
 *
 * <ul>
 *   <li>{@link #scheduleAndRunWork}: {@link Work#at(Runnable, long)} with delays of 0..999 ms on
 *       a {@link ManualTicker}, then {@link Work#advanceBy(long)} past the last deadline: virtual
 *       time, so the score is the scheduler's own work (heap inserts, ordered dispatch, runs),
 *       never waiting.</li>
 *   <li>{@link #scheduleAndRunScheduledThreadPool}: {@code ScheduledThreadPoolExecutor(1)} with
 *       delays of 0..999 microseconds, its worker held on a gate until the whole batch is
 *       scheduled (so its queue really holds them all, as Work's heap does; every task is due by
 *       then), then released; waits for a final task due after all of them.</li>
 *   <li>{@link #cancelAllWork} / {@link #cancelAllScheduledThreadPool}: cancel every one of
 *       {@code tasks} pending tasks (delays of hours), in random order. The pool uses its default
 *       policy (a cancelled task stays in its queue until due), as Work leaves a cancelled run in
 *       its heap until it reaches the head.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Thread)
public class WorkTimedBenchmark {

    private static final int MAX_DELAY = 1_000;
    private static final long LONG_DELAY_MS = TimeUnit.HOURS.toMillis(1);

    /** How many tasks one invocation schedules. */
    @Param("1000000")
    public int tasks;

    long[] delays;
    int[] order;
    long runs;
    final Runnable task = () -> runs++;

    /** Random delays and a random cancel order, the same for every invocation of a trial. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        delays = new long[tasks];
        order = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            delays[i] = random.nextInt(MAX_DELAY);
            order[i] = i;
        }
        for (int i = tasks - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Schedules {@code tasks} timed tasks on virtual time and runs them all.
     *
     * @return runs made
     */
    @Benchmark
    public int scheduleAndRunWork() {
        ManualTicker time = new ManualTicker();
        Work work = Work.builder().maxTasks(tasks).ticker(time).build();
        Runnable job = task;
        long[] d = delays;
        for (int i = 0; i < d.length; i++) {
            work.at(job, d[i]);
        }
        int ran = work.advanceBy(MAX_DELAY);
        if (ran != tasks) {
            throw new IllegalStateException("ran " + ran + " of " + tasks);
        }
        return ran;
    }


    /**
     * Schedules {@code tasks} timed tasks on a {@code ScheduledThreadPoolExecutor(1)} and waits
     * until they have all run.
     *
     * @param p the pool
     * @return the final task's result
     * @throws Exception if a wait fails
     */
    @Benchmark
    public Object scheduleAndRunScheduledThreadPool(SingleThreadPool p) throws InterruptedException, ExecutionException {
        ScheduledThreadPoolExecutor pool = p.pool;
        CountDownLatch gate = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runnable job = task;
        long[] d = delays;
        for (int i = 0; i < d.length; i++) {
            pool.schedule(job, d[i], TimeUnit.MICROSECONDS);
        }
        ScheduledFuture<?> last = pool.schedule(job, MAX_DELAY + 1, TimeUnit.MICROSECONDS);
        gate.countDown();
        return last.get();
    }

    /** {@code tasks} pending tasks on a fresh {@link Work}, made before each invocation. */
    @State(Scope.Thread)
    public static class PendingWork {
        Work work;
        int[] ids;

        /**
         * Schedules the tasks to cancel.
         *
         * @param b the benchmark's delays and order
         */
        @Setup(Level.Invocation)
        public void setUp(WorkTimedBenchmark b) {
            work = Work.builder().maxTasks(b.tasks).ticker(new ManualTicker()).build();
            ids = new int[b.tasks];
            for (int i = 0; i < b.tasks; i++) {
                ids[b.order[i]] = work.at(b.task, LONG_DELAY_MS + b.delays[i]);
            }
        }
    }

    /**
     * Cancels every pending task of a {@link Work}, in random order.
     *
     * @param s the pending tasks
     * @return tasks left (0)
     */
    @Benchmark
    public int cancelAllWork(PendingWork s) {
        Work work = s.work;
        for (int id : s.ids) {
            work.cancel(id);
        }
        return work.taskCount();
    }

    /** {@code tasks} pending tasks on a fresh pool, made before each invocation. */
    @State(Scope.Thread)
    public static class PendingPool {
        ScheduledThreadPoolExecutor pool;
        ScheduledFuture<?>[] futures;

        /**
         * Schedules the tasks to cancel.
         *
         * @param b the benchmark's delays and order
         */
        @Setup(Level.Invocation)
        public void setUp(WorkTimedBenchmark b) {
            pool = new ScheduledThreadPoolExecutor(1);
            futures = new ScheduledFuture<?>[b.tasks];
            for (int i = 0; i < b.tasks; i++) {
                futures[b.order[i]] = pool.schedule(b.task, LONG_DELAY_MS + b.delays[i], TimeUnit.MILLISECONDS);
            }
        }

        /** Drops the pool and its cancelled tasks. */
        @TearDown(Level.Invocation)
        public void tearDown() {
            pool.shutdownNow();
        }
    }

    /**
     * Cancels every pending task of a {@code ScheduledThreadPoolExecutor}, in random order.
     *
     * @param s the pending tasks
     * @return tasks cancelled
     */
    @Benchmark
    public int cancelAllScheduledThreadPool(PendingPool s) {
        int cancelled = 0;
        for (ScheduledFuture<?> f : s.futures) {
            if (f.cancel(false)) {
                cancelled++;
            }
        }
        return cancelled;
    }
}
