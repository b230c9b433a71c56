package io.microevents.dashboard;

import io.microevents.WorkObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches runs for the summary bar: how late they start, and which tasks failed on their last
 * run. Its callback runs on the loop thread after each run, so it only adds to counters; it never
 * waits and never allocates for a run that succeeds.
 */
final class RunMeter implements WorkObserver {

    private final LongAdder runs = new LongAdder();
    private final LongAdder latenessSum = new LongAdder();
    private final LongAccumulator latenessMax = new LongAccumulator(Math::max, 0);
    private final AtomicLong latenessLast = new AtomicLong();
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

    @Override
    public void taskRan(int taskId, String job, long latenessNanos, long durationNanos, Throwable error) {
        long lateness = Math.max(0, latenessNanos);
        runs.increment();
        latenessSum.add(lateness);
        latenessMax.accumulate(lateness);
        latenessLast.lazySet(lateness);
        if (error != null) {
            failing.add(taskId);
        } else if (!failing.isEmpty()) {
            failing.remove(taskId);
        }
    }

    /** Whether the task's last run threw. */
    boolean failing(int taskId) {
        return failing.contains(taskId);
    }

    /** Forgets tasks that are gone. */
    void retain(Set<Integer> live) {
        failing.retainAll(live);
    }

    long runs() {
        return runs.sum();
    }

    double meanMillis() {
        long n = runs.sum();
        return n == 0 ? 0 : latenessSum.sum() / 1e6 / n;
    }

    double maxMillis() {
        return latenessMax.get() / 1e6;
    }

    double lastMillis() {
        return latenessLast.get() / 1e6;
    }
}
