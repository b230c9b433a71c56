package io.microevents;

/** Where a task stands at the moment of a {@link TaskStatus} snapshot. */
public enum TaskState {
    /** A run is queued on the timer (due now or later). */
    SCHEDULED,
    /** Nothing is queued: the task waits for an event ({@link Work#on} or {@link Work#awaitEvent}). */
    WAITING,
    /** The task's job is running on the loop thread. */
    RUNNING
}
