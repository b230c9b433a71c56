package io.microevents;

import java.util.ArrayDeque;

/**
 * The queued runs of every task, in the order they start: by (due, sequence) across the timers
 * (a {@link TimerWheel} in front of a heap) and a ready lane, with the counts and byte bounds of queued triggers. Not thread-safe:
 * {@link Work}'s lock guards it.
 *
 * <p>A run that is cancelled or moved is not taken out of the heap at once: it is marked dead,
 * skipped when it reaches the top, and swept out when dead runs outnumber live ones
 * ({@link #purgeIfMostlyDead()}).
 */
final class RunQueue {

    /** Dead runs tolerated in the queues before {@link #purgeIfMostlyDead()} sweeps them. */
    private static final int PURGE_THRESHOLD = 1024;

    /** Runs due later than they were queued, ordered by (due, sequence). */
    private final TimerWheel<Slot> heap = new TimerWheel<>();
    /**
     * Runs that were due the moment they were queued ({@code doNow}, triggers without delay), in
     * queue order: already sorted by (due, sequence), so no heap work; merged with {@link #heap}.
     */
    private final ArrayDeque<Slot> ready = new ArrayDeque<>();
    private final int maxQueuedTriggers;
    private final long maxQueuedTriggerBytes;

    private long sequence;
    /** Live queued runs, every task. */
    private int pending;
    /** Estimated bytes held by queued triggers and extra runs, across every task. */
    private long queuedTriggerBytes;
    /** Triggers and extra runs dropped over a bound since the scheduler was made, every task. */
    private long droppedTriggers;

    RunQueue(int maxQueuedTriggers, long maxQueuedTriggerBytes) {
        this.maxQueuedTriggers = maxQueuedTriggers;
        this.maxQueuedTriggerBytes = maxQueuedTriggerBytes;
    }

    int pending() {
        return pending;
    }

    long queuedTriggerBytes() {
        return queuedTriggerBytes;
    }

    long droppedTriggers() {
        return droppedTriggers;
    }

    /** Whether the ready lane has a run: its head was due when queued, so something is due. */
    boolean hasReady() {
        return !ready.isEmpty();
    }

    /**
     * Queues a run. {@code dueNow}: {@code due} is the clock reading just taken, so the run goes
     * to the ready lane, which stays sorted because readings never go back (checked, to be safe).
     * {@code bytes}: what it holds against the bound on queued triggers (0 for a timer slot).
     */
    Run enqueue(Task task, long due, boolean dueNow, Object[] args, long bytes, long now) {
        Run run = new Run(task, due, sequence++, args);
        if (bytes > 0) {
            run.bytes = bytes;
            task.addQueuedBytes(bytes);
            queuedTriggerBytes += bytes;
        }
        if (dueNow && fitsReady(due)) {
            ready.add(run);
        } else {
            heap.add(due, run.seq, run, now);
        }
        queued(task);
        return run;
    }

    /** Whether a run due at {@code due} may join the ready lane and keep it sorted. */
    private boolean fitsReady(long due) {
        Slot last = ready.peekLast();
        return last == null || due - last.due >= 0;
    }

    /**
     * Queues a task's own timer slot: the task itself (no {@link Run} to allocate), in the ready
     * lane when due now, else with the timers; a {@link Run} only when that slot is already
     * queued.
     */
    Slot enqueueTimer(Task task, long due, boolean dueNow, long now) {
        if (!task.dead) {
            return enqueue(task, due, dueNow, null, 0, now);
        }
        task.due = due;
        task.seq = sequence++;
        task.dead = false;
        if (dueNow && fitsReady(due)) {
            ready.add(task);
        } else {
            heap.add(due, task.seq, task, now);
        }
        queued(task);
        return task;
    }

    /** Queues the next slot of a repeating task, {@code due} or the first slot after it not yet past. */
    void nextSlot(Task task, long due, long now) {
        task.timerRun = enqueueTimer(task, Task.catchUp(due, task.everyNanos, now), false, now);
    }

    /**
     * {@code setRepeat} on a timed task: its new interval; a task that has run and has its slot
     * queued moves that slot to {@code every} after its last one (or the first not yet past).
     *
     * @return whether the slot moved (the loop must look again)
     */
    boolean setEvery(Task task, long everyNanos, Ticker ticker) {
        task.everyNanos = everyNanos;
        if (everyNanos > 0 && task.timerRun != null && task.hasRun) {
            drop(task.timerRun);
            nextSlot(task, task.lastDue + everyNanos, ticker.nanoTime());
            return true;
        }
        return false;
    }

    private void queued(Task task) {
        task.queued++;
        pending++;
        if (task.state != TaskState.RUNNING) {
            task.state = TaskState.SCHEDULED;
        }
    }

    /**
     * Whether a trigger's run may be queued for {@code task}: within the task's count bound
     * (unless {@code countBound} is false: an awaited trigger) and the bytes bound of all.
     */
    boolean admits(Task task, long bytes, boolean countBound) {
        return !(countBound && task.queued >= maxQueuedTriggers)
                && queuedTriggerBytes + bytes <= maxQueuedTriggerBytes;
    }

    /** Counts a trigger that {@code task} dropped over a bound, for the task and in the total. */
    void countDrop(Task task) {
        task.droppedTrigger();
        droppedTriggers++;
    }

