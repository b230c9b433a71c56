package io.microevents;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown when {@link Work} cannot take a new task: the task table is full ({@code maxTasks}
 * reached) or the id the caller asked for is in use; also when {@link Work#runNow(int)} finds the
 * task's queue of runs full. This is the Java form of the manual's
 * {@code None} return, and the only one: every scheduling method fails this way, so a caller
 * that can do without the task catches this exception (an executor's
 * {@link RejectedExecutionException}, which it extends) and carries on.
 */
public final class TaskRejectedException extends RejectedExecutionException {

    private static final long serialVersionUID = 1L;

    /** Why a task was rejected. */
    public enum Reason {
        /** The scheduler already holds {@code maxTasks} tasks. */
        TABLE_FULL,
        /** The task id the caller asked for belongs to another task. */
        ID_IN_USE,
        /** The task already has as many runs queued as it may ({@code Work.runNow}). */
        QUEUE_FULL
    }

    /** Why the task was rejected. */
    private final Reason reason;
    /** The id the caller asked for, or 0. */
    private final int taskId;

    TaskRejectedException(Reason reason, int taskId, String message) {
        super(message);
        this.reason = reason;
        this.taskId = taskId;
    }

    /**
     * Why the task was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The id the caller asked for, or 0 when it let the scheduler choose.
     *
     * @return the requested id
     */
    public int taskId() {
        return taskId;
    }
}
