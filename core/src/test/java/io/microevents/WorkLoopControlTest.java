package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How a loop ends: the manual's stop (docs/contract.md, "Stop, pause and shutdown"), a host's
 * pause and resume, and a host's shutdown that drains what is due. On a real loop thread.
 */
class WorkLoopControlTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Work work = Work.builder().errorHandler((id, job, e) -> errors.add(e)).build();
    private final List<LoopThread> loops = new ArrayList<>();

    private LoopThread loop() {
        LoopThread loop = LoopThread.runUntilStopped(work, "work-loop-test");
        loops.add(loop);
        return loop;
    }

    @AfterEach
    void endLoops() {
        for (LoopThread loop : loops) {
            loop.close();
        }
    }

    @Nested
    class Stop {

        @Test
        void aStopBeforeTheLoopEntersIsNotLost() {
            work.on(() -> { }, "never", true);
            work.stop();
            loop().awaitEnd(); // the loop took the stop that came before it
        }

        @Test
        void aStopBeforeStartOnTheSameThreadReturnsAtOnce() {
            work.stop();
            assertTimeoutPreemptively(PATIENCE, work::runUntilStopped);
        }

        @Test
        void schedulingAfterAStopWithdrawsIt() {
            List<String> ran = new ArrayList<>();
            work.doNow(() -> ran.add("before"));
            work.stop();
            work.doNow(() -> ran.add("after"));
            work.start();
            assertThat(ran).containsExactly("after");
        }

        @Test
        void stopAndDiscardCountsTheTriggeredRunsItDropsButNotTimerSlots() {
            work.repeat(() -> { }, 1000, 1000);
            work.on(() -> { }, "e", true);
            work.triggerEvent("e");
            work.triggerEvent("e");
            int id = work.at(() -> { }, 5000);
            work.runNow(id);
            assertThat(work.stopAndDiscard()).isEqualTo(3);
            assertThat(work.taskCount()).isZero();
            assertThat(work.pendingCount()).isZero();
            assertThat(work.queuedTriggerBytes()).isZero();
        }
    }

    @Nested
    class Pause {

        @Test
        void pauseEndsTheLoopAndKeepsTasksAndQueuedRunsAndALaterLoopResumes() {
            AtomicInteger beats = new AtomicInteger();
            List<Object> got = new CopyOnWriteArrayList<>();
            int beat = work.repeat(beats::incrementAndGet, 10);
            int listener = work.on(args -> got.add(args[0]), "e", true);
            LoopThread first = loop();
            await().atMost(PATIENCE).until(() -> beats.get() >= 2);

            assertThat(work.pause()).isTrue();
            first.awaitEnd();
            assertThat(work.isRunning()).isFalse();
            assertThat(work.triggerEvent("e", "while paused")).isOne();
            assertThat(work.taskCount()).isEqualTo(2);
            assertThat(work.status(beat)).isPresent();
            assertThat(work.status(listener).orElseThrow().queuedTriggers()).isOne();

            int before = beats.get();
            loop();
            await().atMost(PATIENCE).until(() -> beats.get() > before + 1 && got.contains("while paused"));
        }

        @Test
        void pauseWithoutALoopDoesNothing() {
            int id = work.on(() -> { }, "e", true);
            assertThat(work.pause()).isFalse();
            assertThat(work.status(id)).isPresent();
        }
    }

    @Nested
    class Drain {

        @Test
        void drainRunsWhatIsDueThenReturnsLeavingLaterRunsQueued() throws InterruptedException {
            CountDownLatch inJob = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger triggered = new AtomicInteger();
            AtomicInteger later = new AtomicInteger();
            work.doNow(() -> {
                inJob.countDown();
                awaitQuietly(release);
            });
            work.on(triggered::incrementAndGet, "e", true);
            LoopThread loop = loop();
            assertThat(inJob.await(PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                work.triggerEvent("e");
            }
            work.at(later::incrementAndGet, 3_600_000);

            assertThat(work.drain()).isTrue();
            release.countDown();
            loop.awaitEnd();

            assertThat(triggered).as("every trigger answered before the drain ran").hasValue(5);
            assertThat(later).hasValue(0);
            assertThat(work.pendingCount()).isOne();
        }

        @Test
        void aRunInterruptedToStopTheLoopIsCountedButNotHandedToTheErrorHandler() throws InterruptedException {
            CountDownLatch inJob = new CountDownLatch(1);
            int id = work.doNow(() -> {
                inJob.countDown();
                try {
                    new CountDownLatch(1).await(); // blocks until interrupted
                } catch (InterruptedException e) {
                    throw new IllegalStateException("wait cut short", e);
                }
            });
            work.on(() -> { }, "keep", true);
            LoopThread loop = loop();
            assertThat(inJob.await(PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();

            work.drain();
            loop.interrupt();
            loop.awaitEnd();

            assertThat(errors).as("the host reports the interrupt itself").isEmpty();
            assertThat(work.status(id)).isEmpty();
        }

        private void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
