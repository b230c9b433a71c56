package io.microevents;

/**
 * Receives what a job threw. The loop carries on whatever the handler does; a handler that
 * throws itself is logged and ignored. Called on the loop thread, after the task's status has
 * counted the failure.
 */
@FunctionalInterface
public interface TaskErrorHandler {

    /**
     * Handles one failed run.
     *
     * @param taskId the failing task's id, or 0 for a call handed over with {@link Work#run}
     * @param job the job's display name
     * @param error what it threw
     */
    void handle(int taskId, String job, Throwable error);

    /**
     * The default: logs the failure with {@link System.Logger} (logger {@code io.microevents.Work},
     * level WARNING).
     *
     * @return a logging handler
     */
    static TaskErrorHandler logging() {
        System.Logger log = System.getLogger(Work.class.getName());
        return (taskId, job, error) -> log.log(System.Logger.Level.WARNING,
                "Task " + taskId + " (" + job + ") failed: " + error, error);
    }
}
