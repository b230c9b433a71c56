package io.microevents.benchmarks;

import io.microevents.ManualTicker;
import io.microevents.Work;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Retained heap per pending timed task: bytes that stay reachable while {@code n} one-shot tasks
 * wait for their due time, divided by {@code n}.
 *
 * <p>Method: for each contender, a full GC (repeated until the used heap stops shrinking) and a
 * reading of {@link MemoryMXBean#getHeapMemoryUsage()}; then {@code n} tasks are scheduled with
 * random delays of 1 to 2 hours (nothing runs), the same GC and reading are taken while the
 * scheduler is still reachable, and the difference is divided by {@code n}. Every task shares
 * one {@code Runnable}, so the figure is the scheduler's own bookkeeping; the caller keeps no
 * handle (Work's int id is free; the pool's {@code ScheduledFuture} is its queue entry anyway).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.microevents.benchmarks.PendingTaskFootprint [n]} (default n = 1,000,000).
 */
public final class PendingTaskFootprint {

    private static final long BASE_DELAY_MS = TimeUnit.HOURS.toMillis(1);

    private PendingTaskFootprint() {
    }

    /**
     * One contender's result.
     *
     * @param name what was measured
     * @param tasks how many tasks were pending
     * @param retainedBytes heap retained by them
     */
    public record Result(String name, int tasks, long retainedBytes) {

        /**
         * Bytes per pending task.
         *
         * @return retained bytes divided by tasks
         */
        public double bytesPerTask() {
            return (double) retainedBytes / tasks;
        }
    }

    /**
     * Measures each contender with {@code n} pending tasks and prints a table.
     *
     * @param args optional: n
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        System.out.printf(Locale.ROOT, "%-40s %12s %14s%n", "pending timed tasks", "tasks", "bytes/task");
        for (Result r : measureAll(n)) {
            System.out.printf(Locale.ROOT, "%-40s %12d %14.1f%n", r.name(), r.tasks(), r.bytesPerTask());
        }
    }

    /**
     * Measures Work, {@code ScheduledThreadPoolExecutor} and the floor.
     *
     * @param n how many tasks to schedule in each
     * @return one result per contender
     */
    public static List<Result> measureAll(int n) {
        long[] delays = new long[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            delays[i] = BASE_DELAY_MS + random.nextLong(BASE_DELAY_MS);
        }
        Runnable job = () -> { };
        List<Result> results = new ArrayList<>();
        results.add(measure("Work.at", n, count -> {
            Work work = Work.builder().maxTasks(count).ticker(new ManualTicker()).build();
            for (int i = 0; i < count; i++) {
                work.at(job, delays[i]);
            }
            return work;
        }));
        results.add(measure("ScheduledThreadPoolExecutor.schedule", n, count -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            for (int i = 0; i < count; i++) {
                ScheduledFuture<?> unused = pool.schedule(job, delays[i], TimeUnit.MILLISECONDS);
            }
            return pool;
        }));
        results.add(measure("floor: PriorityQueue<(due, seq, job)>", n, count -> {
            PriorityQueue<Entry> queue = new PriorityQueue<>();
            for (int i = 0; i < count; i++) {
                queue.add(new Entry(delays[i] * 1_000_000L, i, job));
            }
            return queue;
        }));
        return results;
    }

    private static Result measure(String name, int n, IntFunction<Object> build) {
        long before = usedAfterGc();
        Object scheduler = build.apply(n);
        long after = usedAfterGc();
        Reference.reachabilityFence(scheduler);
        if (scheduler instanceof ScheduledThreadPoolExecutor pool) {
            pool.shutdownNow();
        }
        return new Result(name, n, after - before);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /** The least a heap-ordered timer entry holds: due time, FIFO sequence, job. */
    private record Entry(long due, long seq, Runnable job) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
