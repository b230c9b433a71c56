package io.microevents;

import java.util.List;

/**
 * An immutable snapshot of one task, as returned by {@link Work#status(int)}: the Java form of
 * the manual's status dict.
 *
 * @param id the task id (positive)
 * @param job the job's display name (see {@link Job#nameOf})
 * @param params the params its next run receives (unmodifiable; may hold nulls)
 * @param kind which call made the task
 * @param event the event the task waits for: its {@code on} flag, or the flag given to
 *     {@link Work#awaitEvent}; null when it waits for none
 * @param interval the repeat interval in milliseconds; 0 when the task does not repeat on a timer
 * @param nextRun milliseconds from this snapshot until the next queued run (0 when it is due or
 *     late); -1 when no run is queued (the task waits for an event, or is running)
 * @param state scheduled, waiting for an event, or running
 * @param runs how many runs have finished, successfully or not
 * @param failures how many of those runs threw
 * @param lastError what the last failing run threw; null when no run has failed
 * @param queuedTriggers runs queued for the task and not yet started: triggers, a timer slot, an
 *     extra run from {@link Work#runNow}
 * @param droppedTriggers triggers refused because the task already had the maximum queued
 *     (see {@link Work.Builder#maxQueuedTriggers})
 * @param cluster what a task that runs on one instance of a cluster at a time (a
 *     {@link ClusterJob}) did with its slots here; null for every other task
 */
public record TaskStatus(
        int id,
        String job,
        List<Object> params,
        TaskKind kind,
        String event,
        long interval,
        long nextRun,
        TaskState state,
        long runs,
        long failures,
        Throwable lastError,
        int queuedTriggers,
        long droppedTriggers,
        ClusterSlots cluster) {

    /**
     * Checks the components that can never be absent.
     *
     * @param id the task id (positive)
     * @param job the job's display name (see {@link Job#nameOf})
     * @param params the params its next run receives (unmodifiable; may hold nulls)
     * @param kind which call made the task
     * @param event the event the task waits for: its {@code on} flag, or the flag given to {@link Work#awaitEvent}; null when it waits for none
     * @param interval the repeat interval in milliseconds; 0 when the task does not repeat on a timer
     * @param nextRun milliseconds from this snapshot until the next queued run (0 when it is due or late); -1 when no run is queued (the task waits for an event, or is running)
     * @param state scheduled, waiting for an event, or running
     * @param runs how many runs have finished, successfully or not
     * @param failures how many of those runs threw
     * @param lastError what the last failing run threw; null when no run has failed
     * @param queuedTriggers runs queued for the task and not yet started: triggers, a timer slot, an extra run from {@link Work#runNow}
     * @param droppedTriggers triggers refused because the task already had the maximum queued (see {@link Work.Builder#maxQueuedTriggers})
     * @param cluster what a {@link ClusterJob} did with its slots here; null for every other task
     * @throws NullPointerException if {@code job}, {@code params}, {@code kind} or {@code state} is null
     * @throws IllegalArgumentException if {@code id <= 0}
     */
    public TaskStatus {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be > 0, but was " + id);
        }
        Checks.notNull(job, "job");
        Checks.notNull(params, "params");
        Checks.notNull(kind, "kind");
        Checks.notNull(state, "state");
    }

    /**
     * A snapshot of a task that is not a {@link ClusterJob}: {@link #cluster()} is null.
     *
     * @param id the task id (positive)
     * @param job the job's display name (see {@link Job#nameOf})
     * @param params the params its next run receives (unmodifiable; may hold nulls)
     * @param kind which call made the task
     * @param event the event the task waits for, or null
     * @param interval the repeat interval in milliseconds; 0 when the task does not repeat on a timer
     * @param nextRun milliseconds until the next queued run; -1 when no run is queued
     * @param state scheduled, waiting for an event, or running
     * @param runs how many runs have finished, successfully or not
     * @param failures how many of those runs threw
     * @param lastError what the last failing run threw; null when no run has failed
     * @param queuedTriggers runs queued for the task and not yet started
     * @param droppedTriggers triggers refused because the task already had the maximum queued
     */
    public TaskStatus(int id, String job, List<Object> params, TaskKind kind, String event, long interval,
                      long nextRun, TaskState state, long runs, long failures, Throwable lastError,
                      int queuedTriggers, long droppedTriggers) {
        this(id, job, params, kind, event, interval, nextRun, state, runs, failures, lastError, queuedTriggers,
                droppedTriggers, null);
    }
}
