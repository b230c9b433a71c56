package io.microevents;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scheduler's listeners: the {@link WorkObserver}s and the {@link TaskErrorHandler}. Every
 * call to them is safe: a listener that throws is logged and never stops the loop, the trigger or
 * the other listeners. Thread-safe (observers may be added and removed from any thread).
 */
final class Observers {

    private final TaskErrorHandler errorHandler;
    private final List<WorkObserver> observers;

    Observers(TaskErrorHandler errorHandler, List<WorkObserver> observers) {
        this.errorHandler = errorHandler;
        this.observers = new CopyOnWriteArrayList<>(observers);
    }

    void add(WorkObserver observer) {
        observers.add(observer);
    }

    boolean remove(WorkObserver observer) {
        return observers.remove(observer);
    }

    /** Whether no observer is registered: then a run needs no clock readings for them. */
    boolean isEmpty() {
        return observers.isEmpty();
    }

    /** {@link WorkObserver#taskRan}, to every observer. */
    void taskRan(int taskId, String name, long lateNanos, long tookNanos, Throwable error) {
        for (WorkObserver o : observers) {
            try {
                o.taskRan(taskId, name, lateNanos, tookNanos, error);
            } catch (RuntimeException e) {
                observerFailed(e);
            }
        }
    }

    /**
     * {@link WorkObserver#eventTriggered}, then {@link WorkObserver#triggerDropped} for each task
     * that dropped the trigger, to every observer.
     */
    void triggered(String flag, Object[] args, Subscriptions.FanOut outcome, TriggerOutcome result) {
        if (observers.isEmpty()) {
            return;
        }
        List<Object> values = args == null ? List.of() : Collections.unmodifiableList(Arrays.asList(args));
        for (WorkObserver o : observers) {
            try {
                o.eventTriggered(flag, values, result);
                if (outcome.dropped() != null) {
                    for (Task t : outcome.dropped()) {
                        o.triggerDropped(t.id, flag);
                    }
                }
            } catch (RuntimeException e) {
                observerFailed(e);
            }
        }
    }

    /** A job (task id 0: a call handed over with {@link Work#run}) failed: to the error handler. */
    void jobFailed(int taskId, String name, Throwable error) {
        try {
            errorHandler.handle(taskId, name, error);
        } catch (RuntimeException e) {
            log().log(System.Logger.Level.ERROR, "Task error handler failed", e);
        }
    }

    /** The scheduler's logger, looked up when needed (as a failure is rare). */
    private static System.Logger log() {
        return System.getLogger(Work.class.getName());
    }

    private static void observerFailed(RuntimeException e) {
        log().log(System.Logger.Level.WARNING, "WorkObserver failed", e);
    }
}
