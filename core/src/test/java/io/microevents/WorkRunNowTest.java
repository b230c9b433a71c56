package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Work#runNow(int)}: one extra run that leaves the task's own schedule alone (docs/contract.md#triggers). */
class WorkRunNowTest {

    private final ManualTicker time = new ManualTicker();
    private final Work work = Work.builder().ticker(time).errorHandler((id, job, e) -> { }).build();
    private final List<String> runs = new ArrayList<>();

    @Test
    void aRepeatingTaskRunsOnceMoreAndKeepsItsSlots() {
        int id = work.repeat(args -> runs.add(work.nowMillis() + ":" + args[0]), 1000, 1000, "p");
        work.advanceBy(1000);
        time.advance(300);

        assertThat(work.runNow(id)).isTrue();
        assertThat(work.status(id)).hasValueSatisfying(s -> assertThat(s.nextRun()).isZero());
        work.advanceBy(1700);

        assertThat(runs).containsExactly("1000:p", "1300:p", "2000:p", "3000:p");
        assertThat(work.status(id).orElseThrow().runs()).isEqualTo(4);
    }

    @Test
    void setRepeatAfterAnExtraRunStillAnchorsOnTheTimerSlot() {
        int id = work.repeat(() -> runs.add(String.valueOf(work.nowMillis())), 0, 1000);
        work.runDue();
        time.advance(400);
        work.runNow(id);
        work.runDue();

        work.setRepeat(500, id);
        work.advanceBy(600);

        assertThat(runs).containsExactly("0", "400", "500", "1000");
    }

    @Test
    void aListenerRunsWithItsParamsAndKeepsWaitingForItsEvent() {
        int id = work.on(args -> runs.add("run:" + List.of(args)), new Object[] {"own"}, "tick", 0, false, 0);

        work.runNow(id);
        work.runDue();
        assertThat(runs).containsExactly("run:[own]");
        assertThat(work.status(id)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(TaskState.WAITING));
        assertThat(work.waitingEvents()).containsEntry("tick", 1);

        assertThat(work.triggerEvent("tick", 7)).isEqualTo(1);
        work.runDue();
        assertThat(runs).containsExactly("run:[own]", "run:[7]");
        assertThat(work.taskCount()).isZero();
    }

    @Test
    void aOneShotStillRunsWhenDueAndThenEnds() {
        int id = work.at(() -> runs.add(String.valueOf(work.nowMillis())), 5000);

        work.runNow(id);
        work.advanceBy(4000);
        assertThat(work.taskCount()).isEqualTo(1);
        work.advanceBy(1000);

        assertThat(runs).containsExactly("0", "5000");
        assertThat(work.taskCount()).isZero();
        assertThat(work.pendingCount()).isZero();
    }

    @Test
    void aOneShotWhoseOwnRunComesFirstEndsAfterTheExtraRun() {
        int id = work.doNow(() -> runs.add("run"));
        work.runNow(id);

        assertThat(work.runDue()).isEqualTo(2);
        assertThat(runs).containsExactly("run", "run");
        assertThat(work.taskCount()).isZero();
    }

    @Test
    void aTriggeredOneShotListenerEndsAfterBothRuns() {
        int id = work.on(args -> runs.add("run"), "go");
        work.triggerEvent("go");
        work.runNow(id);

        assertThat(work.runDue()).isEqualTo(2);
        assertThat(work.taskCount()).isZero();
        assertThat(work.waitingEvents()).isEmpty();
    }

    @Test
    void aFailingExtraRunIsCountedAndTheTaskCarriesOn() {
        int id = work.repeat(() -> {
            throw new IllegalStateException("boom");
        }, 1000, 1000);

        work.runNow(id);
        work.runDue();

        TaskStatus status = work.status(id).orElseThrow();
        assertThat(status.runs()).isEqualTo(1);
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.lastError()).hasMessage("boom");
        assertThat(status.nextRun()).isEqualTo(1000);
    }

    @Test
    void cancellingDropsAnExtraRunNotYetStarted() {
        int id = work.repeat(() -> runs.add("run"), 1000, 1000);
        work.runNow(id);
        work.cancel(id);

        assertThat(work.runDue()).isZero();
        assertThat(work.pendingCount()).isZero();
        assertThat(runs).isEmpty();
    }

    @Test
    void anUnknownTaskIsFalseAndANegativeIdIsRejected() {
        assertThat(work.runNow(42)).isFalse();
        assertThat(work.runNow(0)).isFalse();
        assertThatThrownBy(() -> work.runNow(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taskId");
    }

    @Test
    void runNowObeysTheTriggerBoundAndCountsTheDrop() {
        Work small = Work.builder().ticker(time).maxQueuedTriggers(2).build();
        int id = small.on(() -> { }, "never", true);
        assertThat(small.runNow(id)).isTrue();
        assertThat(small.runNow(id)).isTrue();

        assertThatThrownBy(() -> small.runNow(id))
                .isInstanceOfSatisfying(TaskRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TaskRejectedException.Reason.QUEUE_FULL))
                .hasMessageContaining("maxQueuedTriggers 2");
        assertThat(small.status(id).orElseThrow().droppedTriggers()).isEqualTo(1);
        assertThat(small.status(id).orElseThrow().queuedTriggers()).isEqualTo(2);
    }

    @Test
    void triggerTellsHowManyListenersDroppedIt() {
        Work small = Work.builder().ticker(time).maxQueuedTriggers(1).build();
        small.on(() -> { }, "e", true);
        small.on(() -> { }, "e", true);

        assertThat(small.trigger("e")).isEqualTo(new TriggerOutcome(2, 0));
        assertThat(small.trigger("e")).isEqualTo(new TriggerOutcome(0, 2));
    }

    @Test
    void extraRunsObeyTheByteBoundOnQueuedTriggers() {
        Work bounded = Work.builder().ticker(time).maxQueuedTriggerBytes(2 * Work.RUN_BYTES - 1).build();
        int id = bounded.on(args -> runs.add("run"), "tick", true);
        assertThat(bounded.runNow(id)).isTrue();

        assertThatThrownBy(() -> bounded.runNow(id))
                .isInstanceOfSatisfying(TaskRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TaskRejectedException.Reason.QUEUE_FULL))
                .hasMessageContaining("maxQueuedTriggerBytes");
        assertThat(bounded.status(id).orElseThrow().droppedTriggers()).isOne();
        bounded.runDue();
        assertThat(runs).containsExactly("run");
        assertThat(bounded.runNow(id)).as("room again once the run is taken").isTrue();
    }
}
