package io.microevents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The event scheduler of the manual: tasks that run now, after a delay, at a fixed rate, or when
 * an event is triggered, one at a time on the thread that runs the loop.
 *
 * <pre>{@code
 * Work work = new Work();
 * work.on(args -> work.print("Sensor reading:", args[0]), "sensor_event");
 * work.triggerEvent("sensor_event", 42);
 * work.start();                       // runs the listener, then returns: no task is left
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * The project's {@code docs/contract.md} states the contract in full, section by section (ids,
 * order, triggers, {@code awaitEvent}, {@code setRepeat}, stop, pause and shutdown); in short:
 * <ul>
 *   <li><b>Ids.</b> Task ids are positive; 0 stands for "the current task" wherever an id is
 *       taken. A caller may ask for a specific id. An id that ended is not given to a new task
 *       before the ids wrap around past {@link Integer#MAX_VALUE}, so a stale id reaches no other
 *       task.</li>
 *   <li><b>Failure.</b> A {@code null} argument throws {@link NullPointerException} and a bad
 *       value {@link IllegalArgumentException}, each naming the argument. A full task table, or
 *       a requested id that is in use, throws {@link TaskRejectedException} (the manual's
 *       {@code None}). Methods the manual gives a {@code bool} return {@code false} for an
 *       unknown task.</li>
 *   <li><b>Order.</b> Runs due at the same moment start in the order they were scheduled.</li>
 *   <li><b>Time.</b> Milliseconds on a monotonic {@link Ticker} ({@link System#nanoTime()} by
 *       default), correct across its wrap-around; a {@link ManualTicker} gives virtual time.</li>
 *   <li><b>{@code repeat}.</b> Fixed rate anchored on the schedule: run n is due at
 *       {@code start + at + n*every}; a run that falls behind by more than a period skips the
 *       missed slots instead of bursting.</li>
 *   <li><b>Events.</b> Every trigger wakes every waiting task once; triggers are never merged, so
 *       a listener runs once per trigger (up to {@link Builder#maxQueuedTriggers} queued per task,
 *       and {@link Builder#maxQueuedTriggerBytes} held by all queued triggers; more are counted in
 *       {@link TaskStatus#droppedTriggers()}, never silently lost). A
 *       non-empty pkg becomes that run's arguments; an empty one leaves the task's params.</li>
 *   <li><b>Threads.</b> Every public method is safe from any thread (HTTP handlers, serial
 *       readers). Jobs run one at a time on the loop thread and must be short: hand long work to
 *       an executor of your own and trigger an event when it is done.</li>
 * </ul>
 */
public final class Work {

    /** The manual's default {@code max_tasks}. */
    public static final int DEFAULT_MAX_TASKS = 256;

    /** Default bound on the triggers queued for one task before further ones are dropped. */
    public static final int DEFAULT_MAX_QUEUED_TRIGGERS = 65_536;

    /**
     * Default bound on the estimated bytes that all queued triggers hold (32 MiB): runs, argument
     * arrays and the values in them (see {@link RetainedSize}).
     */
    public static final long DEFAULT_MAX_QUEUED_TRIGGER_BYTES = 32L << 20;

    /** The bytes counted for a queued run besides its arguments: the run and its place in a queue. */
    static final long RUN_BYTES = 64;

    static final long NANOS_PER_MILLI = 1_000_000L;

    private final int maxTasks;
    private final long maxQueuedTriggerBytes;
    private final Ticker ticker;
    private final Consumer<String> output;

    /*
     * Work is a facade: a public method checks its arguments, takes this one lock and asks the
     * package-private parts it guards (Observers excepted, which is thread-safe):
     *   TaskTable      ids, lookup, and removal of a task from every part;
     *   RunQueue       queued runs in start order (timing wheel, heap, ready lane), trigger bounds;
     *   Subscriptions  who waits for which event, and the fan-out of a trigger;
     *   Task, Run      a task's state and its decision after a run; a queued run;
     *   Loop           entering and leaving, choosing the next run, running it, virtual time;
     *   Observers      the safe calls to observers and to the error handler.
     * The one way in without the lock is doNow with no id asked for: TaskTable numbers the task
     * and stacks it, and whoever takes the lock next enters it first (lockAndEnterSubmitted).
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final RunQueue runs;
    private final Subscriptions subscriptions;
    private final TaskTable table;
    private final Observers observers;
    private final Loop loop;

    /** A scheduler for at most {@value #DEFAULT_MAX_TASKS} tasks on the system clock. */
    public Work() {
        this(builder());
    }

    /**
     * A scheduler for at most {@code maxTasks} tasks on the system clock.
     *
     * @param maxTasks the size of the task table
     * @throws IllegalArgumentException if {@code maxTasks <= 0}
     */
    public Work(int maxTasks) {
        this(builder().maxTasks(maxTasks));
    }

    private Work(Builder b) {
        this.maxTasks = b.maxTasks;
        this.maxQueuedTriggerBytes = b.maxQueuedTriggerBytes;
        this.ticker = b.ticker;
        this.output = b.output;
        this.runs = new RunQueue(b.maxQueuedTriggers, b.maxQueuedTriggerBytes);
        this.subscriptions = new Subscriptions(runs);
        this.table = new TaskTable(b.maxTasks, subscriptions, runs);
        this.observers = new Observers(b.errorHandler, b.observers);
        this.loop = new Loop(lock, ticker, table, runs, subscriptions, observers);
    }

    /**
     * A builder for the knobs beyond {@code maxTasks}: ticker, error handler, output sink,
     * observers, trigger queue bound.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ scheduling: temporal

    /**
     * The manual's {@code do}: schedules a job to run on the next cycle.
     *
     * @param job the code to run
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws TaskRejectedException if the task table is full
     */
    public int doNow(Runnable job) {
        return submit(Task.of(job, TaskSpec.NOW));
    }

    /**
     * The manual's {@code do(job, params)}: schedules a job to run on the next cycle.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws TaskRejectedException if the task table is full
     */
    public int doNow(Job job, Object... params) {
        return submit(Task.of(job, params, TaskSpec.NOW));
    }

    /**
     * The manual's {@code do(job, params, task_id)}, argument for argument.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments (null: none)
     * @param taskId the id to give the task, or 0 to let the scheduler choose
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code taskId} is negative
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int doNow(Job job, Object[] params, int taskId) {
        Task task = Task.of(job, params, TaskSpec.now(taskId));
        return taskId == 0 ? submit(task) : schedule(task);
    }

    /**
     * The manual's {@code at}: schedules a job to run once after a delay.
     *
     * @param job the code to run
     * @param at the delay in milliseconds (>= 0)
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code at} is negative
     * @throws TaskRejectedException if the task table is full
     */
    public int at(Runnable job, long at) {
        return schedule(Task.of(job, TaskSpec.at(at, 0)));
    }

    /**
     * Schedules a job to run once after a delay.
     *
     * @param job the code to run
     * @param delay the delay (>= 0, millisecond precision)
     * @return the task id
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws TaskRejectedException if the task table is full
     */
    public int at(Runnable job, Duration delay) {
        return at(job, millis(delay, "at"));
    }

    /**
     * The manual's {@code at(job, params, at)}: schedules a job to run once after a delay.
     *
     * @param job the code to run; receives {@code params}
     * @param at the delay in milliseconds (>= 0)
     * @param params its arguments
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code at} is negative
     * @throws TaskRejectedException if the task table is full
     */
    public int at(Job job, long at, Object... params) {
        return schedule(Task.of(job, params, TaskSpec.at(at, 0)));
    }

    /**
     * The manual's {@code at(job, params, at, task_id)}, argument for argument.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments (null: none)
     * @param at the delay in milliseconds (>= 0)
     * @param taskId the id to give the task, or 0 to let the scheduler choose
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code at} or {@code taskId} is negative
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int at(Job job, Object[] params, long at, int taskId) {
        return schedule(Task.of(job, params, TaskSpec.at(at, taskId)));
    }

    /**
     * The manual's {@code repeat(job, every=...)}: runs a job now and then every {@code every} ms.
     *
     * @param job the code to run
     * @param every the interval in milliseconds (> 0)
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Runnable job, long every) {
        return repeat(job, 0, every);
    }

    /**
     * Runs a job at a fixed rate.
     *
     * @param job the code to run
     * @param every the interval (> 0, millisecond precision)
     * @return the task id
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code every} is not positive
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Runnable job, Duration every) {
        return repeat(job, 0, millis(every, "every"));
    }

    /**
     * The manual's {@code repeat(job, at=..., every=...)}: first run after {@code at} ms, then
     * every {@code every} ms.
     *
     * @param job the code to run
     * @param at the initial delay in milliseconds (>= 0)
     * @param every the interval in milliseconds (> 0)
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code at} negative or {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Runnable job, long at, long every) {
        return schedule(Task.of(job, TaskSpec.repeat(at, every, 0)));
    }

    /**
     * The manual's {@code repeat(job, params, every=...)}: runs now, then every {@code every} ms.
     *
     * @param job the code to run; receives {@code params}
     * @param every the interval in milliseconds (> 0)
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Job job, long every) {
        return schedule(Task.of(job, null, TaskSpec.repeat(0, every, 0)));
    }

    /**
     * The manual's {@code repeat(job, params, at, every)}.
     *
     * @param job the code to run; receives {@code params}
     * @param at the initial delay in milliseconds (>= 0)
     * @param every the interval in milliseconds (> 0)
     * @param params its arguments
     * @return the task id
     * @throws NullPointerException if {@code job} is null
     * @throws IllegalArgumentException if {@code at} negative or {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Job job, long at, long every, Object... params) {
        return schedule(Task.of(job, params, TaskSpec.repeat(at, every, 0)));
    }

    /**
     * The manual's {@code repeat(job, params, at, every, task_id)}, argument for argument.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments (null: none)
     * @param at the initial delay in milliseconds (>= 0)
     * @param every the interval in milliseconds (> 0)
     * @param taskId the id to give the task, or 0 to let the scheduler choose
     * @return the task id
     * @throws IllegalArgumentException if an argument is out of range
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int repeat(Job job, Object[] params, long at, long every, int taskId) {
        return schedule(Task.of(job, params, TaskSpec.repeat(at, every, taskId)));
    }

    // ------------------------------------------------------------------ scheduling: causal

    /**
     * The manual's {@code on(job, when=...)}: runs a job once, when {@code when} is triggered.
     *
     * @param job the code to run
     * @param when the event flag
     * @return the task id
     * @throws NullPointerException if {@code job} or {@code when} is null
     * @throws IllegalArgumentException if {@code when} is blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Runnable job, String when) {
        return on(job, when, false);
    }

    /**
     * The manual's {@code on(job, when=..., repeat=...)}.
     *
     * @param job the code to run
     * @param when the event flag
     * @param repeat true: run once per trigger for as long as the task lives; false: run once
     * @return the task id
     * @throws NullPointerException if {@code job} or {@code when} is null
     * @throws IllegalArgumentException if {@code when} is blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Runnable job, String when, boolean repeat) {
        return schedule(Task.of(job, TaskSpec.on(when, 0, repeat, 0)));
    }

    /**
     * The manual's {@code on(job, when=...)} for a job that takes the trigger's pkg: runs once.
     *
     * @param job the code to run; receives the trigger's pkg
     * @param when the event flag
     * @return the task id
     * @throws NullPointerException if {@code job} or {@code when} is null
     * @throws IllegalArgumentException if {@code when} is blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Job job, String when) {
        return schedule(Task.of(job, null, TaskSpec.on(when, 0, false, 0)));
    }

    /**
     * The manual's {@code on(job, when=..., repeat=...)} for a job that takes the trigger's pkg.
     *
     * @param job the code to run; receives the trigger's pkg
     * @param when the event flag
     * @param repeat true: run once per trigger for as long as the task lives; false: run once
     * @return the task id
     * @throws NullPointerException if {@code job} or {@code when} is null
     * @throws IllegalArgumentException if {@code when} is blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Job job, String when, boolean repeat) {
        return schedule(Task.of(job, null, TaskSpec.on(when, 0, repeat, 0)));
    }

    /**
     * The manual's {@code on(job, params, when, at, repeat)}.
     *
     * @param job the code to run; receives the trigger's pkg, or {@code params} when the pkg is empty
     * @param when the event flag
     * @param at the delay in milliseconds between a trigger and its run (>= 0)
     * @param repeat true: run once per trigger for as long as the task lives; false: run once
     * @param params the arguments for runs whose trigger carries no pkg
     * @return the task id
     * @throws NullPointerException if {@code job} or {@code when} is null
     * @throws IllegalArgumentException if {@code when} is blank or {@code at} negative
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Job job, String when, long at, boolean repeat, Object... params) {
        return schedule(Task.of(job, params, TaskSpec.on(when, at, repeat, 0)));
    }

    /**
     * The manual's {@code on(job, params, when, at, repeat, task_id)}, argument for argument.
     *
     * @param job the code to run; receives the trigger's pkg, or {@code params} when the pkg is empty
     * @param params its arguments (null: none)
     * @param when the event flag
     * @param at the delay in milliseconds between a trigger and its run (>= 0)
     * @param repeat true: run once per trigger for as long as the task lives; false: run once
     * @param taskId the id to give the task, or 0 to let the scheduler choose
     * @return the task id
     * @throws NullPointerException if {@code job} or {@code when} is null
     * @throws IllegalArgumentException if {@code when} is blank, or {@code at} or {@code taskId} negative
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int on(Job job, Object[] params, String when, long at, boolean repeat, int taskId) {
        return schedule(Task.of(job, params, TaskSpec.on(when, at, repeat, taskId)));
    }

    /**
     * The manual's {@code trigger_event(flag, pkg)}: every task waiting for {@code flag} runs once
     * for this trigger ({@code at} ms later for an {@code on} task with a delay).
     *
     * @param flag the event flag
     * @param pkg the arguments of the runs it causes; empty: each task keeps its own params
     * @return how many tasks will run because of this trigger
     * @throws NullPointerException if {@code flag} is null
     * @throws IllegalArgumentException if {@code flag} is blank
     */
    public int triggerEvent(String flag, Object... pkg) {
        return trigger(flag, pkg).woken();
    }

    /**
     * {@link #triggerEvent(String, Object...)} that also tells how many listeners dropped this
     * trigger because their queue was full, for a source (a serial port, the admin) that counts
     * its own drops where its users look.
     *
     * @param flag the event flag
     * @param pkg the arguments of the runs it causes; empty: each task keeps its own params
     * @return how many tasks will run because of this trigger, and how many dropped it
     * @throws NullPointerException if {@code flag} is null
     * @throws IllegalArgumentException if {@code flag} is blank
     */
    public TriggerOutcome trigger(String flag, Object... pkg) {
        Checks.notBlank(flag, "flag");
        Object[] args = pkg == null || pkg.length == 0 ? null : pkg.clone();
        long bytes = RUN_BYTES + RetainedSize.ofArgs(args);
        Subscriptions.FanOut outcome;
        lockAndEnterSubmitted();
        try {
            outcome = subscriptions.fanOut(flag, args, bytes, ticker);
            if (outcome.reachedAny()) {
                loop.wake();
            }
        } finally {
            lock.unlock();
        }
        TriggerOutcome result = new TriggerOutcome(outcome.woken(), outcome.droppedCount());
        observers.triggered(flag, args, outcome, result);
        return result;
    }

    /**
     * The manual's {@code await_event(flag)} for the current task.
     *
     * @param flag the event flag
     * @return false when no task is running
     * @throws NullPointerException if {@code flag} is null
     * @throws IllegalArgumentException if {@code flag} is blank
     * @see #awaitEvent(String, int)
     */
    public boolean awaitEvent(String flag) {
        return awaitEvent(flag, 0);
    }

    /**
     * The manual's {@code await_event(flag, task_id)}: pauses a task until {@code flag} happens.
     * After its current run (at once, if it is not running) the task does not run on its timer
     * or its own event; the next trigger of {@code flag} runs it with that trigger's pkg, and
     * then it carries on as before: a repeating task resumes its interval from that run, an
     * {@code on} task with {@code repeat} listens to its own event again, a one-shot ends unless
     * it awaits again.
     *
     * @param flag the event flag
     * @param taskId the task, or 0 for the current one
     * @return false when there is no such task
     * @throws NullPointerException if {@code flag} is null
     * @throws IllegalArgumentException if {@code flag} is blank or {@code taskId} negative
     */
    public boolean awaitEvent(String flag, int taskId) {
        Checks.notBlank(flag, "flag");
        lockAndEnterSubmitted();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            subscriptions.awaitEvent(task, flag);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ task control

    /**
     * The manual's {@code cancel(task_id)}: the task never runs again and leaves
     * {@link #taskCount()} at once. Cancelling the running task lets its current run finish.
     *
     * @param taskId the task, or 0 for the current one
     * @return false when there is no such task
     * @throws IllegalArgumentException if {@code taskId} is negative
     */
    public boolean cancel(int taskId) {
        lockAndEnterSubmitted();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            table.remove(task);
            loop.wake();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The manual's {@code abort_current_task()}: cancels the running task; its current run finishes.
     *
     * @return false when no task is running
     */
    public boolean abortCurrentTask() {
        return cancel(0);
    }

    /**
     * The manual's {@code set_repeat(interval)} for the current task.
     *
     * @param interval the new interval in milliseconds; 0: stop repeating
     * @return false when no task is running
     * @throws IllegalArgumentException if {@code interval} is negative
     * @see #setRepeat(long, int)
     */
    public boolean setRepeat(long interval) {
        return setRepeat(interval, 0);
    }

    /**
     * The manual's {@code set_repeat(interval, task_id)}. For a timed task the next run is due
     * {@code interval} ms after the slot of its last run (or stays where it is if it has not run
     * yet); 0 makes the task end after its current or next run. For an {@code on} task, a
     * positive interval makes it run on every trigger and 0 makes its next run its last.
     *
     * @param interval the new interval in milliseconds; 0: stop repeating
     * @param taskId the task, or 0 for the current one
     * @return false when there is no such task
     * @throws IllegalArgumentException if {@code interval} or {@code taskId} is negative
     */
    public boolean setRepeat(long interval, int taskId) {
        Checks.notNegative(interval, "interval");
        lockAndEnterSubmitted();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            if (task.kind == TaskKind.ON) {
                subscriptions.rearm(task, interval > 0);
                return true;
            }
            if (runs.setEvery(task, Math.multiplyExact(interval, NANOS_PER_MILLI), ticker)) {
                loop.wake();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The manual's {@code send(pkg)} for the current task: replaces its params for its next runs.
     *
     * @param pkg the new params
     * @return false when no task is running
     */
    public boolean send(Object... pkg) {
        return send(pkg, 0);
    }

    /**
     * The manual's {@code send(pkg, task_id)}: replaces a task's params for its next runs.
     *
     * @param pkg the new params (null: none)
     * @param taskId the task, or 0 for the current one
     * @return false when there is no such task
     * @throws IllegalArgumentException if {@code taskId} is negative
     */
    public boolean send(Object[] pkg, int taskId) {
        Object[] params = Checks.copyOf(pkg);
        lockAndEnterSubmitted();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            task.params = params;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues one extra run of a task, due now, with its current params (an operator's "run now").
     * The task's own schedule is left as it is: its timer keeps its slots, a listener keeps
     * waiting for its event, a one-shot still runs when it is due. The extra run counts in
     * {@link TaskStatus#runs()} and {@link TaskStatus#failures()}. A one-shot whose own run comes
     * first ends after the extra run; cancelling the task drops an extra run not yet started.
     *
     * @param taskId the task, or 0 for the current one
     * @return false when there is no such task
     * @throws IllegalArgumentException if {@code taskId} is negative
     * @throws TaskRejectedException ({@link TaskRejectedException.Reason#QUEUE_FULL}) when the
     *     task already has as many runs queued as a trigger may queue; the drop is counted in
     *     {@link TaskStatus#droppedTriggers()}
     */
    public boolean runNow(int taskId) {
        lockAndEnterSubmitted();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            runs.enqueueExtra(task, ticker.nanoTime());
            loop.wake();
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ loop

    /**
     * The manual's {@code start()}: runs tasks one at a time on the calling thread until
     * {@link #stop()} is called or no task is left (tasks waiting for an event count as tasks),
     * then returns. It returns at once when started with no task. While nothing is due it parks
     * the thread; on a {@link ManualTicker} it moves virtual time to the next deadline instead.
     * Interrupting the thread while it is parked ends the loop (the tasks are kept).
     *
     * @throws IllegalStateException if a loop is already running
     */
    public void start() {
        loop.run(false);
    }

    /**
     * The long-lived loop for hosts that outlive their tasks (a server, the Spring bean): like
     * {@link #start()}, but when no task is left it waits for new ones instead of returning. It
     * returns only on {@link #stop()}, {@link #pause()}, {@link #drain()} once nothing due is
     * left, or an interrupt while parked. On a {@link ManualTicker} it
     * does not move virtual time: it runs what is due whenever it is woken by new work.
     *
     * @throws IllegalStateException if a loop is already running
     */
    public void runUntilStopped() {
        loop.run(true);
    }

    /**
     * The manual's {@code stop()}: stops the loop and cancels every task. Safe from any thread and
     * from inside a task (whose run finishes). Calls already handed over with {@link #run} and
     * {@link #print} are still made before the loop returns.
     *
     * <p>A stop that comes while no loop runs is not lost: the next {@link #start()} or
     * {@link #runUntilStopped()} returns at once (after those calls), as if the stop had come
     * just after it began; this covers a loop thread that was started but has not yet entered the
     * loop. Scheduling a task after the stop withdraws it: the caller means to run that task.
     */
    public void stop() {
        lockAndEnterSubmitted();
        try {
            stopLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #stop()} for a host that is closing: stops the loop, cancels every task and tells how
     * many triggered runs it discarded, so that the host can report them.
     *
     * @return how many runs queued by triggers and {@link #runNow} were discarded (a task's own
     *     timer slot is not counted: it belongs to the cancelled task, not to a trigger)
     */
    public int stopAndDiscard() {
        lockAndEnterSubmitted();
        try {
            return stopLocked();
        } finally {
            lock.unlock();
        }
    }

    private int stopLocked() {
        loop.requestStop();
        return table.removeAll();
    }

    /**
     * Ends the running loop after its current run, keeping every task and every queued run: a
     * later {@link #start()} or {@link #runUntilStopped()} carries on where it left off. This is
     * a host's pause (Spring's lifecycle {@code stop()} before a {@code start()}), not the
     * manual's {@code stop()}, which cancels every task. While no loop runs, timers fall due and
     * triggers queue (within the bounds); a repeating task skips the slots it missed.
     *
     * @return false when no loop was running (nothing to pause)
     */
    public boolean pause() {
        lockAndEnterSubmitted();
        try {
            return loop.pause();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the running loop to return once it has run everything due now (the runs due at this
     * call, calls handed over with {@link #run}); runs due later stay queued. For a host that is
     * shutting down: drain, wait for the loop within a timeout, then {@link #stopAndDiscard()}.
     *
     * @return false when no loop was running
     */
    public boolean drain() {
        lockAndEnterSubmitted();
        try {
            return loop.drain();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a loop ({@link #start()}, {@link #runUntilStopped()}) is running.
     *
     * @return true while a thread runs the loop
     */
    public boolean isRunning() {
        lockAndEnterSubmitted();
        try {
            return loop.isRunning();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Virtual time: runs every run that is due now on the calling thread, including runs that
     * become due now while it works (a {@code doNow} from a job), and calls handed over with
     * {@link #run}. For tests and hosts that drive the scheduler themselves.
     *
     * @return how many task runs it made
     * @throws IllegalStateException if a loop is running on another thread
     */
    public int runDue() {
        return loop.runDue();
    }

    /**
     * Virtual time: moves a {@link ManualTicker} forward by {@code millis}, stopping at every
     * deadline on the way to run what is due then, in order, so each run starts exactly on time.
     *
     * @param millis how far to move, in milliseconds
     * @return how many task runs it made
     * @throws IllegalArgumentException if {@code millis} is negative
     * @throws IllegalStateException if the ticker is not a {@link ManualTicker}, or a loop is
     *     running on another thread
     */
    public int advanceBy(long millis) {
        Checks.notNegative(millis, "millis");
        return loop.advanceBy(millis);
    }

    /**
     * Virtual time: {@link #advanceBy(long)} with a {@link Duration}.
     *
     * @param amount how far to move
     * @return how many task runs it made
     * @throws NullPointerException if {@code amount} is null
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws IllegalStateException as {@link #advanceBy(long)}
     */
    public int advanceBy(Duration amount) {
        return advanceBy(millis(amount, "amount"));
    }

    // ------------------------------------------------------------------ utilities

    /**
     * The manual's {@code status(task_id)}.
     *
     * @param taskId the task, or 0 for the current one
     * @return a snapshot, or empty when there is no such task
     * @throws IllegalArgumentException if {@code taskId} is negative
     */
    public Optional<TaskStatus> status(int taskId) {
        lockAndEnterSubmitted();
        try {
            Task task = find(taskId);
            return task == null ? Optional.empty() : Optional.of(table.status(task, ticker.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The manual's {@code status()}: the current task's snapshot.
     *
     * @return a snapshot, or empty when no task is running
     */
    public Optional<TaskStatus> status() {
        return status(0);
    }

    /**
     * Snapshots of every task, in id order.
     *
     * @return an immutable list
     */
    public List<TaskStatus> statuses() {
        lockAndEnterSubmitted();
        try {
            return table.statuses(ticker.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The manual's {@code current_task_id()}: the task whose job is running on the loop thread.
     *
     * @return its id, or 0 (never a task id) when no job is running
     */
    public int currentTaskId() {
        return loop.currentTaskId();
    }

    /**
     * The manual's {@code task_count()}: tasks that can still run, including tasks waiting for
     * an event.
     *
     * @return the number of tasks
     */
    public int taskCount() {
        lockAndEnterSubmitted();
        try {
            return table.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The manual's {@code pending_count()}: runs queued for execution (timed runs and triggered
     * runs, due or not). Tasks waiting for an event with nothing queued are not pending.
     *
     * @return the number of queued runs
     */
    public int pendingCount() {
        lockAndEnterSubmitted();
        try {
            return runs.pending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The estimated bytes that queued triggers and extra runs hold now, across every task (see
     * {@link Builder#maxQueuedTriggerBytes}).
     *
     * @return bytes, at least 0
     */
    public long queuedTriggerBytes() {
        lockAndEnterSubmitted();
        try {
            return runs.queuedTriggerBytes();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Triggers (and {@link #runNow} runs) dropped over a bound since this scheduler was made,
     * across every task, cancelled ones included: the sum a health check or a dashboard shows.
     *
     * @return the count
     */
    public long droppedTriggers() {
        lockAndEnterSubmitted();
        try {
            return runs.droppedTriggers();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bound on the estimated bytes of queued triggers.
     *
     * @return {@code maxQueuedTriggerBytes}
     */
    public long maxQueuedTriggerBytes() {
        return maxQueuedTriggerBytes;
    }

    /**
     * The time source this scheduler runs on; a {@link ManualTicker} means virtual time, driven by
     * {@link #advanceBy(long)} and {@link #runDue()}.
     *
     * @return the ticker
     */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * The size of the task table.
     *
     * @return {@code maxTasks}
     */
    public int maxTasks() {
        return maxTasks;
    }

    /**
     * The flags that tasks wait for, with how many tasks wait for each.
     *
     * @return an immutable map in no particular order
     */
    public Map<String, Integer> waitingEvents() {
        lockAndEnterSubmitted();
        try {
            return subscriptions.counts();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The ticker's time in milliseconds: the scale of {@code at} and {@code every}. Only
     * differences between readings mean anything.
     *
     * @return milliseconds on the scheduler's clock
     */
    public long nowMillis() {
        return ticker.nanoTime() / NANOS_PER_MILLI;
    }

    /**
     * The manual's {@code run(p, q)}: hands a call to the loop thread. On the loop thread it runs
     * at once; from any other thread it runs on the loop, before the next task. Its failures go
     * to the error handler with task id 0.
     *
     * @param job the call (the manual's {@code p})
     * @param args its arguments (the manual's {@code q})
     * @throws NullPointerException if {@code job} is null
     */
    public void run(Job job, Object... args) {
        Checks.notNull(job, "job");
        loop.call(job, Checks.copyOf(args));
    }

    /**
     * Hands a call without arguments to the loop thread, like {@link #run(Job, Object...)}.
     *
     * @param job the call
     * @throws NullPointerException if {@code job} is null
     */
    public void run(Runnable job) {
        run(Job.of(job));
    }

    /**
     * The manual's {@code print(*txt)}: writes the values, separated by spaces, as one line to the
     * output sink (default {@code System.out}) from the loop thread, so lines never interleave.
     *
     * @param values the values to print (the manual's {@code txt})
     */
    public void print(Object... values) {
        String line = values == null ? "null" : String.join(" ", Arrays.stream(values).map(String::valueOf).toList());
        run(Job.named("print", args -> output.accept(line)));
    }

    /**
     * Adds an observer (metrics, tracing).
     *
     * @param observer the observer
     * @throws NullPointerException if {@code observer} is null
     */
    public void addObserver(WorkObserver observer) {
        observers.add(Checks.notNull(observer, "observer"));
    }

    /**
     * Removes an observer added before.
     *
     * @param observer the observer
     * @return whether it was registered
     */
    public boolean removeObserver(WorkObserver observer) {
        return observers.remove(observer);
    }

    @Override
    public String toString() {
        lockAndEnterSubmitted();
        try {
            return "Work[tasks=" + table + ", pending=" + runs.pending() + ", running=" + loop.hasThread() + "]";
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    /** Enters a task made by {@link Task#of} into the table; a stop that came before is withdrawn. */
    private int schedule(Task task) {
        lockAndEnterSubmitted();
        try {
            loop.withdrawPendingStop();
            int id = table.enter(task, ticker);
            loop.wake();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #schedule} for a task due now with no id asked for: it is numbered and queued
     * without the lock, so a thread that hands the loop many tasks neither waits for the loop nor
     * makes it wait, and wakes it only when it sleeps. The locked way takes over when the table
     * is full (to say so) or a new block of free ids must be found.
     */
    private int submit(Task task) {
        int id = table.submit(task, ticker.nanoTime());
        if (id == 0) {
            return schedule(task);
        }
        loop.wake();
        return id;
    }

    /**
     * Takes the lock, then enters the tasks {@link #submit submitted} without it: every call that
     * reads or changes the scheduler's state starts here, so it sees every submission that came
     * before it.
     */
    private void lockAndEnterSubmitted() {
        lock.lock();
        try {
            loop.enterSubmitted();
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    /** The task with an id, or the current one for 0; null when there is none. Under the lock. */
    private Task find(int taskId) {
        return table.find(taskId, loop.current());
    }

    private static long millis(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + d);
        }
        return d.toMillis();
    }

    /** Queue entries held by runs that will never start (for tests). */
    int deadRuns() {
        lockAndEnterSubmitted();
        try {
            return runs.deadRuns();
        } finally {
            lock.unlock();
        }
    }

    /** Knobs for a {@link Work} beyond {@code maxTasks}. Not thread-safe; build once. */
    public static final class Builder {
        private int maxTasks = DEFAULT_MAX_TASKS;
        private int maxQueuedTriggers = DEFAULT_MAX_QUEUED_TRIGGERS;
        private long maxQueuedTriggerBytes = DEFAULT_MAX_QUEUED_TRIGGER_BYTES;
        private Ticker ticker = Ticker.system();
        private TaskErrorHandler errorHandler = TaskErrorHandler.logging();
        private Consumer<String> output = System.out::println;
        private final List<WorkObserver> observers = new ArrayList<>();

        private Builder() {
        }

        /**
         * The size of the task table (default {@value Work#DEFAULT_MAX_TASKS}).
         *
         * @param maxTasks at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxTasks <= 0}
         */
        public Builder maxTasks(int maxTasks) {
            Checks.positive(maxTasks, "maxTasks");
            this.maxTasks = maxTasks;
            return this;
        }

        /**
         * How many triggers may be queued for one task before further ones are dropped and counted
         * (default {@value Work#DEFAULT_MAX_QUEUED_TRIGGERS}).
         *
         * @param maxQueuedTriggers at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxQueuedTriggers <= 0}
         */
        public Builder maxQueuedTriggers(int maxQueuedTriggers) {
            Checks.positive(maxQueuedTriggers, "maxQueuedTriggers");
            this.maxQueuedTriggers = maxQueuedTriggers;
            return this;
        }

        /**
         * How many bytes all queued triggers may hold, by estimate, before further ones are
         * dropped and counted (default {@value Work#DEFAULT_MAX_QUEUED_TRIGGER_BYTES}, 32 MiB). A
         * queued trigger holds its run (about {@value Work#RUN_BYTES} bytes) and its arguments, as
         * {@link RetainedSize} estimates them; the runs queued by {@link Work#runNow} count too.
         * Together with {@link #maxQueuedTriggers} it bounds the memory that triggers from outside
         * (HTTP clients, serial lines) can take while the loop is busy or paused.
         *
         * @param maxQueuedTriggerBytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxQueuedTriggerBytes <= 0}
         */
        public Builder maxQueuedTriggerBytes(long maxQueuedTriggerBytes) {
            Checks.positive(maxQueuedTriggerBytes, "maxQueuedTriggerBytes");
            this.maxQueuedTriggerBytes = maxQueuedTriggerBytes;
            return this;
        }

        /**
         * The time source (default {@link Ticker#system()}); a {@link ManualTicker} gives virtual time.
         *
         * @param ticker the time source
         * @return this builder
         * @throws NullPointerException if {@code ticker} is null
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Checks.notNull(ticker, "ticker");
            return this;
        }

        /**
         * Where failures of jobs go (default {@link TaskErrorHandler#logging()}).
         *
         * @param errorHandler the handler
         * @return this builder
         * @throws NullPointerException if {@code errorHandler} is null
         */
        public Builder errorHandler(TaskErrorHandler errorHandler) {
            this.errorHandler = Checks.notNull(errorHandler, "errorHandler");
            return this;
        }

        /**
         * Where {@link Work#print} writes its lines (default {@code System.out}).
         *
         * @param output the line sink
         * @return this builder
         * @throws NullPointerException if {@code output} is null
         */
        public Builder output(Consumer<String> output) {
            this.output = Checks.notNull(output, "output");
            return this;
        }

        /**
         * Adds an observer (metrics, tracing).
         *
         * @param observer the observer
         * @return this builder
         * @throws NullPointerException if {@code observer} is null
         */
        public Builder observer(WorkObserver observer) {
            observers.add(Checks.notNull(observer, "observer"));
            return this;
        }

        /**
         * Builds the scheduler.
         *
         * @return a new {@link Work}
         */
        public Work build() {
            return new Work(this);
        }
    }
}
