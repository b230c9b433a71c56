package io.microevents.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.ManualTicker;
import io.microevents.OverflowPolicy;
import io.microevents.Ring;
import io.microevents.TaskErrorHandler;
import io.microevents.Ticker;
import io.microevents.Work;
import io.microevents.WorkObserver;
import io.microevents.annotation.On;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Beans, conditions and properties of {@link MicroeventsAutoConfiguration}. */
@ExtendWith(OutputCaptureExtension.class)
class MicroeventsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class));

    private final ApplicationContextRunner virtualTime = runner.withBean(ManualTicker.class, ManualTicker::new);

    @Test
    void providesWorkWithDefaultsAndRunsItsLoopOnANamedThread() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Work.class).hasSingleBean(WorkLifecycle.class)
                    .hasSingleBean(Ticker.class).hasSingleBean(TaskErrorHandler.class)
                    .hasSingleBean(RingRegistry.class).hasSingleBean(MicroeventsAnnotationBeanPostProcessor.class);
            Work work = context.getBean(Work.class);
            assertThat(work.maxTasks()).isEqualTo(Work.DEFAULT_MAX_TASKS);
            assertThat(work.isRunning()).isTrue();
            assertThat(context.getBean(WorkLifecycle.class).isLoopAlive()).isTrue();
            assertThat(liveThreads("microevents-work")).hasSize(1);
            assertThat(context.getBean(RingRegistry.class).all()).isEmpty();
        });
        assertThat(liveThreads("microevents-work")).isEmpty();
    }

    @Test
    void defaultsOfThePropertiesMatchTheCore() {
        MicroeventsProperties.WorkSettings defaults = new MicroeventsProperties().getWork();
        assertThat(defaults.getMaxTasks()).isEqualTo(Work.DEFAULT_MAX_TASKS);
        assertThat(defaults.getMaxQueuedTriggers()).isEqualTo(Work.DEFAULT_MAX_QUEUED_TRIGGERS);
        assertThat(defaults.getMaxQueuedTriggerBytes().toBytes()).isEqualTo(Work.DEFAULT_MAX_QUEUED_TRIGGER_BYTES);
    }

    @Test
    void workPropertiesShapeTheSchedulerAndItsThread() {
        runner.withPropertyValues("microevents.work.thread-name=rig-loop", "microevents.work.max-tasks=3",
                "microevents.work.max-queued-triggers=2").withBean(TwoListeners.class).run(context -> {
                    Work work = context.getBean(Work.class);
                    assertThat(work.maxTasks()).isEqualTo(3);
                    assertThat(liveThreads("rig-loop")).hasSize(1);
                    assertThat(liveThreads("microevents-work")).isEmpty();
                    // max-queued-triggers: a listener busy with a trigger keeps at most 2 more queued
                    TwoListeners listeners = context.getBean(TwoListeners.class);
                    work.triggerEvent("block");
                    org.awaitility.Awaitility.await().until(listeners.entered::get, n -> n == 1);
                    for (int i = 0; i < 4; i++) {
                        work.triggerEvent("tick");
                    }
                    assertThat(work.statuses()).filteredOn(s -> s.job().equals("TwoListeners.tick"))
                            .singleElement().satisfies(s -> assertThat(s.droppedTriggers()).isEqualTo(2));
                    listeners.release.countDown();
                });
        assertThat(liveThreads("rig-loop")).isEmpty();
    }

    @Test
    void shutdownWaitsForTheRunningJobThenInterruptsItAfterTheTimeout() {
        AtomicInteger interrupted = new AtomicInteger();
        runner.withPropertyValues("microevents.work.thread-name=stuck-loop", "microevents.work.shutdown-timeout=50ms")
                .withBean(TwoListeners.class, () -> new TwoListeners(interrupted)).run(context -> {
                    context.getBean(Work.class).triggerEvent("block");
                    org.awaitility.Awaitility.await().until(context.getBean(TwoListeners.class).entered::get, n -> n == 1);
                });
        org.awaitility.Awaitility.await().until(() -> liveThreads("stuck-loop").isEmpty());
        assertThat(interrupted).hasValue(1);
    }

    @Test
    void disabledWorkBacksOffButRingsRemain() {
        runner.withPropertyValues("microevents.work.enabled=false", "microevents.rings.sensor.size=64").run(context -> {
            assertThat(context).doesNotHaveBean(Work.class).doesNotHaveBean(WorkLifecycle.class)
                    .doesNotHaveBean(MicroeventsAnnotationBeanPostProcessor.class);
            assertThat(context.getBean(RingRegistry.class).find("sensor")).isPresent();
        });
    }

    @Test
    void virtualTimeStartsNoThreadAndPrintsGoToTheLogger(CapturedOutput output) {
        virtualTime.withPropertyValues("microevents.work.thread-name=virtual-loop").run(context -> {
            assertThat(context.getBean(WorkLifecycle.class).isVirtualTime()).isTrue();
            assertThat(liveThreads("virtual-loop")).isEmpty();
            Work work = context.getBean(Work.class);
            work.print("hello", 42);
            work.runDue();
            assertThat(output).contains(MicroeventsAutoConfiguration.PRINT_LOGGER).contains("hello 42");
        });
    }

    @Test
    void theDefaultErrorHandlerLogsABadTriggerInOneLineAndABugWithItsStackTrace(CapturedOutput output) {
        runner.run(context -> {
            TaskErrorHandler handler = context.getBean(TaskErrorHandler.class);
            handler.handle(7, "Rig.onTemp", new EventArgumentException("Rig.onTemp: cannot convert argument 0", null));
            handler.handle(8, "Rig.poll", new IllegalStateException("sensor gone"));
            assertThat(output).contains("Task 7 (Rig.onTemp) skipped a trigger: Rig.onTemp: cannot convert argument 0")
                    .contains("Task 8 (Rig.poll) failed: java.lang.IllegalStateException: sensor gone")
                    .contains("\tat ")
                    .doesNotContain("EventArgumentException:");
        });
    }

    @Test
    void userBeansReplaceOurs() {
        Work own = new Work(7);
        TaskErrorHandler handler = (id, job, error) -> { };
        RingRegistry registry = new RingRegistry(java.util.Map.of());
        runner.withBean(Work.class, () -> own).withBean(TaskErrorHandler.class, () -> handler)
                .withBean(RingRegistry.class, () -> registry)
                .withBean(WorkLifecycle.class, () -> new WorkLifecycle(own, true, "own", java.time.Duration.ZERO))
                .run(context -> {
                    assertThat(context.getBean(Work.class)).isSameAs(own);
                    assertThat(context.getBean(TaskErrorHandler.class)).isSameAs(handler);
                    assertThat(context.getBean(RingRegistry.class)).isSameAs(registry);
                    assertThat(context).hasSingleBean(WorkLifecycle.class);
                    assertThat(liveThreads("microevents-work")).isEmpty();
                });
    }

    @Test
    void observerAndCustomizerBeansShapeTheWork() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        virtualTime.withBean(WorkObserver.class, () -> new WorkObserver() {
            @Override
            public void eventTriggered(String event, int woken) {
                events.add(event);
            }
        }).withBean(WorkCustomizer.class, () -> builder -> builder.output(lines::add)).run(context -> {
            Work work = context.getBean(Work.class);
            work.triggerEvent("ping");
            work.print("line");
            work.runDue();
            assertThat(events).containsExactly("ping");
            assertThat(lines).containsExactly("line");
        });
    }

    @Test
    void ringsComeFromPropertiesAndAreInjectableByName() {
        runner.withPropertyValues("microevents.rings.sensor.size=64", "microevents.rings.sensor.overflow=drop-oldest",
                "microevents.rings.log.size=2048").withUserConfiguration(RingUser.class).run(context -> {
                    RingRegistry registry = context.getBean(RingRegistry.class);
                    assertThat(registry.all()).containsOnlyKeys("log", "sensor");
                    Ring sensor = registry.find("sensor").orElseThrow();
                    assertThat(sensor.capacity()).isEqualTo(64);
                    assertThat(sensor.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
                    assertThat(registry.find("log").orElseThrow().overflowPolicy()).isEqualTo(OverflowPolicy.REJECT);
                    assertThat(context.getBean(RingUser.class).ring).isSameAs(sensor);
                    assertThat(context.getBean("log", Ring.class).capacity()).isEqualTo(2048);
                });
    }

    @Test
    void aRingBeanOfTheApplicationWinsOverTheConfiguredOne() {
        Ring own = new Ring(16);
        runner.withPropertyValues("microevents.rings.sensor.size=64").withBean("sensor", Ring.class, () -> own)
                .run(context -> assertThat(context.getBean(RingRegistry.class).find("sensor")).containsSame(own));
    }

    @Test
    void badSettingsFailStartUpNamingTheProperty() {
        runner.withPropertyValues("microevents.rings.sensor.size=4").run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("Failed to bind properties under 'microevents.rings.sensor'")
                .rootCause().hasMessage("size must be at least 8 bytes, but was 4"));
        runner.withPropertyValues("microevents.rings.sensor.overflow=sometimes").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("Failed to bind properties under 'microevents.rings.sensor.overflow'"));
        runner.withPropertyValues("microevents.work.max-tasks=0").run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("Failed to bind properties under 'microevents.work'")
                .rootCause().hasMessage("max-tasks must be > 0, but was 0"));
    }

    @Test
    void lazyInitialisationDoesNotLeaveListenersOut() {
        virtualTime.withInitializer(context -> context.addBeanFactoryPostProcessor(
                new LazyInitializationBeanFactoryPostProcessor())).withUserConfiguration(LazyListenerConfig.class)
                .run(context -> {
                    Work work = context.getBean(Work.class);
                    assertThat(work.triggerEvent("wake")).isEqualTo(1);
                    work.runDue();
                    assertThat(LazyListenerConfig.calls).hasValue(1);
                });
    }

    @Test
    void destroyingABeanCancelsItsTasks() {
        virtualTime.withBean("twoListeners", TwoListeners.class).run(context -> {
            Work work = context.getBean(Work.class);
            assertThat(work.waitingEvents()).containsOnlyKeys("block", "tick");
            ((org.springframework.beans.factory.support.DefaultListableBeanFactory) context.getBeanFactory())
                    .destroySingleton("twoListeners");
            assertThat(work.taskCount()).isZero();
            assertThat(work.triggerEvent("tick")).isZero();
        });
    }

    static List<Thread> liveThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }

    /** Two listeners: one blocks the loop until released, one counts. */
    static class TwoListeners {
        final AtomicInteger entered = new AtomicInteger();
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        private final AtomicInteger interrupted;

        TwoListeners() {
            this(new AtomicInteger());
        }

        TwoListeners(AtomicInteger interrupted) {
            this.interrupted = interrupted;
        }

        @On("block")
        void block() {
            entered.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
            }
        }

        @On("tick")
        void tick() {
        }
    }

    /** Takes a ring by qualifier. */
    static class RingUser {
        final Ring ring;

        RingUser(@Qualifier("sensor") Ring ring) {
            this.ring = ring;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyListenerConfig {
        static final AtomicInteger calls = new AtomicInteger();

        @Bean
        LazyListener lazyListener() {
            return new LazyListener();
        }
    }

    static class LazyListener {
        @On("wake")
        void wake() {
            LazyListenerConfig.calls.incrementAndGet();
        }
    }
}
