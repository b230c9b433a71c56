package io.microevents;

/**
 * A queued run with its own object: a trigger, an extra run ({@link Work#runNow}), or a task's
 * timer slot queued while the task itself still stands for an earlier one. Guarded by
 * {@link Work}'s lock.
 */
final class Run extends Slot {
    final Task task;
    /** The trigger's pkg, or null: the run takes the task's params. */
    final Object[] args;
    /** The run an {@code awaitEvent} was waiting for. */
    boolean awaited;
    /** An extra run: it leaves the task's schedule alone. */
    boolean extra;
    /** The estimated bytes it holds against the bound on queued triggers; 0 for a timer slot. */
    long bytes;

    Run(Task task, long due, long seq, Object[] args) {
        this.task = task;
        this.due = due;
        this.seq = seq;
        this.args = args;
    }

    @Override
    Task task() {
        return task;
    }
}
