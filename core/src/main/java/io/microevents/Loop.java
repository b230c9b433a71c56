package io.microevents;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The loop of a {@link Work}: entering and leaving it, choosing the next run, running it and the
 * bookkeeping after it, parking while nothing is due, and virtual time ({@link #advanceBy}).
 * Its state is guarded by {@link Work}'s lock, which it shares; it runs jobs without the lock.
 *
 * <p>A step of the loop is a {@link Call} handed over with {@link Work#run}, or a due run
 * (a {@link Slot}). The bookkeeping after a run and the choice of the next step share one lock
 * hold when no observer needs the clock (see docs/performance.md).
 */
final class Loop {

    private static final VarHandle CURRENT;
    private static final VarHandle PARKED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CURRENT = lookup.findVarHandle(Loop.class, "current", Task.class);
            PARKED = lookup.findVarHandle(Loop.class, "parked", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock;
    private final Ticker ticker;
    private final ManualTicker manualTicker;
    private final TaskTable table;
    private final RunQueue runs;
    private final Subscriptions subscriptions;
    private final Observers observers;
    private final ArrayDeque<Call> calls = new ArrayDeque<>();

    /** The loop's thread while it sleeps or is about to; null while it works. */
    private volatile Thread parked;
    private boolean stopRequested;
    /** A stop that came while no loop ran: the next loop returns at once (see {@link Work#stop()}). */
    private boolean stopPending;
    /** {@link #drain()}: the loop returns once nothing due by {@link #drainDeadline} is left. */
    private boolean draining;
    private long drainDeadline;
    private Thread loopThread;
    /**
     * The task whose job is running. Written under the lock with release stores and read outside
     * it with acquire loads ({@link #currentTaskId()}): a full volatile store would add a fence to
     * every run for no reader's benefit.
     */
    private Task current;

    Loop(ReentrantLock lock, Ticker ticker, TaskTable table, RunQueue runs, Subscriptions subscriptions,
         Observers observers) {
        this.lock = lock;
        this.ticker = ticker;
        this.manualTicker = ticker instanceof ManualTicker m ? m : null;
        this.table = table;
        this.runs = runs;
        this.subscriptions = subscriptions;
        this.observers = observers;
    }

    // ------------------------------------------------------------------ state, under the lock

    /** The running task, read under the lock; null when no job runs. */
    Task current() {
        return current;
    }

    /** The running task's id, read without the lock; 0 when no job runs. */
    int currentTaskId() {
        Task task = (Task) CURRENT.getAcquire(this);
        return task == null ? 0 : task.id;
    }

    /**
     * Wakes the loop if it is parked: there is new work, or a change of plan. Needs no lock, so a
     * submitter that holds none calls it too.
     */
    void wake() {
        Thread sleeper = parked;
        // the first waker takes the sleeper, so a burst of submissions unparks it once
        if (sleeper != null && PARKED.compareAndSet(this, sleeper, null)) {
            LockSupport.unpark(sleeper);
        }
    }

    /** Under the lock: enters the tasks submitted without it; they withdraw a stop that came before. */
    void enterSubmitted() {
        if (table.enterSubmitted(ticker)) {
            withdrawPendingStop();
        }
    }

    boolean hasThread() {
        return loopThread != null;
    }

    boolean isRunning() {
        return loopThread != null && !stopRequested && !draining;
    }

    /** {@link Work#stop()}: ends the running loop, or the next one to start when none runs. */
    void requestStop() {
        if (loopThread != null) {
            stopRequested = true;
        } else {
            stopPending = true;
        }
        wake();
    }

    /** A task was scheduled after a stop that came while no loop ran: the caller means to run it. */
    void withdrawPendingStop() {
        stopPending = false;
    }

    /** {@link Work#pause()}: false when no loop runs. */
    boolean pause() {
        if (loopThread == null) {
            return false;
        }
        stopRequested = true;
        wake();
        return true;
    }

    /** {@link Work#drain()}: false when no loop runs. */
    boolean drain() {
        if (loopThread == null) {
            return false;
        }
        draining = true;
        drainDeadline = ticker.nanoTime();
        wake();
        return true;
    }

    // ------------------------------------------------------------------ calls

    /**
     * {@link Work#run}: runs the call at once on the loop thread, or queues it for the loop.
     * Takes the lock itself.
     */
    void call(Job job, Object[] args) {
        Call call = new Call(job, args);
        lock.lock();
        try {
            if (Thread.currentThread() != loopThread) {
                calls.add(call);
                wake();
                return;
            }
        } finally {
            lock.unlock();
        }
        call(call);
    }

    private void call(Call call) {
        try {
            call.job.run(call.args);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            observers.jobFailed(0, Job.nameOf(call.job), t);
        }
    }

    /** A call handed to the loop thread by {@link Work#run}. */
    private record Call(Job job, Object[] args) {
    }

    // ------------------------------------------------------------------ the loops

    /** {@link Work#start()} ({@code keepAlive} false) and {@link Work#runUntilStopped()} (true). */
    void run(boolean keepAlive) {
        enter(true);
        try {
            Object step = nextStep(keepAlive, true);
            while (step != null) {
                step = performThenNext(step, keepAlive, true);
            }
        } finally {
            leave();
        }
    }

    /** {@link Work#runDue()}. */
    int runDue() {
        enter(false);
        try {
            return runAllDue();
        } finally {
            leave();
        }
    }

    /** {@link Work#advanceBy(long)}: {@code millis} checked, and the ticker is a manual one. */
    int advanceBy(long millis) {
        if (manualTicker == null) {
            throw new IllegalStateException("advanceBy needs a ManualTicker; this Work runs on " + ticker);
        }
        enter(false);
        try {
            long target = manualTicker.nanoTime() + Math.multiplyExact(millis, Work.NANOS_PER_MILLI);
            int count = runAllDue();
            while (true) {
                Slot next;
                lock.lock();
                try {
                    enterSubmitted();
                    next = runs.peekNext();
                } finally {
                    lock.unlock();
                }
                if (next == null || next.due - target > 0) {
                    break;
                }
                manualTicker.moveTo(next.due);
                count += runAllDue();
            }
            manualTicker.moveTo(target);
            return count + runAllDue();
        } finally {
            leave();
        }
    }

    /** Claims the loop for this thread; {@code takePendingStop}: a stop that came before ends it. */
    private void enter(boolean takePendingStop) {
        lock.lock();
        try {
            if (loopThread != null) {
                throw new IllegalStateException("Work is already running on thread " + loopThread.getName());
            }
            enterSubmitted();
            loopThread = Thread.currentThread();
            stopRequested = takePendingStop && stopPending;
            stopPending = false;
            draining = false;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            loopThread = null;
            stopRequested = false;
            draining = false;
        } finally {
            lock.unlock();
        }
    }

    /** Runs what is due now, without waiting; returns how many task runs it made. */
    private int runAllDue() {
        int count = 0;
        Object step = nextStep(false, false);
        while (step != null) {
            if (step instanceof Slot) {
                count++;
            }
            step = performThenNext(step, false, false);
        }
        return count;
    }

    // ------------------------------------------------------------------ one step

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
            if (!runs.hasReady()) {
                // the ready lane first: whoever adds to it under the lock entered the submissions
                // before, and a submission, due when it was made, is not later than a timer due now
                enterSubmitted();
            }
            Call call = calls.poll();
            if (call != null) {
                return call;
            }
            if (stopRequested) {
                return null;
            }
            Slot head = runs.peekNext();
            if (draining) {
                return head != null && head.due - drainDeadline <= 0 ? begin(head) : null;
            }
            if (head != null && runs.hasReady()) {
                // the ready lane's head was due when it was queued, and head is no later
                return begin(head);
            }
            long now = ticker.nanoTime();
            if (head != null && head.due - now <= 0) {
                return begin(head);
            }
            if (!block || (table.isEmpty() && !keepAlive)) {
                return null;
            }
            if (head != null && manualTicker != null && !keepAlive) {
                manualTicker.moveTo(head.due);
                continue;
            }
            if (!park(head == null || manualTicker != null ? 0 : head.due - now)) {
                return null;
            }
        }
    }

    /**
     * Under the lock: lets it go and sleeps until woken, or for {@code nanos} when it is above 0,
     * then takes it again. A waker changes the state under the lock and then unparks, or submits
     * and then unparks; either way the loop, which says it sleeps before it looks for
     * submissions, cannot miss it.
     *
     * @return false when the thread was interrupted: the loop ends, and the flag stays set
     */
    private boolean park(long nanos) {
        Thread me = Thread.currentThread();
        if (me.isInterrupted()) {
            return false;
        }
        table.publishReleased();
        parked = me;
        lock.unlock();
        try {
            if (!table.hasSubmitted()) {
                if (nanos > 0) {
                    LockSupport.parkNanos(this, nanos);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            parked = null;
            lock.lock();
        }
        return !me.isInterrupted();
    }

    /** Takes {@code run} off the queue as the one that starts now. */
    private Slot begin(Slot run) {
        runs.take(run);
        Task task = run.task();
        task.state = TaskState.RUNNING;
        CURRENT.setRelease(this, task);
        return run;
    }

    /** Performs a step, then returns the next one as {@link #nextStep} does. */
    private Object performThenNext(Object step, boolean keepAlive, boolean block) {
        if (step instanceof Call call) {
            call(call);
            return nextStep(keepAlive, block);
        }
        Slot run = (Slot) step;
        Task task = run.task();
        // a task's own slot may be queued again (a new due) by the bookkeeping: keep this run's
        long due = run.due;
        Object[] args = run instanceof Run r && r.args != null ? r.args : task.params;
        // the clock is read for observers only: a run that no observer watches costs no reading
        boolean observed = !observers.isEmpty();
        long started = observed ? ticker.nanoTime() : 0L;
        Throwable error = null;
        try {
            task.runJob(args);
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
            observers.jobFailed(task.id, task.name, error);
        }
        if (observed) {
            observers.taskRan(task.id, task.name, started - due, ended - started, error);
        }
        return nextStep(keepAlive, block);
    }

    /**
     * Bookkeeping after a run: counts it, then does what the task decides. Returns the clock
     * reading it took, or 0 when it needed none (not observed, not repeating).
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
        Task task = run.task();
        Run queued = run instanceof Run r ? r : null;
        boolean extra = queued != null && queued.extra;
        long now = observed || task.everyNanos > 0 ? ticker.nanoTime() : 0L;
        CURRENT.setRelease(this, null);
        task.ran(extra, due, error);
        if (task.cancelled) {
            return now;
        }
        switch (task.afterRun(extra, queued != null && queued.awaited)) {
            case AWAIT -> {
                String flag = task.awaitAfterRun();
                task.setAwaitAfterRun(null);
                subscriptions.await(task, flag);
            }
            case LISTEN_AGAIN -> subscriptions.subscribe(task.event(), task);
            case END -> table.remove(task);
            case END_UNLESS_LISTENING -> {
                if (!subscriptions.listens(task)) {
                    table.remove(task);
                }
            }
            case NEXT_SLOT -> runs.nextSlot(task, due + task.everyNanos, now);
            case KEEP -> {
            }
        }
        return now;
    }

    /**
     * Whether a failed run was cut short by the host that is stopping the loop (an interrupt after
     * {@link Work#stop}, {@link Work#pause} or {@link Work#drain}): the host reports that itself,
     * in one line, so the failure is counted but not handed to the error handler.
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
}
