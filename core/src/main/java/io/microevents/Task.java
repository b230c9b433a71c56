package io.microevents;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The mutable state of one task, and what happens to it after a run. Guarded by {@link Work}'s
 * lock. As a {@link Slot} it is its own timer slot, with the timers or in the ready lane
 * ({@code due}, {@code seq}; {@code dead} while it is not queued), so a pending timed task, or a
 * {@code doNow}, is one object.
 *
 * <p>The fields are the measured layout of docs/performance.md (96 bytes per task): a field more
 * here costs every pending task. What few tasks use lives in {@link Rare}, made on first use.
 */
final class Task extends Slot {

    /** What the loop does with a task after one of its runs ({@link #afterRun}). */
    enum AfterRun {
        /** Nothing: the task stays as it is (runs still queued, or a listener that listens on). */
        KEEP,
        /** The task is done: remove it. */
        END,
        /** Done unless it still listens to its own event (after an extra run). */
        END_UNLESS_LISTENING,
        /** An {@code awaitEvent} came during the run: pause the task and wait for that event. */
        AWAIT,
        /** A repeating listener ran for an awaited event: it listens to its own event again. */
        LISTEN_AGAIN,
        /** A repeating timed task: queue its next slot. */
        NEXT_SLOT
    }

    /**
     * The task's id, fixed once it enters the table; before that, the id asked for (0: any).
     */
    int id;
    final String name;
    /** The job, or null when the task runs {@link #runnable}. */
    final Job job;
    /** A {@code Runnable} scheduled as it is (no adapter object per task), or null. */
    final Runnable runnable;
    final TaskKind kind;
    Object[] params;
    long everyNanos;
    boolean rearm;
    TaskState state = TaskState.SCHEDULED;
    /** Its queued timer slot: null, this task, or a {@link Run}. */
    Slot timerRun;
    int queued;
    boolean hasRun;
    long lastDue;
    long runs;
    boolean cancelled;
    /** The fields most tasks never use; made on first use, and at once for an {@code on} task. */
    private Rare rare;

    /**
     * A new task that runs a {@code Runnable} as it is (no adapter object per task), as
     * {@code spec} describes it; not yet in the table.
     *
     * <p>The spec goes no further than this small method, which the JIT inlines into the public
     * scheduling call, so that it never reaches the heap (a spec object per call would add 48
     * bytes of garbage to every timed task).
     *
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if its name is blank or a value of {@code spec} is bad
     */
    static Task of(Runnable job, TaskSpec spec) {
        Checks.notNull(job, "job");
        // named as Job.of names it, and checked as it checks the name
        String name = Checks.notBlank(Job.nameOf(job), "name");
        spec.check();
        return new Task(name, null, job, Checks.NO_ARGS, spec);
    }

    /**
     * A new task that runs a {@link Job} with {@code params} (copied; null: none), as
     * {@link #of(Runnable, TaskSpec)}.
     */
    static Task of(Job job, Object[] params, TaskSpec spec) {
        Checks.notNull(job, "job");
        spec.check();
        return new Task(Job.nameOf(job), job, null, Checks.copyOf(params), spec);
    }

    /**
     * Until the task enters the table, {@link #id} holds the id asked for and {@link #due} the
     * delay of its first run (for a timed task), so that no spec object outlives this call.
     */
    private Task(String name, Job job, Runnable runnable, Object[] params, TaskSpec spec) {
        this.id = spec.taskId();
        this.due = spec.atNanos();
        this.name = name;
        this.job = job;
        this.runnable = runnable;
        this.kind = spec.kind();
        this.params = params;
        this.everyNanos = spec.everyNanos();
        this.rearm = spec.repeat();
        this.dead = true;
        if (spec.when() != null || kind == TaskKind.ON) {
            rare = new Rare(spec.when(), spec.atNanos());
        }
    }

    @Override
    Task task() {
        return this;
    }

    /** Runs the job once with {@code args}. */
    void runJob(Object[] args) throws Exception {
        Runnable r = runnable;
        if (r != null) {
            r.run();
        } else {
            job.run(args);
        }
    }

    /** Counts a run that ended: an extra run leaves the schedule's anchor alone. */
    void ran(boolean extra, long due, Throwable error) {
        runs++;
        if (!extra) {
            hasRun = true;
            lastDue = due;
        }
        if (error != null) {
            Rare r = rare();
            r.failures++;
            r.lastError = error;
        }
    }

