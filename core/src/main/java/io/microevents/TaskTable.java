package io.microevents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The live tasks by id: allocation of ids, lookup, and removal of a task from everything that
 * holds it (the table, its subscriptions, its queued runs). Not thread-safe: {@link Work}'s lock
 * guards it.
 *
 * <p>Ids count up from 1, go on above a requested id, and start again at 1 only after
 * {@link Integer#MAX_VALUE}, skipping ids in use: an id is not given again before the wrap-around
 * (docs/contract.md, "Ids").
 */
final class TaskTable {

    private final int maxTasks;
    private final IntMap<Task> tasks = new IntMap<>(task -> task.id);
    private final Subscriptions subscriptions;
    private final RunQueue runs;
    private int nextId = 1;

    TaskTable(int maxTasks, Subscriptions subscriptions, RunQueue runs) {
        this.maxTasks = maxTasks;
        this.subscriptions = subscriptions;
        this.runs = runs;
    }

    int size() {
        return tasks.size();
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /**
     * The id for a new task: {@code requested}, or the next free one when it is 0.
     *
     * @throws TaskRejectedException if the table is full or the requested id is in use
     */
    private int allocateId(int requested) {
        if (tasks.size() >= maxTasks) {
            throw new TaskRejectedException(TaskRejectedException.Reason.TABLE_FULL, requested,
                    "task table is full: maxTasks=" + maxTasks);
        }
        if (requested != 0) {
            if (tasks.containsKey(requested)) {
                throw new TaskRejectedException(TaskRejectedException.Reason.ID_IN_USE, requested,
                        "taskId " + requested + " is in use");
            }
            if (requested >= nextId) {
                // generated ids move past it, so they never meet it again before wrapping around
                nextId = requested == Integer.MAX_VALUE ? 1 : requested + 1;
            }
            return requested;
        }
        while (tasks.containsKey(nextId)) {
            nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
        }
        int id = nextId;
        nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
        return id;
    }

    /**
     * Enters a task made by {@link Task#of} into the table: gives it its id (the one asked for,
     * or the next free one), then queues its first run ({@link Task#due} holds its delay until
     * now), or subscribes it to its event.
     *
     * @return the task's id
     * @throws TaskRejectedException if the table is full or the requested id is in use
     */
    int enter(Task task, long now) {
        long delay = task.due;
        task.id = allocateId(task.id);
        tasks.put(task);
        if (task.kind == TaskKind.ON) {
            subscriptions.subscribe(task.event(), task);
            task.state = TaskState.WAITING;
        } else {
            task.timerRun = runs.enqueueTimer(task, now + delay, delay == 0, now);
        }
        return task.id;
    }

    /**
     * The task with an id, or for 0 the running one ({@code current}) unless it was cancelled.
     *
     * @return the task, or null when there is none
     * @throws IllegalArgumentException if {@code taskId} is negative
     */
    Task find(int taskId, Task current) {
        Checks.notNegative(taskId, "taskId");
        if (taskId == 0) {
            return current != null && !current.cancelled ? current : null;
        }
        return tasks.get(taskId);
    }

    /** Removes a task from the table, the events it waits for and the run queue; idempotent. */
    void remove(Task task) {
        if (task.cancelled) {
            return;
        }
        task.cancelled = true;
        tasks.remove(task.id);
        subscriptions.unsubscribeAll(task);
        runs.forget(task);
    }

    /**
     * Removes every task and every queued run.
     *
     * @return how many runs queued by triggers and extra runs were discarded (not the tasks' own
     *     timer slots)
     */
    int removeAll() {
        List<Task> all = tasks.values();
        int timers = 0;
        for (Task task : all) {
            if (task.timerRun != null && !task.timerRun.dead) {
                timers++;
            }
        }
        int discarded = runs.pending() - timers;
        for (Task task : all) {
            remove(task);
        }
        runs.clear();
        return Math.max(0, discarded);
    }

    /** A snapshot of a task. */
    TaskStatus status(Task task, long now) {
        boolean due = task.state != TaskState.RUNNING && task.queued > 0;
        return task.status(now, due ? runs.nextDue(task) : 0);
    }

    /** Snapshots of every task, in id order. */
    List<TaskStatus> statuses(long now) {
        List<TaskStatus> all = new ArrayList<>(tasks.size());
        for (Task task : tasks.values()) {
            all.add(status(task, now));
        }
        all.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return Collections.unmodifiableList(all);
    }

    @Override
    public String toString() {
        return tasks.size() + "/" + maxTasks;
    }
}
