package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler examples of the original manual, one test each, on virtual time (docs/contract.md#names). */
class WorkManualExamplesTest {

    private final ManualTicker time = new ManualTicker();
    private final List<String> out = new ArrayList<>();
    private final Work scheduler = Work.builder().ticker(time).output(out::add).build();

    @Test
    void constructorWithMaxTasks() {
        Work work = new Work(100);
        assertThat(work.maxTasks()).isEqualTo(100);
        assertThat(new Work().maxTasks()).isEqualTo(Work.DEFAULT_MAX_TASKS).isEqualTo(256);
    }

    @Test
    void greet() {
        List<String> greeted = new ArrayList<>();
        int taskId = scheduler.doNow(args -> greeted.add("Hello, " + args[0] + "!"), "Alice");

        assertThat(taskId).isPositive();
        assertThat(greeted).isEmpty(); // "on next scheduler cycle"
        scheduler.runDue();
        assertThat(greeted).containsExactly("Hello, Alice!");
        assertThat(scheduler.taskCount()).isZero();
    }

    @Test
    void delayedTask() {
        List<Long> ranAt = new ArrayList<>();
        scheduler.at(() -> ranAt.add(scheduler.nowMillis()), 5000);

        scheduler.advanceBy(4999);
        assertThat(ranAt).isEmpty();
        scheduler.advanceBy(1);
        assertThat(ranAt).containsExactly(5000L);
        assertThat(scheduler.taskCount()).isZero();
    }

    @Test
    void heartbeat() {
        List<Long> beats = new ArrayList<>();
        scheduler.repeat(() -> beats.add(scheduler.nowMillis()), 1000);

        scheduler.advanceBy(3500);
        assertThat(beats).containsExactly(0L, 1000L, 2000L, 3000L);
        assertThat(scheduler.taskCount()).isOne();
    }

    @Test
    void onSensorEventReceivesThePkg() {
        List<Object> readings = new ArrayList<>();
        scheduler.on(args -> readings.add(args[0]), "sensor_event");

        int count = scheduler.triggerEvent("sensor_event", 42);
        assertThat(count).isOne();
        scheduler.runDue();
        assertThat(readings).containsExactly(42);
        assertThat(scheduler.taskCount()).as("on without repeat runs once").isZero();
    }

    @Test
    void triggerEventCountsTheTasksItWakes() {
        scheduler.on(args -> { }, "sensor_event");
        scheduler.on(args -> { }, "sensor_event", true);
        scheduler.on(args -> { }, "other");

        assertThat(scheduler.triggerEvent("sensor_event", 42)).isEqualTo(2);
        assertThat(scheduler.triggerEvent("nobody_listens")).isZero();
    }

    @Test
    void awaitEventPausesUntilTheEvent() {
        List<String> log = new ArrayList<>();
        scheduler.doNow(args -> {
            log.add("run " + args.length);
            if (args.length == 0) {
                assertThat(scheduler.awaitEvent("data_ready")).isTrue();
            }
        });

        scheduler.runDue();
        assertThat(log).containsExactly("run 0");
        assertThat(scheduler.taskCount()).as("waiting task still counts").isOne();
        assertThat(scheduler.status(scheduler.statuses().get(0).id()).orElseThrow().state())
                .isEqualTo(TaskState.WAITING);

        scheduler.advanceBy(10_000);
        assertThat(log).hasSize(1);

        scheduler.triggerEvent("data_ready", "payload");
        scheduler.runDue();
        assertThat(log).containsExactly("run 0", "run 1");
        assertThat(scheduler.taskCount()).as("a one-shot ends after its awaited run").isZero();
    }

    @Test
    void cancel() {
        AtomicInteger runs = new AtomicInteger();
        int taskId = scheduler.repeat(runs::incrementAndGet, 1000);

        assertThat(scheduler.cancel(taskId)).isTrue();
        assertThat(scheduler.taskCount()).isZero();
        assertThat(scheduler.pendingCount()).isZero();
        scheduler.advanceBy(5000);
        assertThat(runs).hasValue(0);
        assertThat(scheduler.cancel(taskId)).as("already gone").isFalse();
    }

    @Test
    void selfCancellingTask() {
        List<String> log = new ArrayList<>();
        scheduler.repeat(() -> {
            log.add("Running once");
            assertThat(scheduler.abortCurrentTask()).isTrue();
        }, 1000);

        scheduler.advanceBy(5000);
        assertThat(log).containsExactly("Running once");
        assertThat(scheduler.taskCount()).isZero();
        assertThat(scheduler.abortCurrentTask()).as("no task is running").isFalse();
    }

    @Test
    void adaptiveSetRepeat() {
        AtomicBoolean someCondition = new AtomicBoolean();
        List<Long> runs = new ArrayList<>();
        scheduler.repeat(() -> {
            runs.add(scheduler.nowMillis());
            scheduler.setRepeat(someCondition.get() ? 5000 : 1000);
        }, 1000);

        scheduler.advanceBy(2000);
        someCondition.set(true);
        scheduler.advanceBy(11_000);
        // 0, 1000, 2000 at 1 s; the run at 3000 switches to 5 s: 8000, 13000
        assertThat(runs).containsExactly(0L, 1000L, 2000L, 3000L, 8000L, 13000L);
    }

    @Test
    void send() {
        List<Object> configs = new ArrayList<>();
        int taskId = scheduler.repeat(args -> configs.add(args[0]), 0, 1000, "default");

        scheduler.runDue();
        assertThat(scheduler.send(new Object[] {"updated"}, taskId)).isTrue();
        scheduler.advanceBy(1000);
        assertThat(configs).containsExactly("default", "updated");
        assertThat(scheduler.send(new Object[] {"x"}, 999)).isFalse();
    }

    @Test
    void statusFields() {
        int taskId = scheduler.repeat(Job.named("configurable_task", args -> { }), 500, 1000, "default");
        time.advance(100);

        TaskStatus info = scheduler.status(taskId).orElseThrow();
        assertThat(info.id()).isEqualTo(taskId);
        assertThat(info.job()).isEqualTo("configurable_task");
        assertThat(info.params()).containsExactly("default");
        assertThat(info.kind()).isEqualTo(TaskKind.REPEAT);
        assertThat(info.interval()).isEqualTo(1000);
        assertThat(info.nextRun()).isEqualTo(400);
        assertThat(info.state()).isEqualTo(TaskState.SCHEDULED);
        assertThat(info.runs()).isZero();
        assertThat(info.failures()).isZero();
        assertThat(info.lastError()).isNull();
        assertThat(info.event()).isNull();

        assertThat(scheduler.status(12345)).isEmpty();
        assertThat(scheduler.status()).as("no current task outside a job").isEmpty();
    }

    @Test
    void statusOfTheCurrentTaskFromInsideItsJob() {
        List<TaskStatus> seen = new ArrayList<>();
        int id = scheduler.on(args -> seen.add(scheduler.status().orElseThrow()), "sensor_event", true);
        scheduler.triggerEvent("sensor_event", 1);
        scheduler.runDue();

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.state()).isEqualTo(TaskState.RUNNING);
            assertThat(s.kind()).isEqualTo(TaskKind.ON);
            assertThat(s.event()).isEqualTo("sensor_event");
        });
    }

    @Test
    void currentTaskId() {
        List<Integer> ids = new ArrayList<>();
        int id = scheduler.doNow(() -> ids.add(scheduler.currentTaskId()));
        assertThat(scheduler.currentTaskId()).as("0 when not in a task").isZero();
        scheduler.runDue();
        assertThat(ids).containsExactly(id);
    }

    @Test
    void taskCountAndPendingCount() {
        scheduler.repeat(() -> { }, 1000);
        scheduler.at(() -> { }, 5000);
        scheduler.on(() -> { }, "button");

        assertThat(scheduler.taskCount()).isEqualTo(3);
        assertThat(scheduler.pendingCount()).as("the listener has nothing queued").isEqualTo(2);
        scheduler.triggerEvent("button");
        assertThat(scheduler.pendingCount()).isEqualTo(3);
    }

    @Test
    void runAndPrintGoThroughTheLoop() {
        List<String> calls = new ArrayList<>();
        scheduler.run(args -> calls.add("Safe " + args[0]), "print");
        scheduler.print("This is", "safe", 42);
        assertThat(calls).isEmpty();
        assertThat(out).isEmpty();

        scheduler.runDue();
        assertThat(calls).containsExactly("Safe print");
        assertThat(out).containsExactly("This is safe 42");
    }

    @Test
    void printInsideATaskWritesAtOnce() {
        scheduler.doNow(() -> {
            scheduler.print("from", "task");
            out.add("after print");
        });
        scheduler.runDue();
        assertThat(out).containsExactly("from task", "after print");
    }

    @Test
    void nestedTaskScheduling() {
        scheduler.doNow(() -> {
            scheduler.print("Parent task");
            scheduler.doNow(() -> scheduler.print("Child task"));
        });
        scheduler.start();
        assertThat(out).containsExactly("Parent task", "Child task");
    }

    @Test
    void eventChains() {
        scheduler.on(() -> {
            scheduler.print("Task 1");
            scheduler.triggerEvent("event2");
        }, "event1");
        scheduler.on(() -> {
            scheduler.print("Task 2");
            scheduler.triggerEvent("event3");
        }, "event2");
        scheduler.on(() -> scheduler.print("Task 3"), "event3");

        scheduler.triggerEvent("event1");
        scheduler.start(); // returns: no task is left

        assertThat(out).containsExactly("Task 1", "Task 2", "Task 3");
        assertThat(scheduler.taskCount()).isZero();
    }

    @Test
    void startReturnsAtOnceWithNoTask() {
        scheduler.start();
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void stopFromInsideATaskEndsTheLoopAndClearsTasks() {
        AtomicInteger beats = new AtomicInteger();
        scheduler.repeat(beats::incrementAndGet, 1000);
        scheduler.on(() -> { }, "never");
        scheduler.at(scheduler::stop, 3500);

        scheduler.start();

        assertThat(beats).hasValue(4); // 0, 1000, 2000, 3000
        assertThat(scheduler.taskCount()).isZero();
        assertThat(scheduler.pendingCount()).isZero();
    }
}