    /**
     * Decides, after a run of a task that is not cancelled, whether it goes on and how, and sets
     * its state for the time until its next run.
     *
     * @param extra the run was an extra one ({@link Work#runNow})
     * @param awaitedRun the run was the one an {@code awaitEvent} waited for
     */
    AfterRun afterRun(boolean extra, boolean awaitedRun) {
        state = queued > 0 ? TaskState.SCHEDULED : TaskState.WAITING;
        if (awaitAfterRun() != null) {
            return AfterRun.AWAIT;
        }
        if (extra) {
            // an extra run leaves the schedule alone; it ends only a task with nothing left
            return queued == 0 && awaiting() == null ? AfterRun.END_UNLESS_LISTENING : AfterRun.KEEP;
        }
        if (kind == TaskKind.ON) {
            if (rearm) {
                return awaitedRun ? AfterRun.LISTEN_AGAIN : AfterRun.KEEP;
            }
            return queued == 0 ? AfterRun.END : AfterRun.KEEP;
        }
        if (everyNanos > 0) {
            return AfterRun.NEXT_SLOT;
        }
        return queued == 0 ? AfterRun.END : AfterRun.KEEP;
    }

    /** The first slot {@code due + n*every} (n >= 0) that is not in the past. */
    static long catchUp(long due, long every, long now) {
        long behind = now - due;
        if (behind <= 0) {
            return due;
        }
        long slots = (behind + every - 1) / every;
        return due + slots * every;
    }

    /**
     * An immutable snapshot.
     *
     * @param now the clock reading
     * @param nextDue when its next run is due; read only when a run is queued and it is not running
     */
    TaskStatus status(long now, long nextDue) {
        long nextRun = -1;
        if (state != TaskState.RUNNING && queued > 0) {
            nextRun = Math.max(0, (nextDue - now) / Work.NANOS_PER_MILLI);
        }
        String event = awaiting() != null ? awaiting() : event();
        long interval = kind == TaskKind.ON ? 0 : everyNanos / Work.NANOS_PER_MILLI;
        List<Object> paramList = Collections.unmodifiableList(Arrays.asList(params.clone()));
        return new TaskStatus(id, name, paramList, kind, event, interval, nextRun, state,
                runs, failures(), lastError(), queued, droppedTriggers(),
                clusterJob() instanceof ClusterJob cluster ? cluster.clusterSlots() : null);
    }

    /** The job or the runnable: whichever this task runs, for a look at its type. */
    private Object clusterJob() {
        return job != null ? job : runnable;
    }

    Rare rare() {
        Rare r = rare;
        if (r == null) {
            r = new Rare(null, 0);
            rare = r;
        }
        return r;
    }

    /** The event of an {@code on} task, else null. */
    String event() {
        return rare == null ? null : rare.event;
    }

    /** The delay between a trigger and its run, for an {@code on} task. */
    long atNanos() {
        return rare == null ? 0 : rare.atNanos;
    }

    String awaiting() {
        return rare == null ? null : rare.awaiting;
    }

    void setAwaiting(String flag) {
        if (flag != null || rare != null) {
            rare().awaiting = flag;
        }
    }

    String awaitAfterRun() {
        return rare == null ? null : rare.awaitAfterRun;
    }

    void setAwaitAfterRun(String flag) {
        if (flag != null || rare != null) {
            rare().awaitAfterRun = flag;
        }
    }

    long failures() {
        return rare == null ? 0 : rare.failures;
    }

    Throwable lastError() {
        return rare == null ? null : rare.lastError;
    }

    long droppedTriggers() {
        return rare == null ? 0 : rare.droppedTriggers;
    }

    /** Estimated bytes held by its queued triggered and extra runs. */
    long queuedBytes() {
        return rare == null ? 0 : rare.queuedBytes;
    }

    /** Adds to (or, negative, takes from) the bytes its queued runs hold. */
    void addQueuedBytes(long bytes) {
        if (bytes != 0) {
            rare().queuedBytes += bytes;
        }
    }

    /** Counts a trigger (or extra run) this task dropped over a bound. */
    void droppedTrigger() {
        rare().droppedTriggers++;
    }

    /**
     * What a task needs only for events, {@code awaitEvent}, failures and queued triggers: kept out of
     * {@link Task} so that a plain timed task does not carry it (fewer bytes per pending task).
     */
    private static final class Rare {
        final String event;
        final long atNanos;
        String awaiting;
        String awaitAfterRun;
        Throwable lastError;
        long failures;
        long droppedTriggers;
        /** Estimated bytes held by its queued triggered and extra runs. */
        long queuedBytes;

        Rare(String event, long atNanos) {
            this.event = event;
            this.atNanos = atNanos;
        }
    }
}
