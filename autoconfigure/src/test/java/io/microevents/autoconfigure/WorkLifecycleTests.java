package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link WorkLifecycle} on a real loop thread: a context stop pauses and a start resumes with the
 * same tasks, or registers them again when the scheduler discarded them all meanwhile; closing the context drains what is due, interrupts a job that outlives the timeout
 * in one line, and counts what is left in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkLifecycleTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class))
            .withUserConfiguration(HandlersConfiguration.class);

    @Test
    void aContextStopPausesAndAStartResumesWithTheSameTasks() {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            WorkLifecycle lifecycle = context.getBean(WorkLifecycle.class);
            Handlers handlers = context.getBean(Handlers.class);
            await().atMost(PATIENCE).until(() -> handlers.beats.get() >= 2);
            int tasks = work.taskCount();
            assertThat(tasks).isEqualTo(2);

            context.stop();
            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(lifecycle.isLoopAlive()).isFalse();
            assertThat(work.isRunning()).as("the loop does not claim to run while paused").isFalse();
            assertThat(work.taskCount()).as("a pause keeps the tasks").isEqualTo(tasks);
            assertThat(work.triggerEvent("reading", "21.5")).isOne();
            assertThat(handlers.readings).isEmpty();

            context.start();
            assertThat(lifecycle.isLoopAlive()).isTrue();
            int beats = handlers.beats.get();
            await().atMost(PATIENCE).until(() -> handlers.beats.get() > beats + 1);
            await().atMost(PATIENCE).until(() -> handlers.readings.contains(21.5));
            assertThat(work.triggerEvent("reading", "22.5")).as("the listener still listens").isOne();
            await().atMost(PATIENCE).until(() -> handlers.readings.contains(22.5));
        });
    }

    @Test
    void aStartAfterTheSchedulerDiscardedEveryTaskRegistersThemAgain() {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            Handlers handlers = context.getBean(Handlers.class);
            await().atMost(PATIENCE).until(() -> handlers.beats.get() >= 1);

            work.stop();   // the manual's stop: every task is cancelled
            assertThat(work.taskCount()).isZero();
            context.stop();
            context.start();

            assertThat(work.taskCount()).as("both annotated methods are registered again").isEqualTo(2);
            int beats = handlers.beats.get();
            await().atMost(PATIENCE).until(() -> handlers.beats.get() > beats + 1);
            assertThat(work.triggerEvent("reading", "23.5")).isOne();
            await().atMost(PATIENCE).until(() -> handlers.readings.contains(23.5));
        });
    }

    @Test
    void aTaskCancelledOnItsOwnStaysCancelledAcrossAStopAndStart() {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            int beat = work.statuses().stream().filter(s -> s.job().equals("Handlers.beat")).findFirst()
                    .orElseThrow().id();
            assertThat(work.cancel(beat)).isTrue();

            context.stop();
            context.start();

            assertThat(work.taskCount()).isOne();
            assertThat(work.status(beat)).isEmpty();
            assertThat(work.triggerEvent("reading", "24.5")).isOne();
        });
    }

    @Test
    void closingTheContextDrainsDueTriggersAndCountsTheRestInOneLine(CapturedOutput output) {
        AtomicInteger ran = new AtomicInteger();
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            // holds the loop until the shutdown starts, so that the triggers below are still queued then
            work.doNow(() -> {
                while (work.isRunning()) {
                    Thread.onSpinWait();
                }
            });
            work.on(ran::incrementAndGet, "due", true);
            work.on(args -> ran.addAndGet(1000), "later", 3_600_000, true);
            for (int i = 0; i < 5; i++) {
                work.triggerEvent("due");
            }
            work.triggerEvent("later");
        });
        assertThat(ran).as("every trigger that was due ran; the one due in an hour did not").hasValue(5);
        assertThat(output).containsOnlyOnce("Work shut down with 1 triggered run not run");
    }

    @Test
    void aJobStillRunningAtTheShutdownTimeoutIsInterruptedWithOneLineNamingItsTask(CapturedOutput output) {
        runner.withPropertyValues("microevents.work.shutdown-timeout=200ms").run(context -> {
            Work work = context.getBean(Work.class);
            List<String> started = new CopyOnWriteArrayList<>();
            work.on(io.microevents.Job.named("Rig.slowCalibration", args -> {
                started.add("yes");
                new java.util.concurrent.CountDownLatch(1).await(); // blocks until interrupted
            }), "calibrate");
            work.triggerEvent("calibrate");
            await().atMost(PATIENCE).until(() -> !started.isEmpty());
        });
        String log = output.toString();
        assertThat(log).containsPattern("task \\d+ \\(Rig.slowCalibration\\) was still running after 200ms "
                + "\\(microevents.work.shutdown-timeout\\); interrupting it");
        assertThat(log).doesNotContain("InterruptedException").doesNotContain("\tat ")
                .doesNotContain("failed: ");
    }

    @Test
    void aPausedContextThatClosesStillCountsWhatItDiscards(CapturedOutput output) {
        runner.run(context -> {
            Work work = context.getBean(Work.class);
            context.stop();
            work.triggerEvent("reading", "1");
            work.triggerEvent("reading", "2");
        });
        assertThat(output).containsOnlyOnce("Work shut down with 2 triggered runs not run");
    }

    @Test
    void theLoopIsNotRestartedAfterAShutdown() {
        runner.run(context -> {
            WorkLifecycle lifecycle = context.getBean(WorkLifecycle.class);
            lifecycle.stopAndShutdown();
            lifecycle.start();
            assertThat(lifecycle.isLoopAlive()).isFalse();
            assertThat(((ConfigurableApplicationContext) context).getBean(Work.class).taskCount()).isZero();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class HandlersConfiguration {

        @Bean
        Handlers handlers() {
            return new Handlers();
        }
    }

    static class Handlers {

        final AtomicInteger beats = new AtomicInteger();
        final List<Double> readings = new CopyOnWriteArrayList<>();

        @Repeat(every = 20)
        void beat() {
            beats.incrementAndGet();
        }

        @On("reading")
        void reading(double celsius) {
            readings.add(celsius);
        }
    }
}
