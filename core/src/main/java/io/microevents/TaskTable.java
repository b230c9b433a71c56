package io.microevents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live tasks by id: allocation of ids, lookup, and removal of a task from everything that
 * holds it (the table, its subscriptions, its queued runs). {@link Work}'s lock guards it, except
 * for {@link #submit}, the lock-free way in for a task due now, which any thread may call.
 *
 * <p>Ids count up from 1, go on above a requested id, and start again at 1 only after
 * {@link Integer#MAX_VALUE}, skipping ids in use: an id is not given again before the wrap-around
 * (docs/contract.md, "Ids").
 *
 * <p>How the lock-free way keeps that promise. Submitted tasks wait in a stack whose top also
 * carries the id counter: the last id handed out, and the limit of the block of ids above it that
 * are known to be free. A submitter pushes its task with the next id in one compare-and-set, so
 * an id is never handed out without its task being in the stack. The holder of the lock takes the
 * whole stack at once and enters its tasks in the order they came ({@link #enterSubmitted});
 * Work takes its lock through a method that does so first, so every later call sees a submission
 * as if it had taken the lock itself. The locked way takes its ids from the same top, so both
 * ways count up together; only it finds a new block when one is used up. And a submitter
 * reserves its place in the table's count first, which keeps {@code maxTasks} exact.
 */
final class TaskTable {

    /** How many free ids past the next one are looked for when a block is used up, at most. */
    private static final int ID_BLOCK = 4096;

    /**
     * How many removals the loop gathers before it gives their places back at once (and always
     * before it sleeps): a submitter that finds the table full meanwhile takes the locked way,
     * which gives them back first, so the bound stays exact.
     */
    private static final int RELEASE_BATCH = 64;

    private final int maxTasks;
    private final IntMap<Task> tasks = new IntMap<>(task -> task.id);
    private final Subscriptions subscriptions;
    private final RunQueue runs;

    /** Tasks in the table or submitted to it; never above maxTasks. */
    private final AtomicInteger admitted = new AtomicInteger();
    /** The top of the stack of submitted tasks, newest first, and the id counter. */
    private final AtomicReference<Submitted> top = new AtomicReference<>(new Submitted(null, 0, Integer.MAX_VALUE, null));
    /** Removals not yet taken off {@link #admitted}: the loop gives them back in bulk. */
    private int released;

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

    // ------------------------------------------------------------------ the lock-free way in

    /**
     * A node of the stack: a submitted task with its id, or (task null) a mark the locked way
     * leaves when it takes an id or starts a new block. The node on top holds the last id handed
     * out and the limit of its block; a node with no next one has nothing below it to enter.
     */
    private static final class Submitted {
        final Task task;
        final int id;
        final int limit;
        Submitted next;

        Submitted(Task task, int id, int limit, Submitted next) {
            this.task = task;
            this.id = id;
            this.limit = limit;
            this.next = next;
        }

        boolean blockUsedUp() {
            return id >= limit - 1;
        }
    }

    /**
     * Any thread, no lock: numbers a task that runs now, with no id asked for, and pushes it for
     * the next holder of the lock to enter.
     *
     * @param task a task made by {@link Task#of} with a delay of 0 and no id
     * @param now the ticker's time: when it is due
     * @return its id, or 0 when only the locked way can take it: the table is full (the locked
     *     way says so) or the block of free ids is used up (the locked way finds a new one)
     */
    int submit(Task task, long now) {
        if (!reserve()) {
            return 0;
        }
        task.due = now;
        while (true) {
            Submitted below = top.get();
            if (below.blockUsedUp()) {
                admitted.getAndDecrement();
                return 0;
            }
            Submitted node = new Submitted(task, below.id + 1, below.limit, below);
            if (top.compareAndSet(below, node)) {
                return node.id;
            }
        }
    }

    /** Whether a submitted task waits for the lock: read by the loop before it sleeps. */
    boolean hasSubmitted() {
        return top.get().next != null;
    }

    /**
     * Under the lock: enters the submitted tasks, in the order they came.
     *
     * @return whether there was any
     */
    boolean enterSubmitted(Ticker ticker) {
        Submitted taken;
        do {
            taken = top.get();
            if (taken.next == null) {
                return false;
            }
        } while (!top.compareAndSet(taken, new Submitted(null, taken.id, taken.limit, null)));
        Submitted oldestFirst = null;
        for (Submitted s = taken; s.next != null; ) {
            Submitted below = s.next;
            s.next = oldestFirst;
            oldestFirst = s;
            s = below;
        }
        long now = ticker.nanoTime();
        for (Submitted s = oldestFirst; s != null; s = s.next) {
            Task task = s.task;
            if (task != null) {
                task.id = s.id;
                tasks.put(task);
                task.timerRun = runs.enqueueTimer(task, task.due, true, now);
            }
        }
        return true;
    }

    /** Under the lock: gives the places of removed tasks back to the count that submitters read. */
    void publishReleased() {
        if (released != 0) {
            admitted.getAndAdd(-released);
            released = 0;
        }
    }

    private boolean reserve() {
        while (true) {
            int n = admitted.get();
            if (n >= maxTasks) {
                return false;
            }
            if (admitted.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    // ------------------------------------------------------------------ the locked way in

    /**
     * Under the lock: the id for a new task, {@code requested} or the next free one when it is 0,
     * with its place in the table reserved.
     *
     * @throws TaskRejectedException if the table is full or the requested id is in use
     */
    private int allocateId(int requested, Ticker ticker) {
        publishReleased();
        if (!reserve()) {
            throw new TaskRejectedException(TaskRejectedException.Reason.TABLE_FULL, requested,
                    "task table is full: maxTasks=" + maxTasks);
        }
        boolean done = false;
        try {
            int id = requested == 0 ? nextFreeId(ticker) : claim(requested, ticker);
            done = true;
            return id;
        } finally {
            if (!done) {
                admitted.getAndDecrement();
            }
        }
    }

    /** Under the lock: leaves a mark on top of the stack, which submitters count on from. */
    private boolean mark(Submitted below, int id, int limit) {
        // with nothing below to enter, the mark is the new bottom
        return top.compareAndSet(below, new Submitted(null, id, limit, below.next == null ? null : below));
    }

    private int claim(int requested, Ticker ticker) {
        while (true) {
            Submitted below = top.get();
            if (requested > below.id && requested < below.limit) {
                // in the free block: generated ids move past it, and never meet it before wrapping
                if (mark(below, requested, below.limit)) {
                    return requested;
                }
                continue;
            }
            // every id handed out is now in the table
            enterSubmitted(ticker);
            if (tasks.containsKey(requested)) {
                throw new TaskRejectedException(TaskRejectedException.Reason.ID_IN_USE, requested,
                        "taskId " + requested + " is in use");
            }
            below = top.get();
            if (requested > below.id && !mark(below, requested, requested)) {
                // above the block: generated ids go on past it, after a new block is found
                continue;
            }
            return requested;
        }
    }

    private int nextFreeId(Ticker ticker) {
        while (true) {
            Submitted below = top.get();
            if (!below.blockUsedUp()) {
                if (mark(below, below.id + 1, below.limit)) {
                    return below.id + 1;
                }
                continue;
            }
            // submitters cannot push on a used-up block: enter theirs, then find the next free run
            enterSubmitted(ticker);
            below = top.get();
            int id = after(below.id);
            while (tasks.containsKey(id)) {
                id = after(id);
            }
            int end = id;
            while (end < Integer.MAX_VALUE && end - id < ID_BLOCK && !tasks.containsKey(end + 1)) {
                end++;
            }
            // the limit is exclusive; Integer.MAX_VALUE itself is only ever found by this search
            if (mark(below, id, end == Integer.MAX_VALUE ? end : end + 1)) {
                return id;
            }
        }
    }

    private static int after(int id) {
        return id == Integer.MAX_VALUE ? 1 : id + 1;
    }

    /**
     * Enters a task made by {@link Task#of} into the table: gives it its id (the one asked for,
     * or the next free one), then queues its first run ({@link Task#due} holds its delay until
     * now), or subscribes it to its event.
     *
     * @return the task's id
     * @throws TaskRejectedException if the table is full or the requested id is in use
     */
    int enter(Task task, Ticker ticker) {
        long delay = task.due;
        task.id = allocateId(task.id, ticker);
        long now = ticker.nanoTime();
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
        if (++released >= RELEASE_BATCH) {
            publishReleased();
        }
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
