package io.microevents;

/**
 * How a task's runs come, as a scheduling call gives it: the kind, the delays, the event and the
 * id asked for. The job and its params travel beside it. Only {@link Task#of} reads it: that small
 * method is inlined into the public call, so the JIT keeps the spec off the heap (measured: a
 * timed task allocates no more than before the spec existed). A {@code doNow} without an id uses
 * the shared {@link #NOW}.
 *
 * @param kind what scheduled the task
 * @param at milliseconds before the first run (for {@code on}: between a trigger and its run)
 * @param every milliseconds between runs of a {@code repeat}, else 0
 * @param when the event of an {@code on} task, else null
 * @param repeat whether an {@code on} task runs on every trigger
 * @param taskId the id asked for, or 0 to let the scheduler choose
 */
record TaskSpec(TaskKind kind, long at, long every, String when, boolean repeat, int taskId) {

    /** {@code doNow} with an id the scheduler chooses. */
    static final TaskSpec NOW = new TaskSpec(TaskKind.NOW, 0, 0, null, false, 0);

    static TaskSpec now(int taskId) {
        return taskId == 0 ? NOW : new TaskSpec(TaskKind.NOW, 0, 0, null, false, taskId);
    }

    static TaskSpec at(long at, int taskId) {
        return new TaskSpec(TaskKind.AT, at, 0, null, false, taskId);
    }

    static TaskSpec repeat(long at, long every, int taskId) {
        return new TaskSpec(TaskKind.REPEAT, at, every, null, false, taskId);
    }

    static TaskSpec on(String when, long at, boolean repeat, int taskId) {
        return new TaskSpec(TaskKind.ON, at, 0, when, repeat, taskId);
    }

    /**
     * Checks the values, each named as the public methods name it.
     *
     * @throws NullPointerException if an {@code on} task has no event
     * @throws IllegalArgumentException if a value is out of range
     */
    void check() {
        Checks.notNegative(at, "at");
        Checks.notNegative(taskId, "taskId");
        if (kind == TaskKind.REPEAT) {
            Checks.positive(every, "every");
        }
        if (kind == TaskKind.ON) {
            Checks.notBlank(when, "when");
        }
        atNanos();
        everyNanos();
    }

    long atNanos() {
        return Math.multiplyExact(at, Work.NANOS_PER_MILLI);
    }

    long everyNanos() {
        return Math.multiplyExact(every, Work.NANOS_PER_MILLI);
    }
}
