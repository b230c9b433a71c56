package io.microevents.admin;

import io.microevents.TaskStatus;
import io.microevents.Work;
import io.microevents.WorkObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observes the {@link Work} to remember how each task's last run ended (for
 * {@code lastExecution}) and how late runs start (for the summary). Registered on the
 * {@link Work} while the admin lives. It is not a {@link WorkObserver} bean itself, so the starter
 * (which adds every {@code WorkObserver} bean to the {@code Work} it builds) neither registers it
 * twice nor makes the {@code Work} depend on the admin.
 */
final class ExecutionTracker implements AutoCloseable {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final Work work;
    private final WorkClock clock;
    private final Map<Integer, LastRun> lastRuns = new ConcurrentHashMap<>();
    private final WorkObserver observer = new WorkObserver() {
        @Override
        public void taskRan(int taskId, String job, long latenessNanos, long durationNanos, Throwable error) {
            ran(taskId, latenessNanos, durationNanos, error);
        }
    };

    private long runs;
    private long lastLatenessNanos;
    private long maxLatenessNanos;
    private long totalLatenessNanos;

    ExecutionTracker(Work work, WorkClock clock) {
        this.work = work;
        this.clock = clock;
    }

    /** Starts observing the scheduler. */
    void start() {
        work.addObserver(observer);
    }

    /** Stops observing the scheduler. */
    @Override
    public void close() {
        work.removeObserver(observer);
    }

    private void ran(int taskId, long latenessNanos, long durationNanos, Throwable error) {
        long startedMillis = clock.nowMillis() - durationNanos / 1_000_000L;
        lastRuns.put(taskId, new LastRun(startedMillis, TaskView.ErrorInfo.of(error)));
        if (lastRuns.size() > 2 * work.maxTasks()) {
            lastRuns.keySet().removeIf(id -> work.status(id).isEmpty());
        }
        long lateness = Math.max(0, latenessNanos);
        synchronized (this) {
            runs++;
            lastLatenessNanos = lateness;
            maxLatenessNanos = Math.max(maxLatenessNanos, lateness);
            totalLatenessNanos += lateness;
        }
    }

    /**
     * How the task's last run ended, or null before its first run. A task id that was reused
     * shows nothing until the new task has run.
     */
    TaskView.LastExecution lastExecution(TaskStatus status) {
        LastRun last = lastRuns.get(status.id());
        if (last == null || status.runs() == 0) {
            return null;
        }
        return new TaskView.LastExecution(last.error == null ? "SUCCESS" : "ERROR",
                clock.toInstant(last.startedMillis).toString(), last.error);
    }

    /** Lateness of the runs seen so far. */
    synchronized SummaryView.Lateness lateness() {
        double mean = runs == 0 ? 0 : totalLatenessNanos / NANOS_PER_MILLI / runs;
        return new SummaryView.Lateness(runs, lastLatenessNanos / NANOS_PER_MILLI, maxLatenessNanos / NANOS_PER_MILLI,
                mean);
    }

    /** A run's start and its error as shown (bounded), not the exception: that may hold a large message. */
    private record LastRun(long startedMillis, TaskView.ErrorInfo error) {
    }
}
