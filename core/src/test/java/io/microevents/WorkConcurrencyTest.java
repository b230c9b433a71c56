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

        LoopThread loop = LoopThread.runUntilStopped(work);
        failures.addAll(onThreadsAtOnce("caller", seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            List<Integer> mine = new ArrayList<>();
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
        }));

        await().atMost(Duration.ofSeconds(60)).until(() -> work.pendingCount() == 0 && work.taskCount() == 4);
        loop.close();

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
    void submittersRacingForRequestedIdsAndTheLastPlacesNeverShareAnIdNorPassMaxTasks() throws Exception {
        int maxTasks = 10_000;
        Work work = Work.builder().maxTasks(maxTasks).ticker(new ManualTicker()).build();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Queue<Integer> accepted = new ConcurrentLinkedQueue<>();
        Map<TaskRejectedException.Reason, AtomicInteger> rejected = new ConcurrentHashMap<>();
        failures.addAll(onThreadsAtOnce("submitter", seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (int op = 0; op < 2_000; op++) {
                try {
                    int dice = random.nextInt(8);
                    // lock-free doNow, a requested id near the generated ones, and the locked way
                    int id = dice < 5 ? work.doNow(() -> { })
                            : dice < 7 ? work.doNow(args -> { }, null, 1 + random.nextInt(2 * maxTasks))
                            : work.at(() -> { }, 0);
                    accepted.add(id);
                } catch (TaskRejectedException e) {
                    rejected.computeIfAbsent(e.reason(), r -> new AtomicInteger()).incrementAndGet();
                }
            }
        }));

        assertThat(failures).isEmpty();
        assertThat(Set.copyOf(accepted)).as("no id given twice").hasSize(accepted.size());
        assertThat(rejected).as("16,000 tries for 10,000 places").containsKey(TaskRejectedException.Reason.TABLE_FULL);
        assertThat(accepted).hasSize(maxTasks);
        assertThat(work.taskCount()).isEqualTo(maxTasks);
        assertThat(work.statuses()).extracting(TaskStatus::id).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(work.runDue()).isEqualTo(maxTasks);
        assertThat(work.taskCount()).isZero();
        assertThat(work.doNow(() -> { })).as("room again once they ended").isPositive();
    }

    @Test
    void theLoopParksWhileIdleAndWakesForNewWork() throws Exception {
        Work work = new Work();
        try (LoopThread loop = LoopThread.runUntilStopped(work, "idle-loop")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.state() == Thread.State.WAITING);

            CountDownLatch ran = new CountDownLatch(1);
            work.doNow(ran::countDown);
            assertThat(ran.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.state() == Thread.State.WAITING);
        }
    }

    @Test
    void anInterruptEndsAParkedLoopAndStaysSet() throws Exception {
        Work work = new Work();
        AtomicInteger flagAfterwards = new AtomicInteger(-1);
        Thread loop = new Thread(() -> {
            work.runUntilStopped();
            flagAfterwards.set(Thread.currentThread().isInterrupted() ? 1 : 0);
        }, "interrupted-loop");
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.getState() == Thread.State.WAITING);

        loop.interrupt();
        loop.join(10_000);

        assertThat(loop.isAlive()).isFalse();
        assertThat(flagAfterwards).as("the host sees why the loop ended").hasValue(1);
        assertThat(work.doNow(() -> { })).as("the tasks stay for the next loop").isPositive();
    }

    @Test
    void aTimedTaskWakesTheParkedLoopOnTheSystemClock() throws Exception {
        Work work = new Work();
        CountDownLatch ran = new CountDownLatch(1);
        work.at(ran::countDown, 20);
        try (LoopThread loop = LoopThread.start(work, "timed-loop")) {
            assertThat(ran.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            loop.awaitEnd(); // start() returned: no task left
        }
    }

    @Test
    void stopFromAnotherThreadEndsStart() throws Exception {
        Work work = new Work();
        work.on(() -> { }, "never");
        LoopThread loop = LoopThread.start(work, "stoppable-loop");
        await().atMost(Duration.ofSeconds(10)).until(work::isRunning);
        loop.close();
        assertThat(work.taskCount()).isZero();
    }

    @Test
    void aSecondLoopIsRefused() throws Exception {
        Work work = new Work();
        work.on(() -> { }, "never");
        try (LoopThread loop = LoopThread.start(work, "first-loop")) {
            await().atMost(Duration.ofSeconds(10)).until(work::isRunning);
            assertThatThrownBy(work::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("first-loop");
            assertThatThrownBy(work::runDue).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void printFromManyThreadsNeverInterleavesLines() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        Work work = Work.builder().output(lines::add).build();
        LoopThread loop = LoopThread.runUntilStopped(work, "print-loop");
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
        loop.close();
        assertThat(lines).allMatch(l -> l.matches("writer \\d line \\d+"));
    }

    /** The work of one of the {@link #THREADS} callers; {@code seed} is its number. */
    @FunctionalInterface
    private interface Caller {
        void run(long seed) throws Exception;
    }

    /**
     * Runs {@code caller} on {@link #THREADS} threads that start at one signal, so that they meet,
     * waits for them (a minute at most), and returns what they threw.
     */
    private static Queue<Throwable> onThreadsAtOnce(String name, Caller caller) throws InterruptedException {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    caller.run(seed);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, name + "-" + t);
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                failures.add(new AssertionError(thread.getName() + " still runs after a minute"));
            }
        }
        return failures;
    }
}