    /**
     * Queues an extra run of a task, due now, with its params ({@link Work#runNow}).
     *
     * @throws TaskRejectedException over a bound; the drop is counted
     */
    void enqueueExtra(Task task, long now) {
        if (task.queued >= maxQueuedTriggers) {
            countDrop(task);
            throw new TaskRejectedException(TaskRejectedException.Reason.QUEUE_FULL, task.id,
                    "task " + task.id + " already has " + task.queued + " runs queued (maxQueuedTriggers "
                            + maxQueuedTriggers + "); this run is dropped and counted in droppedTriggers");
        }
        if (queuedTriggerBytes + Work.RUN_BYTES > maxQueuedTriggerBytes) {
            countDrop(task);
            throw new TaskRejectedException(TaskRejectedException.Reason.QUEUE_FULL, task.id,
                    "queued triggers hold " + queuedTriggerBytes + " bytes (maxQueuedTriggerBytes "
                            + maxQueuedTriggerBytes + "); this run is dropped and counted in droppedTriggers");
        }
        enqueue(task, now, true, null, Work.RUN_BYTES, now).extra = true;
    }

    /** Drops a queued run: it will not start. */
    void drop(Slot run) {
        if (!run.dead) {
            run.dead = true;
            if (run instanceof Task) {
                // a task's own slot may be queued again later: none of it may stay in the ready
                // lane, which keeps no sequence to tell an old entry from a new one
                ready.removeFirstOccurrence(run);
            }
            run.task().queued--;
            pending--;
            release(run);
            purgeIfMostlyDead();
        }
    }

    /** Forgets every queued run of a task that is being removed. */
    void forget(Task task) {
        pending -= task.queued;
        task.queued = 0;
        long held = task.queuedBytes();
        queuedTriggerBytes -= held;
        task.addQueuedBytes(-held);
        task.timerRun = null;
        purgeIfMostlyDead();
    }

    /** Forgets every run (the tasks are gone). */
    void clear() {
        heap.clear();
        ready.clear();
        pending = 0;
        queuedTriggerBytes = 0;
    }

    /** Gives back the bytes a triggered run held, once it is taken or dropped. */
    private void release(Slot slot) {
        if (slot instanceof Run run && run.bytes > 0) {
            if (!run.task.cancelled) {
                run.task.addQueuedBytes(-run.bytes);
                queuedTriggerBytes -= run.bytes;
            }
            run.bytes = 0;
        }
    }

    /**
     * Cancelled and moved runs stay in the timer heap until they reach its top; when they
     * outnumber the live runs (and there are enough to matter), sweep them out at once, so that
     * scheduling and cancelling far-off tasks in a loop cannot grow the heap without bound.
     */
    private void purgeIfMostlyDead() {
        int dead = deadRuns();
        if (dead > PURGE_THRESHOLD && dead > pending) {
            heap.removeIf((slot, seq) -> !isLive(slot, seq));
            ready.removeIf(run -> run.dead || run.task().cancelled);
        }
    }

    /** Queue entries held by runs that will never start. */
    int deadRuns() {
        return heap.size() + ready.size() - pending;
    }

    /**
     * Whether a heap entry will still run: its slot is not dropped or taken, its task not
     * cancelled, and (for a task's own timer slot, which may be queued again after a drop) the
     * entry is the slot's latest.
     */
    private static boolean isLive(Slot slot, long seq) {
        return !slot.dead && slot.seq == seq && !slot.task().cancelled;
    }

    private Slot peekLive() {
        Slot head = heap.peek();
        while (head != null && !isLive(head, heap.peekSeq())) {
            heap.poll();
            head = heap.peek();
        }
        return head;
    }

    private Slot peekReady() {
        Slot head = ready.peekFirst();
        while (head != null && (head.dead || head.task().cancelled)) {
            ready.pollFirst();
            head = ready.peekFirst();
        }
        return head;
    }

    /** The next live run by (due, sequence) across the heap and the ready lane, or null. */
    Slot peekNext() {
        Slot timed = peekLive();
        Slot now = peekReady();
        if (now == null) {
            return timed;
        }
        return timed != null && timed.compareTo(now) < 0 ? timed : now;
    }

    /**
     * Takes {@code run}, the result of {@link #peekNext()}, off its queue as the run that starts
     * now, and gives back what it held.
     */
    void take(Slot run) {
        if (run == ready.peekFirst()) {
            ready.pollFirst();
        } else {
            heap.poll();
        }
        Task task = run.task();
        run.dead = true;
        task.queued--;
        pending--;
        release(run);
        if (run == task.timerRun) {
            task.timerRun = null;
        }
    }

    /** When the next queued run of {@code task} is due; {@code task} has one. */
    long nextDue(Task task) {
        Slot timer = task.timerRun;
        if (timer != null && !timer.dead && task.queued == 1) {
            return timer.due;
        }
        long[] best = {0};
        boolean[] found = {false};
        heap.forEach((run, seq) -> {
            if (run.task() == task && isLive(run, seq) && (!found[0] || run.due - best[0] < 0)) {
                best[0] = run.due;
                found[0] = true;
            }
            return false;
        });
        for (Slot run : ready) {
            if (run.task() == task && !run.dead && (!found[0] || run.due - best[0] < 0)) {
                best[0] = run.due;
                found[0] = true;
            }
        }
        return best[0];
    }
}
