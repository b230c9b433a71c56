package io.microevents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who waits for which event: {@code on} tasks for their own event, tasks in {@code awaitEvent}
 * for the awaited one; and the fan-out of a trigger into queued runs. Not thread-safe:
 * {@link Work}'s lock guards it.
 */
final class Subscriptions {

    /** What a trigger did: how many tasks will run, and which dropped it (null: none). */
    record FanOut(int woken, List<Task> dropped) {
        int droppedCount() {
            return dropped == null ? 0 : dropped.size();
        }

        /** Whether any task waited for the event. */
        boolean reachedAny() {
            return woken > 0 || dropped != null;
        }
    }

    private static final FanOut NOBODY = new FanOut(0, null);

    private final Map<String, List<Task>> waiting = new HashMap<>();
    private final RunQueue runs;

    Subscriptions(RunQueue runs) {
        this.runs = runs;
    }

    void subscribe(String flag, Task task) {
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

    /** Takes a task that is being removed off every event it waits for. */
    void unsubscribeAll(Task task) {
        if (task.awaiting() != null) {
            unsubscribe(task.awaiting(), task);
        }
        if (task.kind == TaskKind.ON) {
            unsubscribe(task.event(), task);
        }
    }

    /** Whether an {@code on} task is subscribed to its own event. */
    boolean listens(Task task) {
        if (task.kind != TaskKind.ON) {
            return false;
        }
        List<Task> list = waiting.get(task.event());
        return list != null && list.contains(task);
    }

    /**
     * {@link Work#awaitEvent(String, int)}: a running task awaits {@code flag} after its run; any
     * other pauses at once.
     */
    void awaitEvent(Task task, String flag) {
        if (task.state == TaskState.RUNNING) {
            task.setAwaitAfterRun(flag);
        } else {
            await(task, flag);
            task.state = task.queued > 0 ? TaskState.SCHEDULED : TaskState.WAITING;
        }
    }

    /**
     * {@code awaitEvent}: takes a task off its timer and its own event, and makes it wait for
     * {@code flag} instead.
     */
    void await(Task task, String flag) {
        if (task.timerRun != null) {
            runs.drop(task.timerRun);
            task.timerRun = null;
        }
        if (task.awaiting() != null) {
            unsubscribe(task.awaiting(), task);
            task.setAwaiting(null);
        }
        if (task.kind == TaskKind.ON) {
            unsubscribe(task.event(), task);
        }
        task.setAwaiting(flag);
        subscribe(flag, task);
    }

    /**
     * {@code setRepeat} on an {@code on} task: with {@code rearm} it runs on every trigger, else
     * its next run is its last.
     */
    void rearm(Task task, boolean rearm) {
        if (rearm && !task.rearm && task.awaiting() == null && task.awaitAfterRun() == null && !listens(task)) {
            // a one-shot that took its trigger already: it listens again, or it would
            // linger with nothing to wake it
            subscribe(task.event(), task);
            if (task.queued == 0 && task.state != TaskState.RUNNING) {
                task.state = TaskState.WAITING;
            }
        }
        task.rearm = rearm;
    }

    /**
     * A trigger: queues one run for every task waiting for {@code flag}, due now (plus
     * the delay of an {@code on} task), or counts the drop of a task over a bound. A one-shot
     * listener stops listening; an awaiting task goes back to what it did before.
     *
     * @param args the trigger's pkg (null: each run takes its task's params)
     * @param bytes what each run holds against the bound on queued triggers
     */
    FanOut fanOut(String flag, Object[] args, long bytes, Ticker ticker) {
        List<Task> list = waiting.get(flag);
        if (list == null || list.isEmpty()) {
            return NOBODY;
        }
        long now = ticker.nanoTime();
        int woken = 0;
        List<Task> dropped = null;
        for (Task task : list.toArray(new Task[0])) {
            boolean awaited = flag.equals(task.awaiting());
            if (!awaited && !task.rearm) {
                unsubscribe(flag, task);
            }
            if (!runs.admits(task, bytes, !awaited)) {
                // an awaiting task that drops a trigger keeps awaiting
                runs.countDrop(task);
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
                runs.enqueue(task, now, true, args, bytes, now).awaited = true;
            } else {
                runs.enqueue(task, now + task.atNanos(), task.atNanos() == 0, args, bytes, now);
            }
            woken++;
        }
        return new FanOut(woken, dropped);
    }

    /** The flags that tasks wait for, with how many tasks wait for each. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        waiting.forEach((flag, list) -> counts.put(flag, list.size()));
        return Collections.unmodifiableMap(counts);
    }
}
