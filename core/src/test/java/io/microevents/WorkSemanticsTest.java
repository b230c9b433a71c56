package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The decisions of docs/contract.md where the manual is vague, on virtual time; one nested class per section. */
class WorkSemanticsTest {

    private final ManualTicker time = new ManualTicker();
    private final List<String> errors = new ArrayList<>();
    private final Work work = Work.builder()
            .ticker(time)
            .errorHandler((id, job, e) -> errors.add(id + ":" + e.getMessage()))
            .build();

    /** docs/contract.md#order. */
    @Nested
    class Order {

        @Test
        void tasksDueAtTheSameMomentRunInTheOrderTheyWereScheduled() {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                work.at(() -> order.add(n), 1000);
            }
            work.advanceBy(1000);
            assertThat(order).hasSize(100).isSorted();
        }

        @Test
        void mixedKindsDueTogetherKeepSchedulingOrder() {
            List<String> order = new ArrayList<>();
            work.repeat(() -> order.add("repeat"), 1000, 1000);
            work.at(() -> order.add("at"), 1000);
            time.advance(1000);
            work.doNow(() -> order.add("now"));
            work.runDue();
            assertThat(order).containsExactly("repeat", "at", "now");
        }

        @Test
        void anEarlierDeadlineRunsFirst() {
            List<String> order = new ArrayList<>();
            work.at(() -> order.add("late"), 300);
            work.at(() -> order.add("early"), 100);
            work.advanceBy(1000);
            assertThat(order).containsExactly("early", "late");
        }
    }

    /** docs/contract.md#repeat-and-setrepeat. */
    @Nested
    class Repeat {

        @Test
        void tenThousandPeriodsEndExactlyOnSchedule() {
            List<Long> late = new ArrayList<>();
            AtomicInteger runs = new AtomicInteger();
            work.repeat(() -> {
                long expected = 250 + runs.getAndIncrement() * 7L;
                if (work.nowMillis() != expected) {
                    late.add(work.nowMillis());
                }
            }, 250, 7);

            work.advanceBy(250 + 7L * 9_999);
            assertThat(runs).hasValue(10_000);
            assertThat(late).isEmpty();
        }

        @Test
        void fixedRateDoesNotDriftWhenEachRunTakesTime() {
            List<Long> starts = new ArrayList<>();
            work.repeat(() -> {
                starts.add(work.nowMillis());
                time.advance(30); // the job takes 30 ms of virtual time
            }, 100);

            work.advanceBy(1000);
            assertThat(starts).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L);
        }

        @Test
        void anOverrunningJobSkipsSlotsInsteadOfBursting() {
            List<Long> starts = new ArrayList<>();
            work.repeat(() -> {
                starts.add(work.nowMillis());
                if (starts.size() == 2) {
                    time.advance(250); // overruns two and a half periods
                }
            }, 100);

            work.advanceBy(600);
            // slots 200 and 300 are missed; 400 is the next slot not in the past
            assertThat(starts).containsExactly(0L, 100L, 400L, 500L, 600L);
        }

        @Test
        void setRepeatZeroEndsTheTaskAfterItsNextRun() {
            AtomicInteger runs = new AtomicInteger();
            int id = work.repeat(runs::incrementAndGet, 100);
            work.runDue();
            assertThat(work.setRepeat(0, id)).isTrue();
            work.advanceBy(1000);
            assertThat(runs).hasValue(2);
            assertThat(work.taskCount()).isZero();
        }

        @Test
        void setRepeatFromOutsideMovesTheNextRun() {
            List<Long> starts = new ArrayList<>();
            int id = work.repeat(() -> starts.add(work.nowMillis()), 1000);
            work.runDue();
            work.setRepeat(300, id);
            work.advanceBy(1000);
            assertThat(starts).containsExactly(0L, 300L, 600L, 900L);
            assertThat(work.status(id).orElseThrow().interval()).isEqualTo(300);
        }

        @Test
        void movingATimerManyTimesKeepsOneLiveSlotAndSweepsTheOldOnes() {
            List<Long> starts = new ArrayList<>();
            int id = work.repeat(() -> starts.add(work.nowMillis()), 1000);
            work.runDue();
            for (int i = 0; i < 5_000; i++) {
                assertThat(work.setRepeat(2000 + i % 2, id)).isTrue();
                assertThat(work.deadRuns()).isLessThanOrEqualTo(1025);
            }
            assertThat(work.pendingCount()).isOne();
            assertThat(work.status(id).orElseThrow().nextRun()).isEqualTo(2001);
            work.advanceBy(4002);
            assertThat(starts).containsExactly(0L, 2001L, 4002L);
        }

        @Test
        void setRepeatMakesAOneShotRepeat() {
            AtomicInteger runs = new AtomicInteger();
            work.at(() -> {
                runs.incrementAndGet();
                work.setRepeat(100);
            }, 50);
            work.advanceBy(350);
            assertThat(runs).hasValue(4); // 50, 150, 250, 350
        }
    }

    /** docs/contract.md#triggers. */
    @Nested
    class Events {

        @Test
        void triggersAreNeverMerged() {
            List<Object> got = new ArrayList<>();
            work.on(args -> got.add(args[0]), "data", true);
            for (int i = 0; i < 1000; i++) {
                assertThat(work.triggerEvent("data", i)).isOne();
            }
            assertThat(work.pendingCount()).isEqualTo(1000);

            work.runDue();
            assertThat(got).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
        }

        @Test
        void onDelayIsHonouredAfterEachTrigger() {
            List<Long> ranAt = new ArrayList<>();
            work.on(args -> ranAt.add(work.nowMillis()), "press", 500, true);
            time.advance(100);
            work.triggerEvent("press");
            time.advance(200);
            work.triggerEvent("press");

            work.advanceBy(299);
            assertThat(ranAt).isEmpty();
            work.advanceBy(1);
            assertThat(ranAt).containsExactly(600L);
            work.advanceBy(200);
            assertThat(ranAt).containsExactly(600L, 800L);
        }

        @Test
        void anEmptyPkgKeepsTheTasksParamsAndAFullOneIsForThatRunOnly() {
            List<Object> got = new ArrayList<>();
            work.on(args -> got.add(args[0]), "tick", 0, true, "own");
            work.triggerEvent("tick");
            work.triggerEvent("tick", "pkg");
            work.triggerEvent("tick");
            work.runDue();
            assertThat(got).containsExactly("own", "pkg", "own");
        }

        @Test
        void aOneShotListenerTakesOnlyTheFirstTrigger() {
            AtomicInteger runs = new AtomicInteger();
            work.on(runs::incrementAndGet, "x");
            assertThat(work.triggerEvent("x")).isOne();
            assertThat(work.triggerEvent("x")).isZero();
            work.runDue();
            assertThat(runs).hasValue(1);
            assertThat(work.taskCount()).isZero();
        }

        @Test
        void queuedTriggersBeyondTheBoundAreCountedNotSilentlyLost() {
            List<String> dropped = new ArrayList<>();
            Work bounded = Work.builder().ticker(time).maxQueuedTriggers(3)
                    .observer(new WorkObserver() {
                        @Override
                        public void triggerDropped(int taskId, String event) {
                            dropped.add(taskId + ":" + event);
                        }
                    }).build();
            AtomicInteger runs = new AtomicInteger();
            int id = bounded.on(runs::incrementAndGet, "flood", true);
            int woken = 0;
            for (int i = 0; i < 5; i++) {
                woken += bounded.triggerEvent("flood");
            }
            assertThat(woken).isEqualTo(3);
            assertThat(bounded.status(id).orElseThrow().droppedTriggers()).isEqualTo(2);
            assertThat(dropped).containsExactly(id + ":flood", id + ":flood");
            bounded.runDue();
            assertThat(runs).hasValue(3);
        }

        @Test
        void aRepeatingTaskAwaitingAnEventResumesItsIntervalFromThatRun() {
            List<Long> starts = new ArrayList<>();
            int id = work.repeat(() -> starts.add(work.nowMillis()), 1000);
            work.runDue(); // run at 0
            assertThat(work.awaitEvent("go", id)).isTrue();
            assertThat(work.status(id).orElseThrow().state()).isEqualTo(TaskState.WAITING);
            assertThat(work.status(id).orElseThrow().event()).isEqualTo("go");

            work.advanceBy(2500);
            assertThat(starts).containsExactly(0L);
            work.triggerEvent("go");
            work.advanceBy(2000);
            assertThat(starts).containsExactly(0L, 2500L, 3500L, 4500L);
        }

        @Test
        void aRepeatingListenerAwaitingAnotherEventReturnsToItsOwn() {
            List<String> log = new ArrayList<>();
            int id = work.on(args -> log.add(String.valueOf(args.length == 0 ? "-" : args[0])), "a", true);
            work.awaitEvent("b", id);
            assertThat(work.triggerEvent("a", "a1")).isZero();
            assertThat(work.triggerEvent("b", "b1")).isOne();
            work.runDue();
            assertThat(work.triggerEvent("a", "a2")).isOne();
            work.runDue();
            assertThat(log).containsExactly("b1", "a2");
        }

        @Test
        void setRepeatOnAOneShotListenerThatTookItsTriggerMakesItListenAgain() {
            AtomicInteger runs = new AtomicInteger();
            int id = work.on(runs::incrementAndGet, "x");
            assertThat(work.triggerEvent("x")).isOne();
            assertThat(work.setRepeat(100, id)).isTrue();
            work.runDue();

            assertThat(work.taskCount()).isOne();
            assertThat(work.status(id).orElseThrow().state()).isEqualTo(TaskState.WAITING);
            assertThat(work.waitingEvents()).containsEntry("x", 1);
            assertThat(work.triggerEvent("x")).as("the next trigger wakes it").isOne();
            work.runDue();
            assertThat(runs).hasValue(2);
        }

        @Test
        void setRepeatFromInsideAOneShotListenersRunKeepsItListening() {
            AtomicInteger runs = new AtomicInteger();
            int id = work.on(args -> {
                if (runs.incrementAndGet() == 1) {
                    work.setRepeat(1);
                }
            }, "x");
            work.triggerEvent("x");
            work.runDue();
            assertThat(work.triggerEvent("x")).isOne();
            work.runDue();
            assertThat(runs).hasValue(2);
            assertThat(work.waitingEvents()).containsEntry("x", 1);

            work.setRepeat(0, id);
            work.triggerEvent("x");
            work.runDue();
            assertThat(work.taskCount()).as("0 makes its next run its last").isZero();
        }

        @Test
        void triggersBeyondTheByteBoundAreCountedNotSilentlyLost() {
            List<String> dropped = new ArrayList<>();
            Work bounded = Work.builder().ticker(time).maxQueuedTriggerBytes(100_000)
                    .observer(new WorkObserver() {
                        @Override
                        public void triggerDropped(int taskId, String event) {
                            dropped.add(taskId + ":" + event);
                        }
                    }).build();
            List<Integer> got = new ArrayList<>();
            int id = bounded.on(args -> got.add(((byte[]) args[0]).length), "blob", true);
            byte[] blob = new byte[30_000];
            List<TriggerOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(bounded.trigger("blob", (Object) blob));
            }
            assertThat(outcomes).containsExactly(new TriggerOutcome(1, 0), new TriggerOutcome(1, 0),
                    new TriggerOutcome(1, 0), new TriggerOutcome(0, 1));
            assertThat(bounded.queuedTriggerBytes()).isBetween(90_000L, 100_000L);
            assertThat(bounded.status(id).orElseThrow().droppedTriggers()).isOne();
            assertThat(bounded.droppedTriggers()).as("the scheduler's total").isOne();
            assertThat(dropped).containsExactly(id + ":blob");

            bounded.runDue();
            assertThat(got).containsExactly(30_000, 30_000, 30_000);
            assertThat(bounded.queuedTriggerBytes()).as("runs give their bytes back").isZero();
            assertThat(bounded.trigger("blob", (Object) blob)).isEqualTo(new TriggerOutcome(1, 0));
            bounded.cancel(id);
            assertThat(bounded.queuedTriggerBytes()).as("so does a cancelled task").isZero();
        }

        @Test
        void anAwaitingTaskThatDropsATriggerForBytesKeepsAwaiting() {
            Work bounded = Work.builder().ticker(time).maxQueuedTriggerBytes(10_000).build();
            List<Object> got = new ArrayList<>();
            int id = bounded.repeat(args -> got.add(args.length), 0, 1000);
            bounded.runDue();
            bounded.awaitEvent("go", id);
            assertThat(bounded.trigger("go", (Object) new byte[20_000])).isEqualTo(new TriggerOutcome(0, 1));
            assertThat(bounded.status(id).orElseThrow().event()).isEqualTo("go");
            assertThat(bounded.triggerEvent("go", 7)).isOne();
            bounded.runDue();
            assertThat(got).containsExactly(0, 1);
        }

        @Test
        void listenerCountsPerEvent() {
            work.on(() -> { }, "a", true);
            work.on(() -> { }, "a");
            work.on(() -> { }, "b");
            assertThat(work.waitingEvents()).containsEntry("a", 2).containsEntry("b", 1).hasSize(2);
        }
    }

    /** docs/contract.md#send-cancel-and-status. */
    @Nested
    class Cancel {

        @Test
        void cancelZeroCancelsTheCurrentTaskAndItsRunFinishes() {
            List<String> log = new ArrayList<>();
            work.repeat(() -> {
                log.add("before");
                work.cancel(0);
                log.add("after");
            }, 100);
            work.advanceBy(1000);
            assertThat(log).containsExactly("before", "after");
        }

        @Test
        void cancellingAListenerDropsItsQueuedTriggers() {
            AtomicInteger runs = new AtomicInteger();
            int id = work.on(runs::incrementAndGet, "x", true);
            work.triggerEvent("x");
            work.triggerEvent("x");
            assertThat(work.pendingCount()).isEqualTo(2);
            work.cancel(id);
            assertThat(work.pendingCount()).isZero();
            assertThat(work.waitingEvents()).isEmpty();
            work.runDue();
            assertThat(runs).hasValue(0);
        }

        @Test
        void schedulingAndCancellingFarOffTasksInALoopDoesNotGrowTheQueues() {
            List<Long> ranAt = new ArrayList<>();
            work.at(() -> ranAt.add(work.nowMillis()), 500);
            for (int i = 0; i < 100_000; i++) {
                int id = work.at(() -> ranAt.add(-1L), 3_600_000);
                assertThat(work.cancel(id)).isTrue();
                assertThat(work.deadRuns()).isLessThanOrEqualTo(1025);
            }
            assertThat(work.pendingCount()).isOne();
            work.advanceBy(4_000_000);
            assertThat(ranAt).containsExactly(500L);
        }

        @Test
        void aTaskCancelledByAnEarlierTaskInTheSameCycleDoesNotRun() {
            AtomicInteger runs = new AtomicInteger();
            int[] victim = new int[1];
            work.doNow(() -> work.cancel(victim[0]));
            victim[0] = work.doNow(runs::incrementAndGet);
            work.runDue();
            assertThat(runs).hasValue(0);
        }
    }

    /** docs/contract.md#the-loop. */
    @Nested
    class Failures {

        @Test
        void aThrowingJobDoesNotStopTheLoopAndKeepsRepeating() {
            AtomicInteger runs = new AtomicInteger();
            int id = work.repeat(() -> {
                runs.incrementAndGet();
                throw new IllegalStateException("boom " + runs.get());
            }, 100);
            AtomicInteger sibling = new AtomicInteger();
            work.repeat(sibling::incrementAndGet, 100);

            work.advanceBy(200);

            assertThat(runs).hasValue(3);
            assertThat(sibling).hasValue(3);
            assertThat(errors).containsExactly(id + ":boom 1", id + ":boom 2", id + ":boom 3");
            TaskStatus status = work.status(id).orElseThrow();
            assertThat(status.failures()).isEqualTo(3);
            assertThat(status.runs()).isEqualTo(3);
            assertThat(status.lastError()).hasMessage("boom 3");
        }

        @Test
        void aThrowingErrorHandlerDoesNotStopTheLoop() {
            Work fragile = Work.builder().ticker(time)
                    .errorHandler((id, job, e) -> {
                        throw new IllegalStateException("handler down");
                    }).build();
            AtomicInteger runs = new AtomicInteger();
            fragile.doNow(() -> {
                throw new IllegalStateException("job down");
            });
            fragile.doNow(runs::incrementAndGet);
            fragile.runDue();
            assertThat(runs).hasValue(1);
        }

        @Test
        void observersSeeRunsWithLatenessAndOutcome() {
            List<String> seen = new ArrayList<>();
            work.addObserver(new WorkObserver() {
                @Override
                public void taskRan(int taskId, String job, long latenessNanos, long durationNanos, Throwable error) {
                    seen.add(job + " late " + latenessNanos / 1_000_000 + " " + (error == null ? "ok" : "failed"));
                }

                @Override
                public void eventTriggered(String event, int woken) {
                    seen.add(event + " woke " + woken);
                }
            });
            work.at(Job.named("slow", args -> { }), 100);
            work.on(Job.named("bad", args -> {
                throw new IllegalStateException();
            }), "e");
            time.advance(150);
            work.triggerEvent("e");
            work.runDue();
            assertThat(seen).containsExactly("e woke 1", "slow late 50 ok", "bad late 0 failed");
        }

        @Test
        void observersSeeTheValuesATriggerCarriesReadOnly() {
            List<String> seen = new ArrayList<>();
            work.addObserver(new WorkObserver() {
                @Override
                public void eventTriggered(String event, List<Object> pkg, TriggerOutcome outcome) {
                    seen.add(event + " " + pkg + " woke " + outcome.woken());
                    assertThatThrownBy(() -> pkg.set(0, "forged")).isInstanceOf(UnsupportedOperationException.class);
                }
            });
            work.on(args -> { }, "sensor");
            work.triggerEvent("sensor", 23.5, "C");
            assertThat(seen).containsExactly("sensor [23.5, C] woke 1");
        }
    }

    /** docs/contract.md#ids. */
    @Nested
    class Ids {

        @Test
        void aRequestedIdIsUsedAndAnIdInUseIsRejected() {
            assertThat(work.doNow(args -> { }, null, 42)).isEqualTo(42);
            assertThatThrownBy(() -> work.at(args -> { }, null, 10, 42))
                    .isInstanceOf(TaskRejectedException.class)
                    .hasMessageContaining("42")
                    .satisfies(e -> assertThat(((TaskRejectedException) e).reason())
                            .isEqualTo(TaskRejectedException.Reason.ID_IN_USE));
            assertThat(work.taskCount()).isOne();
        }

        @Test
        void aFullTableRejectsTheNextTask() {
            Work small = Work.builder().ticker(time).maxTasks(2).build();
            small.doNow(() -> { });
            small.on(() -> { }, "x");
            assertThatThrownBy(() -> small.repeat(() -> { }, 10))
                    .isInstanceOf(TaskRejectedException.class)
                    .hasMessageContaining("maxTasks=2")
                    .satisfies(e -> assertThat(((TaskRejectedException) e).reason())
                            .isEqualTo(TaskRejectedException.Reason.TABLE_FULL));
            small.runDue();
            assertThat(small.repeat(() -> { }, 10)).as("room again once a task ends").isPositive();
        }

        @Test
        void anIdThatEndedIsNotGivenToANewTaskBeforeIdsWrapAround() {
            int requested = work.doNow(args -> { }, null, 5);
            int generated = work.doNow(() -> { });
            work.runDue();
            assertThat(work.taskCount()).isZero();

            java.util.Set<Integer> later = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) {
                later.add(work.on(() -> { }, "e" + i));
                work.cancel(work.on(() -> { }, "gone"));
            }
            assertThat(later).doesNotContain(requested, generated);
            assertThat(work.cancel(requested)).as("a stale id reaches no other task").isFalse();
            assertThat(work.cancel(generated)).isFalse();
        }

        @Test
        void idsWrapAroundPastTheLargestIntAndSkipIdsInUse() {
            work.on(() -> { }, "first");                                   // id 1, still in use
            assertThat(work.on(args -> { }, null, "x", 0, true, Integer.MAX_VALUE - 1)).isEqualTo(Integer.MAX_VALUE - 1);
            assertThat(work.on(() -> { }, "y")).isEqualTo(Integer.MAX_VALUE);
            assertThat(work.on(() -> { }, "z")).as("wrapped, past the id in use").isEqualTo(2);
        }

        @Test
        void aSubmittedTaskHoldsItsIdBeforeTheLoopTakesIt() {
            int waiting = work.doNow(() -> { });
            assertThatThrownBy(() -> work.doNow(args -> { }, null, waiting))
                    .isInstanceOf(TaskRejectedException.class)
                    .satisfies(e -> assertThat(((TaskRejectedException) e).reason())
                            .isEqualTo(TaskRejectedException.Reason.ID_IN_USE));
            assertThat(work.doNow(args -> { }, null, 5)).isEqualTo(5);
            assertThat(work.doNow(() -> { })).as("generated ids go on above a requested one").isEqualTo(6);
            assertThat(work.doNow(args -> { }, null, 3)).as("a free id below them").isEqualTo(3);
            assertThat(work.at(() -> { }, 0)).as("both ways count up together").isEqualTo(7);
            assertThat(work.taskCount()).isEqualTo(5);
        }

        @Test
        void doNowWrapsAroundPastTheLargestIntAndSkipsIdsInUse() {
            work.doNow(() -> { });                                                  // id 1, still in use
            assertThat(work.doNow(args -> { }, null, Integer.MAX_VALUE - 1)).isEqualTo(Integer.MAX_VALUE - 1);
            assertThat(work.doNow(() -> { })).isEqualTo(Integer.MAX_VALUE);
            assertThat(work.doNow(() -> { })).as("wrapped, past the id in use").isEqualTo(2);
            assertThat(work.doNow(() -> { })).isEqualTo(3);
            assertThat(work.runDue()).isEqualTo(5);
        }

        @Test
        void generatedIdsArePositiveAndDistinct() {
            Work big = Work.builder().ticker(time).maxTasks(10_000).build();
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                ids.add(big.doNow(() -> { }));
            }
            assertThat(ids).hasSize(10_000).allMatch(id -> id > 0);
        }
    }

    /** docs/contract.md#time. */
    @Nested
    class VirtualTime {

        @Test
        void aClockThatWrapsAroundKeepsOrderAndTiming() {
            ManualTicker nearEnd = new ManualTicker(Long.MAX_VALUE - 3_000_000_000L); // 3 s before the wrap
            Work wrapping = Work.builder().ticker(nearEnd).build();
            long origin = nearEnd.nanoTime();
            List<String> log = new ArrayList<>();
            wrapping.repeat(() -> log.add("beat " + (nearEnd.nanoTime() - origin) / 1_000_000), 1000);
            wrapping.at(() -> log.add("late " + (nearEnd.nanoTime() - origin) / 1_000_000), 4500);
            wrapping.at(() -> log.add("early " + (nearEnd.nanoTime() - origin) / 1_000_000), 2500);

            wrapping.advanceBy(6000);

            assertThat(nearEnd.nanoTime()).as("the reading wrapped").isNegative();
            assertThat(log).containsExactly("beat 0", "beat 1000", "beat 2000", "early 2500", "beat 3000",
                    "beat 4000", "late 4500", "beat 5000", "beat 6000");
        }

        @Test
        void startFastForwardsAManualTicker() {
            List<Long> ranAt = new ArrayList<>();
            work.at(() -> ranAt.add(work.nowMillis()), 3_600_000);
            work.start();
            assertThat(ranAt).containsExactly(3_600_000L);
        }

        @Test
        void advanceByNeedsAManualTicker() {
            assertThatThrownBy(() -> new Work().advanceBy(10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ManualTicker");
        }
    }
}
