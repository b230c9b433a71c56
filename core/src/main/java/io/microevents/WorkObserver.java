package io.microevents;

/**
 * Hooks for metrics and tracing (the Spring starter feeds Micrometer from them). Every method
 * has an empty default; they are called on the thread that caused the event, outside the
 * scheduler's lock, and must be quick. What an observer throws is logged and ignored.
 */
public interface WorkObserver {

    /**
     * A run of a task finished.
     *
     * @param taskId the task id
     * @param job the job's display name
     * @param latenessNanos how late the run started: actual start minus due time (>= 0 normally)
     * @param durationNanos how long the job ran
     * @param error what it threw, or null when it succeeded
     */
    default void taskRan(int taskId, String job, long latenessNanos, long durationNanos, Throwable error) {
    }

    /**
     * An event was triggered.
     *
     * @param event the flag
     * @param woken how many tasks will run because of it
     */
    default void eventTriggered(String event, int woken) {
    }

    /**
     * An event was triggered, with the values it carries: for an observer that passes events on
     * (to another host, say). Called instead of {@link #eventTriggered(String, int)}, which this
     * default calls.
     *
     * @param event the flag
     * @param pkg the trigger's values, read-only; empty when it carried none
     * @param outcome how many tasks will run because of it, and how many dropped it
     */
    default void eventTriggered(String event, java.util.List<Object> pkg, TriggerOutcome outcome) {
        eventTriggered(event, outcome.woken());
    }

    /**
     * A trigger was refused because the task already had the maximum of queued triggers.
     *
     * @param taskId the task that missed it
     * @param event the flag
     */
    default void triggerDropped(int taskId, String event) {
    }
}
