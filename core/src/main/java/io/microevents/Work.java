package io.microevents;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
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
 *   <li><b>Failure.</b> Bad arguments throw {@link IllegalArgumentException} naming the argument.
 *       A full task table, or a requested id that is in use, throws
 *       {@link TaskRejectedException} (the manual's {@code None}). Methods the manual gives a
 *       {@code bool} return {@code false} for an unknown task.</li>
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

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Dead runs tolerated in the queues before {@link #purgeIfMostlyDead()} sweeps them. */
    private static final int PURGE_THRESHOLD = 1024;

    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(Work.class, "current", Task.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int maxTasks;
    private final int maxQueuedTriggers;
    private final long maxQueuedTriggerBytes;
    private final Ticker ticker;
    private final ManualTicker manualTicker;
    private final TaskErrorHandler errorHandler;
    private final Consumer<String> output;
    private final List<WorkObserver> observers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final IntMap<Task> tasks = new IntMap<>(task -> task.id);
    private final Map<String, List<Task>> waiting = new HashMap<>();
    /** Runs due later than they were queued, ordered by (due, sequence). */
    private final TimerHeap<Slot> queue = new TimerHeap<>();
    /**
     * Runs that were due the moment they were queued ({@code doNow}, triggers without delay), in
     * queue order: already sorted by (due, sequence), so no heap work; merged with {@link #queue}.
     */
    private final ArrayDeque<Run> ready = new ArrayDeque<>();
    private final ArrayDeque<Call> calls = new ArrayDeque<>();

    private long sequence;
    private int nextId = 1;
    private int pending;
    private boolean parked;
    private boolean stopRequested;
    /** A {@link #stop()} that came while no loop ran: the next loop returns at once (see {@link #stop()}). */
    private boolean stopPending;
    /** {@link #drain()}: the loop returns once nothing due by {@link #drainDeadline} is left. */
    private boolean draining;
    private long drainDeadline;
    /** Estimated bytes held by queued triggers and extra runs, across every task. */
    private long queuedTriggerBytes;
    /** Triggers and extra runs dropped over a bound since this scheduler was made, every task. */
    private long droppedTriggers;
    private Thread loopThread;
    /**
     * The task whose job is running. Written under the lock with release stores and read outside
     * it with acquire loads ({@link #currentTaskId()}): a full volatile store would add a fence to
     * every run for no reader's benefit.
     */
    private Task current;

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
        this.maxQueuedTriggers = b.maxQueuedTriggers;
        this.maxQueuedTriggerBytes = b.maxQueuedTriggerBytes;
        this.ticker = b.ticker;
        this.manualTicker = b.ticker instanceof ManualTicker m ? m : null;
        this.errorHandler = b.errorHandler;
        this.output = b.output;
        this.observers = new CopyOnWriteArrayList<>(b.observers);
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
     * @throws IllegalArgumentException if {@code job} is null
     * @throws TaskRejectedException if the task table is full
     */
    public int doNow(Runnable job) {
        return schedule(null, job, runnableName(job), null, TaskKind.NOW, 0, 0, null, false, 0);
    }

    /**
     * The manual's {@code do(job, params)}: schedules a job to run on the next cycle.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null
     * @throws TaskRejectedException if the task table is full
     */
    public int doNow(Job job, Object... params) {
        return schedule(job, null, null, params, TaskKind.NOW, 0, 0, null, false, 0);
    }

    /**
     * The manual's {@code do(job, params, task_id)}, argument for argument.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments (null: none)
     * @param taskId the id to give the task, or 0 to let the scheduler choose
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code taskId} negative
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int doNow(Job job, Object[] params, int taskId) {
        return schedule(job, null, null, params, TaskKind.NOW, 0, 0, null, false, taskId);
    }

    /**
     * The manual's {@code at}: schedules a job to run once after a delay.
     *
     * @param job the code to run
     * @param at the delay in milliseconds (>= 0)
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code at} negative
     * @throws TaskRejectedException if the task table is full
     */
    public int at(Runnable job, long at) {
        return schedule(null, job, runnableName(job), null, TaskKind.AT, at, 0, null, false, 0);
    }

    /**
     * Schedules a job to run once after a delay.
     *
     * @param job the code to run
     * @param delay the delay (>= 0, millisecond precision)
     * @return the task id
     * @throws IllegalArgumentException if an argument is null or {@code delay} negative
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
     * @throws IllegalArgumentException if {@code job} is null or {@code at} negative
     * @throws TaskRejectedException if the task table is full
     */
    public int at(Job job, long at, Object... params) {
        return schedule(job, null, null, params, TaskKind.AT, at, 0, null, false, 0);
    }

    /**
     * The manual's {@code at(job, params, at, task_id)}, argument for argument.
     *
     * @param job the code to run; receives {@code params}
     * @param params its arguments (null: none)
     * @param at the delay in milliseconds (>= 0)
     * @param taskId the id to give the task, or 0 to let the scheduler choose
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null, or {@code at} or {@code taskId} negative
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int at(Job job, Object[] params, long at, int taskId) {
        return schedule(job, null, null, params, TaskKind.AT, at, 0, null, false, taskId);
    }

    /**
     * The manual's {@code repeat(job, every=...)}: runs a job now and then every {@code every} ms.
     *
     * @param job the code to run
     * @param every the interval in milliseconds (> 0)
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code every <= 0}
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
     * @throws IllegalArgumentException if an argument is null or {@code every} not positive
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
     * @throws IllegalArgumentException if {@code job} is null, {@code at} negative or {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Runnable job, long at, long every) {
        return schedule(null, job, runnableName(job), null, TaskKind.REPEAT, at, every, null, false, 0);
    }

    /**
     * The manual's {@code repeat(job, params, every=...)}: runs now, then every {@code every} ms.
     *
     * @param job the code to run; receives {@code params}
     * @param every the interval in milliseconds (> 0)
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Job job, long every) {
        return schedule(job, null, null, null, TaskKind.REPEAT, 0, every, null, false, 0);
    }

    /**
     * The manual's {@code repeat(job, params, at, every)}.
     *
     * @param job the code to run; receives {@code params}
     * @param at the initial delay in milliseconds (>= 0)
     * @param every the interval in milliseconds (> 0)
     * @param params its arguments
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null, {@code at} negative or {@code every <= 0}
     * @throws TaskRejectedException if the task table is full
     */
    public int repeat(Job job, long at, long every, Object... params) {
        return schedule(job, null, null, params, TaskKind.REPEAT, at, every, null, false, 0);
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
        return schedule(job, null, null, params, TaskKind.REPEAT, at, every, null, false, taskId);
    }

    // ------------------------------------------------------------------ scheduling: causal

    /**
     * The manual's {@code on(job, when=...)}: runs a job once, when {@code when} is triggered.
     *
     * @param job the code to run
     * @param when the event flag
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code when} blank
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
     * @throws IllegalArgumentException if {@code job} is null or {@code when} blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Runnable job, String when, boolean repeat) {
        return schedule(null, job, runnableName(job), null, TaskKind.ON, 0, 0, when, repeat, 0);
    }

    /**
     * The manual's {@code on(job, when=...)} for a job that takes the trigger's pkg: runs once.
     *
     * @param job the code to run; receives the trigger's pkg
     * @param when the event flag
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code when} blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Job job, String when) {
        return schedule(job, null, null, null, TaskKind.ON, 0, 0, when, false, 0);
    }

    /**
     * The manual's {@code on(job, when=..., repeat=...)} for a job that takes the trigger's pkg.
     *
     * @param job the code to run; receives the trigger's pkg
     * @param when the event flag
     * @param repeat true: run once per trigger for as long as the task lives; false: run once
     * @return the task id
     * @throws IllegalArgumentException if {@code job} is null or {@code when} blank
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Job job, String when, boolean repeat) {
        return schedule(job, null, null, null, TaskKind.ON, 0, 0, when, repeat, 0);
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
     * @throws IllegalArgumentException if an argument is null, blank or negative
     * @throws TaskRejectedException if the task table is full
     */
    public int on(Job job, String when, long at, boolean repeat, Object... params) {
        return schedule(job, null, null, params, TaskKind.ON, at, 0, when, repeat, 0);
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
     * @throws IllegalArgumentException if an argument is null, blank or negative
     * @throws TaskRejectedException if the table is full or {@code taskId} is in use
     */
    public int on(Job job, Object[] params, String when, long at, boolean repeat, int taskId) {
        return schedule(job, null, null, params, TaskKind.ON, at, 0, when, repeat, taskId);
    }

    /**
     * The manual's {@code trigger_event(flag, pkg)}: every task waiting for {@code flag} runs once
     * for this trigger ({@code at} ms later for an {@code on} task with a delay).
     *
     * @param flag the event flag
     * @param pkg the arguments of the runs it causes; empty: each task keeps its own params
     * @return how many tasks will run because of this trigger
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
     * @throws IllegalArgumentException if {@code flag} is blank
     */
    public TriggerOutcome trigger(String flag, Object... pkg) {
        Checks.notBlank(flag, "flag");
        Object[] args = pkg == null || pkg.length == 0 ? null : pkg.clone();
        long bytes = RUN_BYTES + RetainedSize.ofArgs(args);
        int woken = 0;
        List<Task> dropped = null;
        lock.lock();
        try {
            List<Task> list = waiting.get(flag);
            if (list != null && !list.isEmpty()) {
                long now = ticker.nanoTime();
                for (Task task : list.toArray(new Task[0])) {
                    boolean awaited = flag.equals(task.awaiting());
                    if (!awaited && !task.rearm) {
                        unsubscribe(flag, task);
                    }
                    if ((!awaited && task.queued >= maxQueuedTriggers)
                            || queuedTriggerBytes + bytes > maxQueuedTriggerBytes) {
                        // an awaiting task that drops a trigger keeps awaiting
                        task.rare().droppedTriggers++;
                        droppedTriggers++;
                        if (dropped == null) {
                            dropped = new ArrayList<>();
                        }
                        dropped.add(task);
                        continue;
                    }
                    if (awaited) {
                        // awaitEvent: one run now, then the task carries on as before
                        unsubscribe(flag, task);
                        task.setAwaiting(null);
                        enqueue(task, now, true, args, bytes).awaited = true;
                    } else {
                        enqueue(task, now + task.atNanos(), task.atNanos() == 0, args, bytes);
                    }
                    woken++;
                }
                wakeLoop();
            }
        } finally {
            lock.unlock();
        }
        TriggerOutcome outcome = new TriggerOutcome(woken, dropped == null ? 0 : dropped.size());
        List<Object> values = observers.isEmpty() || args == null ? List.of()
                : Collections.unmodifiableList(Arrays.asList(args));
        for (WorkObserver o : observers) {
            try {
                o.eventTriggered(flag, values, outcome);
                if (dropped != null) {
                    for (Task t : dropped) {
                        o.triggerDropped(t.id, flag);
                    }
                }
            } catch (RuntimeException e) {
                logObserverFailure(e);
            }
        }
        return outcome;
    }

    /**
     * The manual's {@code await_event(flag)} for the current task.
     *
     * @param flag the event flag
     * @return false when no task is running
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
     * @throws IllegalArgumentException if {@code flag} is blank or {@code taskId} negative
     */
    public boolean awaitEvent(String flag, int taskId) {
        Checks.notBlank(flag, "flag");
        lock.lock();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            if (task.state == TaskState.RUNNING) {
                task.setAwaitAfterRun(flag);
            } else {
                pause(task);
                task.setAwaiting(flag);
                subscribe(flag, task);
                task.state = task.queued > 0 ? TaskState.SCHEDULED : TaskState.WAITING;
            }
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
        lock.lock();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            remove(task);
            wakeLoop();
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
        lock.lock();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            if (task.kind == TaskKind.ON) {
                boolean rearm = interval > 0;
                if (rearm && !task.rearm && task.awaiting() == null && task.awaitAfterRun() == null
                        && !listens(task)) {
                    // a one-shot that took its trigger already: it listens again, or it would
                    // linger with nothing to wake it
                    subscribe(task.event(), task);
                    if (task.queued == 0 && task.state != TaskState.RUNNING) {
                        task.state = TaskState.WAITING;
                    }
                }
                task.rearm = rearm;
                return true;
            }
            task.everyNanos = Math.multiplyExact(interval, NANOS_PER_MILLI);
            if (task.everyNanos > 0 && task.timerRun != null && task.hasRun) {
                // move the queued run to the new slot
                long due = task.lastDue + task.everyNanos;
                drop(task.timerRun);
                task.timerRun = enqueueTimer(task, catchUp(due, task.everyNanos, ticker.nanoTime()), false);
                wakeLoop();
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
        lock.lock();
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
        lock.lock();
        try {
            Task task = find(taskId);
            if (task == null) {
                return false;
            }
            if (task.queued >= maxQueuedTriggers) {
                task.rare().droppedTriggers++;
                droppedTriggers++;
                throw new TaskRejectedException(TaskRejectedException.Reason.QUEUE_FULL, task.id,
                        "task " + task.id + " already has " + task.queued + " runs queued (maxQueuedTriggers "
                                + maxQueuedTriggers + "); this run is dropped and counted in droppedTriggers");
            }
            if (queuedTriggerBytes + RUN_BYTES > maxQueuedTriggerBytes) {
                task.rare().droppedTriggers++;
                droppedTriggers++;
                throw new TaskRejectedException(TaskRejectedException.Reason.QUEUE_FULL, task.id,
                        "queued triggers hold " + queuedTriggerBytes + " bytes (maxQueuedTriggerBytes "
                                + maxQueuedTriggerBytes + "); this run is dropped and counted in droppedTriggers");
            }
            enqueue(task, ticker.nanoTime(), true, null, RUN_BYTES).extra = true;
            wakeLoop();
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
        loop(false);
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
        loop(true);
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
        lock.lock();
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
        lock.lock();
        try {
            return stopLocked();
        } finally {
            lock.unlock();
        }
    }

    private int stopLocked() {
        if (loopThread != null) {
            stopRequested = true;
        } else {
            stopPending = true;
        }
        int timers = 0;
        for (Task task : tasks.values()) {
            if (task.timerRun != null && !task.timerRun.dead) {
                timers++;
            }
        }
        int discarded = pending - timers;
        for (Task task : tasks.values()) {
            remove(task);
        }
        queue.clear();
        ready.clear();
        pending = 0;
        queuedTriggerBytes = 0;
        wakeLoop();
        return Math.max(0, discarded);
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
        lock.lock();
        try {
            if (loopThread == null) {
                return false;
            }
            stopRequested = true;
            wakeLoop();
            return true;
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
        lock.lock();
        try {
            if (loopThread == null) {
                return false;
            }
            draining = true;
            drainDeadline = ticker.nanoTime();
            wakeLoop();
            return true;
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
        lock.lock();
        try {
            return loopThread != null && !stopRequested && !draining;
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
        enterLoop(false);
        try {
            return drainDue();
        } finally {
            exitLoop();
        }
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
        if (manualTicker == null) {
            throw new IllegalStateException("advanceBy needs a ManualTicker; this Work runs on " + ticker);
        }
        enterLoop(false);
        try {
            long target = manualTicker.nanoTime() + Math.multiplyExact(millis, NANOS_PER_MILLI);
            int runs = drainDue();
            while (true) {
                Slot next;
                lock.lock();
                try {
                    next = peekNext();
                } finally {
                    lock.unlock();
                }
                if (next == null || next.due - target > 0) {
                    break;
                }
                manualTicker.moveTo(next.due);
                runs += drainDue();
            }
            manualTicker.moveTo(target);
            return runs + drainDue();
        } finally {
            exitLoop();
        }
    }

    /**
     * Virtual time: {@link #advanceBy(long)} with a {@link Duration}.
     *
     * @param amount how far to move
     * @return how many task runs it made
     * @throws IllegalArgumentException if {@code amount} is null or negative
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
        lock.lock();
        try {
            Task task = find(taskId);
            return task == null ? Optional.empty() : Optional.of(snapshot(task, ticker.nanoTime()));
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
        lock.lock();
        try {
            long now = ticker.nanoTime();
            List<TaskStatus> all = new ArrayList<>(tasks.size());
            for (Task task : tasks.values()) {
                all.add(snapshot(task, now));
            }
            all.sort((a, b) -> Integer.compare(a.id(), b.id()));
            return Collections.unmodifiableList(all);
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
        Task task = (Task) CURRENT.getAcquire(this);
        return task == null ? 0 : task.id;
    }

    /**
     * The manual's {@code task_count()}: tasks that can still run, including tasks waiting for
     * an event.
     *
     * @return the number of tasks
     */
    public int taskCount() {
        lock.lock();
        try {
            return tasks.size();
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
        lock.lock();
        try {
            return pending;
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
        lock.lock();
        try {
            return queuedTriggerBytes;
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
        lock.lock();
        try {
            return droppedTriggers;
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
        lock.lock();
        try {
            Map<String, Integer> counts = new HashMap<>();
            waiting.forEach((flag, list) -> counts.put(flag, list.size()));
            return Collections.unmodifiableMap(counts);
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
     * @param p the call
     * @param q its arguments
     * @throws IllegalArgumentException if {@code p} is null
     */
    public void run(Job p, Object... q) {
        Checks.notNull(p, "p");
        Call call = new Call(p, Checks.copyOf(q));
        lock.lock();
        try {
            if (Thread.currentThread() != loopThread) {
                calls.add(call);
                wakeLoop();
                return;
            }
        } finally {
            lock.unlock();
        }
        call.run();
    }

    /**
     * Hands a call without arguments to the loop thread, like {@link #run(Job, Object...)}.
     *
     * @param p the call
     * @throws IllegalArgumentException if {@code p} is null
     */
    public void run(Runnable p) {
        run(adapt(p));
    }

    /**
     * The manual's {@code print(*txt)}: writes the values, separated by spaces, as one line to the
     * output sink (default {@code System.out}) from the loop thread, so lines never interleave.
     *
     * @param txt the values to print
     */
    public void print(Object... txt) {
        String line = txt == null ? "null" : String.join(" ", Arrays.stream(txt).map(String::valueOf).toList());
        run(Job.named("print", args -> output.accept(line)));
    }

    /**
     * Adds an observer (metrics, tracing).
     *
     * @param observer the observer
     * @throws IllegalArgumentException if {@code observer} is null
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
        lock.lock();
        try {
            return "Work[tasks=" + tasks.size() + "/" + maxTasks + ", pending=" + pending
                    + ", running=" + (loopThread != null) + "]";
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    private static Job adapt(Runnable job) {
        return Job.of(job);
    }

    /**
     * The name of a {@code Runnable} scheduled as it is (a task keeps it without the adapter
     * {@link Job#of} would make), checked as {@link Job#of} checks it.
     */
    private static String runnableName(Runnable job) {
        Checks.notNull(job, "job");
        return Checks.notBlank(Job.nameOf(job), "name");
    }

    private static long millis(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + d);
        }
        return d.toMillis();
    }

    /**
     * Schedules a task that runs {@code job}, or else {@code runnable} (already checked, named
     * {@code runnableName}).
     */
    private int schedule(Job job, Runnable runnable, String runnableName, Object[] params, TaskKind kind,
                         long at, long every, String when, boolean rearm, int taskId) {
        if (runnable == null) {
            Checks.notNull(job, "job");
        }
        Checks.notNegative(at, "at");
        Checks.notNegative(taskId, "taskId");
        if (kind == TaskKind.REPEAT) {
            Checks.positive(every, "every");
        }
        if (kind == TaskKind.ON) {
            Checks.notBlank(when, "when");
        }
        long atNanos = Math.multiplyExact(at, NANOS_PER_MILLI);
        long everyNanos = Math.multiplyExact(every, NANOS_PER_MILLI);
        Object[] args = Checks.copyOf(params);
        String name = runnableName != null ? runnableName : Job.nameOf(job);
        lock.lock();
        try {
            int id = allocateId(taskId);
            stopPending = false;
            Task task = new Task(id, name, job, runnable, kind, args, atNanos, everyNanos, when, rearm);
            tasks.put(task);
            if (kind == TaskKind.ON) {
                subscribe(when, task);
                task.state = TaskState.WAITING;
            } else {
                long now = ticker.nanoTime();
                task.timerRun = enqueueTimer(task, now + atNanos, atNanos == 0);
            }
            wakeLoop();
            return id;
        } finally {
            lock.unlock();
        }
    }

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

    private Task find(int taskId) {
        Checks.notNegative(taskId, "taskId");
        if (taskId == 0) {
            Task task = current;
            return task != null && !task.cancelled ? task : null;
        }
        return tasks.get(taskId);
    }

    /**
     * Queues a run. {@code dueNow}: {@code due} is the clock reading just taken, so the run goes
     * to the ready lane, which stays sorted because readings never go back (checked, to be safe).
     */
    private Run enqueue(Task task, long due, boolean dueNow, Object[] args, long bytes) {
        Run run = new Run(task, due, sequence++, args);
        if (bytes > 0) {
            run.bytes = bytes;
            task.queuedBytes += bytes;
            queuedTriggerBytes += bytes;
        }
        Run last = ready.peekLast();
        if (dueNow && (last == null || due - last.due >= 0)) {
            ready.add(run);
        } else {
            queue.add(due, run.seq, run);
        }
        queued(task);
        return run;
    }

    /**
     * Queues a task's own timer slot. One that goes to the timer heap is the task itself (no
     * {@link Run} to allocate) unless that slot is already queued; one due now goes to the ready
     * lane as a {@link Run}, as {@link #enqueue} does.
     */
    private Slot enqueueTimer(Task task, long due, boolean dueNow) {
        if (dueNow || !task.dead) {
            return enqueue(task, due, dueNow, null, 0);
        }
        task.due = due;
        task.seq = sequence++;
        task.dead = false;
        queue.add(due, task.seq, task);
        queued(task);
        return task;
    }

    private void queued(Task task) {
        task.queued++;
        pending++;
        if (task.state != TaskState.RUNNING) {
            task.state = TaskState.SCHEDULED;
        }
    }

    private void drop(Slot run) {
        if (!run.dead) {
            run.dead = true;
            taskOf(run).queued--;
            pending--;
            release(run);
            purgeIfMostlyDead();
        }
    }

    /** Gives back the bytes a triggered run held, once it is taken or dropped. */
    private void release(Slot slot) {
        if (slot instanceof Run run && run.bytes > 0) {
            if (!run.task.cancelled) {
                run.task.queuedBytes -= run.bytes;
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
        int dead = queue.size() + ready.size() - pending;
        if (dead > PURGE_THRESHOLD && dead > pending) {
            queue.removeIf((slot, seq) -> !isLive(slot, seq));
            ready.removeIf(run -> run.dead || run.task.cancelled);
        }
    }

    /** Heap entries used by runs that will never start (for tests). */
    int deadRuns() {
        lock.lock();
        try {
            return queue.size() + ready.size() - pending;
        } finally {
            lock.unlock();
        }
    }

    private void subscribe(String flag, Task task) {
        waiting.computeIfAbsent(flag, f -> new ArrayList<>()).add(task);
    }

    private void unsubscribe(String flag, Task task) {
        List<Task> list = waiting.get(flag);
        if (list != null) {
            list.remove(task);
            if (list.isEmpty()) {
                waiting.remove(flag);
            }
        }
    }

    /** Whether an {@code on} task is subscribed to its own event. */
    private boolean listens(Task task) {
        if (task.kind != TaskKind.ON) {
            return false;
        }
        List<Task> list = waiting.get(task.event());
        return list != null && list.contains(task);
    }

    /** Takes a task off its timer and its own event, for awaitEvent. */
    private void pause(Task task) {
        if (task.timerRun != null) {
            drop(task.timerRun);
            task.timerRun = null;
        }
        if (task.awaiting() != null) {
            unsubscribe(task.awaiting(), task);
            task.setAwaiting(null);
        }
        if (task.kind == TaskKind.ON) {
            unsubscribe(task.event(), task);
        }
    }

    private void remove(Task task) {
        if (task.cancelled) {
            return;
        }
        task.cancelled = true;
        tasks.remove(task.id);
        if (task.awaiting() != null) {
            unsubscribe(task.awaiting(), task);
        }
        if (task.kind == TaskKind.ON) {
            unsubscribe(task.event(), task);
        }
        pending -= task.queued;
        task.queued = 0;
        queuedTriggerBytes -= task.queuedBytes;
        task.queuedBytes = 0;
        task.timerRun = null;
        purgeIfMostlyDead();
    }

    /**
     * Whether a heap entry will still run: its slot is not dropped or taken, its task not
     * cancelled, and (for a task's own timer slot, which may be queued again after a drop) the
     * entry is the slot's latest.
     */
    private static boolean isLive(Slot slot, long seq) {
        return !slot.dead && slot.seq == seq && !taskOf(slot).cancelled;
    }

    private Slot peekLive() {
        Slot head = queue.peek();
        while (head != null && !isLive(head, queue.seqAt(0))) {
            queue.poll();
            head = queue.peek();
        }
        return head;
    }

    private Run peekReady() {
        Run head = ready.peekFirst();
        while (head != null && (head.dead || head.task.cancelled)) {
            ready.pollFirst();
            head = ready.peekFirst();
        }
        return head;
    }

    /** The next live run by (due, sequence) across the heap and the ready lane, or null. */
    private Slot peekNext() {
        Slot timed = peekLive();
        Run now = peekReady();
        if (now == null) {
            return timed;
        }
        return timed != null && timed.compareTo(now) < 0 ? timed : now;
    }

    /** Takes {@code run}, the result of {@link #peekNext()}, off its queue. */
    private void take(Slot run) {
        if (run == ready.peekFirst()) {
            ready.pollFirst();
        } else {
            queue.poll();
        }
    }

    private void wakeLoop() {
        if (parked) {
            wake.signal();
        }
    }

    /** Claims the loop for this thread; {@code takePendingStop}: a stop that came before ends it. */
    private void enterLoop(boolean takePendingStop) {
        lock.lock();
        try {
            if (loopThread != null) {
                throw new IllegalStateException("Work is already running on thread " + loopThread.getName());
            }
            loopThread = Thread.currentThread();
            stopRequested = takePendingStop && stopPending;
            stopPending = false;
            draining = false;
        } finally {
            lock.unlock();
        }
    }

    private void exitLoop() {
        lock.lock();
        try {
            loopThread = null;
            stopRequested = false;
            draining = false;
        } finally {
            lock.unlock();
        }
    }

    private void loop(boolean keepAlive) {
        enterLoop(true);
        try {
            Object step = nextStep(keepAlive, true);
            while (step != null) {
                step = performThenNext(step, keepAlive, true);
            }
        } finally {
            exitLoop();
        }
    }

    private int drainDue() {
        int runs = 0;
        Object step = nextStep(false, false);
        while (step != null) {
            if (step instanceof Slot) {
                runs++;
            }
            step = performThenNext(step, false, false);
        }
        return runs;
    }

    /**
     * The next thing for the loop to do: a call, a due run, or null to return. With
     * {@code block}, waits (or fast-forwards a manual ticker) until something is due.
     */
    private Object nextStep(boolean keepAlive, boolean block) {
        lock.lock();
        try {
            return nextStepLocked(keepAlive, block);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #nextStep} with the lock held. */
    private Object nextStepLocked(boolean keepAlive, boolean block) {
        while (true) {
            Call call = calls.poll();
            if (call != null) {
                return call;
            }
            if (stopRequested) {
                return null;
            }
            Slot head = peekNext();
            if (draining) {
                if (head != null && head.due - drainDeadline <= 0) {
                    take(head);
                    begin(head);
                    return head;
                }
                return null;
            }
            if (head != null && !ready.isEmpty()) {
                // the ready lane's head was due when it was queued, and head is no later
                take(head);
                begin(head);
                return head;
            }
            long now = ticker.nanoTime();
            if (head != null && head.due - now <= 0) {
                take(head);
                begin(head);
                return head;
            }
            if (!block || (tasks.isEmpty() && !keepAlive)) {
                return null;
            }
            if (head != null && manualTicker != null && !keepAlive) {
                manualTicker.moveTo(head.due);
                continue;
            }
            parked = true;
            try {
                if (head == null || manualTicker != null) {
                    wake.await();
                } else {
                    wake.awaitNanos(head.due - now);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                parked = false;
            }
        }
    }

    private void begin(Slot run) {
        Task task = taskOf(run);
        run.dead = true;
        task.queued--;
        pending--;
        release(run);
        if (run == task.timerRun) {
            task.timerRun = null;
        }
        task.state = TaskState.RUNNING;
        CURRENT.setRelease(this, task);
    }

    /** Performs a step, then returns the next one as {@link #nextStep} does. */
    private Object performThenNext(Object step, boolean keepAlive, boolean block) {
        if (step instanceof Call call) {
            call.run();
            return nextStep(keepAlive, block);
        }
        Slot run = (Slot) step;
        Task task = taskOf(run);
        // a task's own slot may be queued again (a new due) by the bookkeeping: keep this run's
        long due = run.due;
        Object[] args = run instanceof Run r && r.args != null ? r.args : task.params;
        // the clock is read for observers only: a run that no observer watches costs no reading
        boolean observed = !observers.isEmpty();
        long started = observed ? ticker.nanoTime() : 0L;
        Throwable error = null;
        try {
            Runnable runnable = task.runnable;
            if (runnable != null) {
                runnable.run();
            } else {
                task.job.run(args);
            }
        } catch (VirtualMachineError fatal) {
            finish(run, due, observed, fatal);
            throw fatal;
        } catch (Throwable t) {
            error = t;
        }
        if (error == null && !observed) {
            // nothing to report: the bookkeeping and the choice of the next step share one lock hold
            lock.lock();
            try {
                finishLocked(run, due, false, null);
                return nextStepLocked(keepAlive, block);
            } finally {
                lock.unlock();
            }
        }
        long ended = finish(run, due, observed, error);
        if (error != null && !interruptedToStop(error)) {
            try {
                errorHandler.handle(task.id, task.name, error);
            } catch (RuntimeException e) {
                System.getLogger(Work.class.getName()).log(System.Logger.Level.ERROR,
                        "Task error handler failed", e);
            }
        }
        if (observed) {
            for (WorkObserver o : observers) {
                try {
                    o.taskRan(task.id, task.name, started - due, ended - started, error);
                } catch (RuntimeException e) {
                    logObserverFailure(e);
                }
            }
        }
        return nextStep(keepAlive, block);
    }

    /**
     * Whether a failed run was cut short by the host that is stopping the loop (an interrupt after
     * {@link #stop}, {@link #pause} or {@link #drain}): the host reports that itself, in one line,
     * so the failure is counted but not handed to the error handler.
     */
    private boolean interruptedToStop(Throwable error) {
        lock.lock();
        try {
            if (!stopRequested && !draining) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bookkeeping after a run: counts it, then reschedules, pauses or ends the task. Returns the
     * clock reading it took, or 0 when it needed none (not observed, not repeating).
     */
    private long finish(Slot run, long due, boolean observed, Throwable error) {
        lock.lock();
        try {
            return finishLocked(run, due, observed, error);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #finish} with the lock held. */
    private long finishLocked(Slot run, long due, boolean observed, Throwable error) {
        Task task = taskOf(run);
        boolean extra = run instanceof Run r && r.extra;
        long now = observed || task.everyNanos > 0 ? ticker.nanoTime() : 0L;
        CURRENT.setRelease(this, null);
        task.runs++;
        if (!extra) {
            task.hasRun = true;
            task.lastDue = due;
        }
        if (error != null) {
            Rare rare = task.rare();
            rare.failures++;
            rare.lastError = error;
        }
        if (task.cancelled) {
            return now;
        }
        task.state = task.queued > 0 ? TaskState.SCHEDULED : TaskState.WAITING;
        if (task.awaitAfterRun() != null) {
            String flag = task.awaitAfterRun();
            task.setAwaitAfterRun(null);
            pause(task);
            task.setAwaiting(flag);
            subscribe(flag, task);
        } else if (extra) {
            // an extra run leaves the schedule alone; it ends only a task with nothing left
            if (task.queued == 0 && task.awaiting() == null && !listens(task)) {
                remove(task);
            }
        } else if (task.kind == TaskKind.ON) {
            if (task.rearm) {
                if (run instanceof Run r && r.awaited) {
                    subscribe(task.event(), task);
                }
            } else if (task.queued == 0) {
                remove(task);
            }
        } else if (task.everyNanos > 0) {
            task.timerRun = enqueueTimer(task, catchUp(due + task.everyNanos, task.everyNanos, now), false);
        } else if (task.queued == 0) {
            remove(task);
        }
        return now;
    }

    /** The first slot {@code due + n*every} (n >= 0) that is not in the past. */
    private static long catchUp(long due, long every, long now) {
        long behind = now - due;
        if (behind <= 0) {
            return due;
        }
        long slots = (behind + every - 1) / every;
        return due + slots * every;
    }

    private TaskStatus snapshot(Task task, long now) {
        Slot timer = task.timerRun;
        long nextRun = -1;
        if (task.state != TaskState.RUNNING && task.queued > 0) {
            boolean onlyTimer = timer != null && !timer.dead && task.queued == 1;
            long due = onlyTimer ? timer.due : earliestDue(task);
            nextRun = Math.max(0, (due - now) / NANOS_PER_MILLI);
        }
        String event = task.awaiting() != null ? task.awaiting() : task.event();
        long interval = task.kind == TaskKind.ON ? 0 : task.everyNanos / NANOS_PER_MILLI;
        List<Object> params = Collections.unmodifiableList(Arrays.asList(task.params.clone()));
        return new TaskStatus(task.id, task.name, params, task.kind, event, interval, nextRun, task.state,
                task.runs, task.failures(), task.lastError(), task.queued, task.droppedTriggers(),
                task.job instanceof ClusterJob cluster ? cluster.clusterSlots() : null);
    }

    private long earliestDue(Task task) {
        long best = 0;
        boolean found = false;
        for (int i = 0; i < queue.size(); i++) {
            Slot run = queue.get(i);
            if (taskOf(run) == task && isLive(run, queue.seqAt(i)) && (!found || run.due - best < 0)) {
                best = run.due;
                found = true;
            }
        }
        for (Run run : ready) {
            if (run.task == task && !run.dead && (!found || run.due - best < 0)) {
                best = run.due;
                found = true;
            }
        }
        return best;
    }

    private void logObserverFailure(RuntimeException e) {
        System.getLogger(Work.class.getName()).log(System.Logger.Level.WARNING, "WorkObserver failed", e);
    }

    /** A call handed to the loop thread by {@link #run}. */
    private final class Call {
        private final Job job;
        private final Object[] args;

        Call(Job job, Object[] args) {
            this.job = job;
            this.args = args;
        }

        void run() {
            try {
                job.run(args);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                try {
                    errorHandler.handle(0, Job.nameOf(job), t);
                } catch (RuntimeException e) {
                    System.getLogger(Work.class.getName()).log(System.Logger.Level.ERROR,
                            "Task error handler failed", e);
                }
            }
        }
    }

    /** The task a queued run belongs to. */
    private static Task taskOf(Slot slot) {
        return slot instanceof Run run ? run.task : (Task) slot;
    }

    /**
     * One queued run of a task, ordered by (due, sequence): a {@link Run}, or a {@link Task}
     * standing for its own next timer slot in the timer heap.
     */
    private abstract static class Slot implements Comparable<Slot> {
        long due;
        long seq;
        /** Taken, dropped, or (for a task's own slot) not queued. */
        boolean dead;

        @Override
        public int compareTo(Slot o) {
            long d = due - o.due;
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
            return Long.compare(seq, o.seq);
        }
    }

    /** A queued run with its own object: a trigger, an extra run, or a timer slot due now. */
    private static final class Run extends Slot {
        final Task task;
        final Object[] args;
        boolean awaited;
        boolean extra;
        /** The estimated bytes it holds against the bound on queued triggers; 0 for a timer slot. */
        long bytes;

        Run(Task task, long due, long seq, Object[] args) {
            this.task = task;
            this.due = due;
            this.seq = seq;
            this.args = args;
        }
    }

    /**
     * The mutable state of one task; guarded by the lock. As a {@link Slot} it is its own timer
     * slot in the heap ({@code due}, {@code seq}; {@code dead} while it is not queued there), so
     * a pending timed task is one object.
     */
    private static final class Task extends Slot {
        final int id;
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
        /** Estimated bytes held by its queued triggered runs. */
        long queuedBytes;
        boolean hasRun;
        long lastDue;
        long runs;
        boolean cancelled;
        /** The fields most tasks never use; made on first use, and at once for an {@code on} task. */
        private Rare rare;

        Task(int id, String name, Job job, Runnable runnable, TaskKind kind, Object[] params, long atNanos, long everyNanos,
             String event, boolean rearm) {
            this.id = id;
            this.name = name;
            this.job = job;
            this.runnable = runnable;
            this.kind = kind;
            this.params = params;
            this.everyNanos = everyNanos;
            this.rearm = rearm;
            this.dead = true;
            if (event != null || kind == TaskKind.ON) {
                rare = new Rare(event, atNanos);
            }
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
    }

    /**
     * What a task needs only for events, {@code awaitEvent} and failures: kept out of
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

        Rare(String event, long atNanos) {
            this.event = event;
            this.atNanos = atNanos;
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
         * @throws IllegalArgumentException if {@code ticker} is null
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
         * @throws IllegalArgumentException if {@code errorHandler} is null
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
         * @throws IllegalArgumentException if {@code output} is null
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
         * @throws IllegalArgumentException if {@code observer} is null
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
