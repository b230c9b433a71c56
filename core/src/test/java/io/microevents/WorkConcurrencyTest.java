package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Work on a real loop thread, called from many threads at once. */
class WorkConcurrencyTest {

    private static final int THREADS = 8;
    private static final int OPS_PER_THREAD = 12_500; // 100,000 in all

    @Test
    void eightThreadsSchedulingTriggeringAndCancellingWhileTheLoopRuns() throws Exception {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Work work = Work.builder()
                .maxTasks(200_000)
                .errorHandler((id, job, e) -> failures.add(e))
                .build();
        Map<Integer, AtomicInteger> runsById = new ConcurrentHashMap<>();
        Set<Integer> cancelledBeforeStart = ConcurrentHashMap.newKeySet();
        Set<Integer> scheduled = ConcurrentHashMap.newKeySet();
        Set<Integer> cancelled = ConcurrentHashMap.newKeySet();
        AtomicInteger runAfterCancel = new AtomicInteger();
        AtomicLong listenerRuns = new AtomicLong();
        AtomicLong woken = new AtomicLong();

        Job timed = args -> {
            int id = work.currentTaskId();
            if (cancelledBeforeStart.contains(id)) {
                runAfterCancel.incrementAndGet();
            }
            runsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        };
        List<Integer> listeners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            listeners.add(work.on(args -> listenerRuns.incrementAndGet(), "e" + (i % 2), true));
        }

        Thread loop = new Thread(work::runUntilStopped, "work-loop");
        loop.start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            Thread caller = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                List<Integer> mine = new ArrayList<>();
                try {
                    go.await();
                    for (int op = 0; op < OPS_PER_THREAD; op++) {
                        int dice = random.nextInt(10);
                        if (dice < 4) {
                            int id = work.doNow(timed);
                            scheduled.add(id);
                            mine.add(id);
                        } else if (dice < 6) {
                            int id = work.at(timed, random.nextInt(3));
                            scheduled.add(id);
                            mine.add(id);
                        } else if (dice < 8) {
                            woken.addAndGet(work.triggerEvent("e" + random.nextInt(3), op));
                        } else if (!mine.isEmpty()) {
                            int id = mine.remove(random.nextInt(mine.size()));
                            if (work.cancel(id)) {
                                cancelled.add(id);
                                if (work.currentTaskId() != id) {
                                    cancelledBeforeStart.add(id);
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "caller-" + t);
            callers.add(caller);
            caller.start();
        }
        go.countDown();
        for (Thread caller : callers) {
            caller.join(60_000);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> work.pendingCount() == 0 && work.taskCount() == 4);
        work.stop();
        loop.join(10_000);

        assertThat(loop.isAlive()).isFalse();
        assertThat(failures).isEmpty();
        assertThat(runAfterCancel).as("runs that started after cancel returned").hasValue(0);
        for (int id : scheduled) {
            int runs = runsById.getOrDefault(id, new AtomicInteger()).get();
            if (cancelled.contains(id)) {
                assertThat(runs).as("cancelled task %d", id).isLessThanOrEqualTo(1);
            } else {
                assertThat(runs).as("task %d runs", id).isEqualTo(1);
            }
        }
        assertThat(listenerRuns.get()).as("one listener run per woken task").isEqualTo(woken.get());
        assertThat(work.taskCount()).isZero();
    }

    @Test
    void theLoopParksWhileIdleAndWakesForNewWork() throws Exception {
        Work work = new Work();
        Thread loop = new Thread(work::runUntilStopped, "idle-loop");
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.getState() == Thread.State.WAITING);

        CountDownLatch ran = new CountDownLatch(1);
        work.doNow(ran::countDown);
        assertThat(ran.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.getState() == Thread.State.WAITING);

        work.stop();
        loop.join(10_000);
        assertThat(loop.isAlive()).isFalse();
    }

    @Test
    void aTimedTaskWakesTheParkedLoopOnTheSystemClock() throws Exception {
        Work work = new Work();
        CountDownLatch ran = new CountDownLatch(1);
        work.at(ran::countDown, 20);
        Thread loop = new Thread(work::start, "timed-loop");
        loop.start();
        assertThat(ran.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        loop.join(10_000);
        assertThat(loop.isAlive()).as("start() returned: no task left").isFalse();
    }

    @Test
    void stopFromAnotherThreadEndsStart() throws Exception {
        Work work = new Work();
        work.on(() -> { }, "never");
        Thread loop = new Thread(work::start, "stoppable-loop");
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(work::isRunning);
        work.stop();
        loop.join(10_000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(work.taskCount()).isZero();
    }

    @Test
    void aSecondLoopIsRefused() throws Exception {
        Work work = new Work();
        work.on(() -> { }, "never");
        Thread loop = new Thread(work::start, "first-loop");
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(work::isRunning);
        assertThatThrownBy(work::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first-loop");
        assertThatThrownBy(work::runDue).isInstanceOf(IllegalStateException.class);
        work.stop();
        loop.join(10_000);
    }

    @Test
    void printFromManyThreadsNeverInterleavesLines() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        Work work = Work.builder().output(lines::add).build();
        Thread loop = new Thread(work::runUntilStopped, "print-loop");
        loop.start();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int n = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    work.print("writer", n, "line", i);
                }
            });
            writers.add(w);
            w.start();
        }
        for (Thread w : writers) {
            w.join(10_000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 2000);
        work.stop();
        loop.join(10_000);
        assertThat(lines).allMatch(l -> l.matches("writer \\d line \\d+"));
    }
}
