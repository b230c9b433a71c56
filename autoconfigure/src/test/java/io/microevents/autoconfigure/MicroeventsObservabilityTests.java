package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.ManualTicker;
import io.microevents.Ring;
import io.microevents.Work;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Micrometer meters and the actuator health indicator, with and without them on the classpath. */
class MicroeventsObservabilityTests {

    private final ApplicationContextRunner metrics = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class,
                    MicroeventsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withBean(ManualTicker.class, ManualTicker::new);

    private final ApplicationContextRunner health = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class,
                    MicroeventsHealthAutoConfiguration.class))
            .withPropertyValues("microevents.work.thread-name=health-loop");

    @Test
    void metersCountRunsByOutcomeLatenessAndEventsWithBoundedTags() {
        metrics.withPropertyValues("microevents.metrics.max-event-tags=2", "microevents.rings.sensor.size=64")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    Work work = context.getBean(Work.class);
                    work.on(args -> { }, "a", true);
                    work.on(args -> {
                        throw new IllegalStateException("boom");
                    }, "b", true);
                    work.repeat(() -> { }, 1000);
                    assertThat(registry.get(WorkMetrics.TASKS_ACTIVE).gauge().value()).isEqualTo(3);
                    assertThat(registry.get(WorkMetrics.TASKS_PENDING).gauge().value()).isEqualTo(1);

                    for (String event : new String[] {"a", "b", "c", "d"}) {
                        work.triggerEvent(event);
                    }
                    work.advanceBy(1000);

                    assertThat(registry.get(WorkMetrics.EVENTS_TRIGGERED).tag("event", "a").counter().count()).isEqualTo(1);
                    assertThat(registry.get(WorkMetrics.EVENTS_TRIGGERED).tag("event", "b").counter().count()).isEqualTo(1);
                    assertThat(registry.get(WorkMetrics.EVENTS_TRIGGERED).tag("event", WorkMetrics.OTHER).counter().count())
                            .isEqualTo(2);
                    assertThat(registry.find(WorkMetrics.EVENTS_TRIGGERED).tag("event", "c").counter()).isNull();
                    assertThat(registry.get(WorkMetrics.TASK_RUNS).tag("outcome", "success").counter().count()).isEqualTo(3);
                    assertThat(registry.get(WorkMetrics.TASK_RUNS).tag("outcome", "failure").counter().count()).isEqualTo(1);
                    assertThat(registry.get(WorkMetrics.TASK_LATENESS).timer().count()).isEqualTo(4);

                    assertThat(registry.get(WorkMetrics.TRIGGERS_QUEUED_BYTES).gauge().value()).isZero();

                    Ring sensor = context.getBean("sensor", Ring.class);
                    sensor.put(1, new byte[13]);
                    assertThat(registry.get(RingMetrics.USED).tag("ring", "sensor").gauge().value()).isEqualTo(17);
                    assertThat(registry.get(RingMetrics.CAPACITY).tag("ring", "sensor").gauge().value()).isEqualTo(64);
                });
    }

    @Test
    void bindersOfTheApplicationReplaceOurs() {
        metrics.withBean(RingMetrics.class, () -> new RingMetrics(new RingRegistry(java.util.Map.of())))
                .withPropertyValues("microevents.rings.sensor.size=64").run(context -> {
                    assertThat(context).hasSingleBean(RingMetrics.class).hasSingleBean(WorkMetrics.class);
                    assertThat(context.getBean(MeterRegistry.class).find(RingMetrics.USED).gauge()).isNull();
                });
    }

    @Test
    void noMetersWithoutMicrometer() {
        metrics.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> assertThat(context)
                .hasSingleBean(Work.class).doesNotHaveBean(WorkMetrics.class).doesNotHaveBean(RingMetrics.class));
    }

    @Test
    void healthIsUpWhileTheLoopRunsAndDownWhileAJobHoldsItTooLong() {
        CountDownLatch release = new CountDownLatch(1);
        health.withPropertyValues("microevents.health.max-lateness=50ms").run(context -> {
            WorkHealthIndicator indicator = context.getBean("microeventsHealthIndicator", WorkHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("thread", "health-loop")
                    .containsEntry("maxLateness", "50ms");

            Work work = context.getBean(Work.class);
            work.doNow(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().until(() -> indicator.health().getStatus(), Status.DOWN::equals);
            release.countDown();
            await().until(() -> indicator.health().getStatus(), Status.UP::equals);
        });
    }

    @Test
    void lateRunsMakeHealthDownUntilTheNextCheck() {
        health.withPropertyValues("microevents.health.max-lateness=1s").run(context -> {
            WorkHealthIndicator indicator = context.getBean(WorkHealthIndicator.class);
            indicator.observer().taskRan(1, "Rig.poll", Duration.ofSeconds(2).toNanos(), 0, null);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void healthIsDownOnceTheLoopHasStopped() {
        health.run(context -> {
            WorkHealthIndicator indicator = context.getBean(WorkHealthIndicator.class);
            context.getBean(WorkLifecycle.class).stop();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void healthOnVirtualTimeIsUpWithoutAThread() {
        health.withBean(ManualTicker.class, ManualTicker::new).run(context -> assertThat(
                context.getBean(WorkHealthIndicator.class).health().getDetails()).containsEntry("mode", "virtual-time"));
    }

    @Test
    void noHealthIndicatorWithoutActuatorWhenDisabledOrWithoutWork() {
        health.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(Work.class).doesNotHaveBean(WorkHealthIndicator.class));
        health.withPropertyValues("management.health.microevents.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(Work.class).doesNotHaveBean(WorkHealthIndicator.class));
        health.withPropertyValues("microevents.work.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(WorkHealthIndicator.class));
    }

    @Test
    void triggersDroppedForBytesShowInMetersAndHealth() {
        metrics.withConfiguration(AutoConfigurations.of(MicroeventsHealthAutoConfiguration.class))
                .withPropertyValues("microevents.work.max-queued-trigger-bytes=10KB").run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    Work work = context.getBean(Work.class);
                    assertThat(work.maxQueuedTriggerBytes()).isEqualTo(10 * 1024);
                    work.on(args -> { }, "blob", true);
                    work.triggerEvent("blob", (Object) new byte[6000]);
                    assertThat(work.triggerEvent("blob", (Object) new byte[6000])).isZero();

                    assertThat(registry.get(WorkMetrics.TRIGGERS_QUEUED_BYTES).gauge().value()).isGreaterThan(6000);
                    assertThat(registry.get(WorkMetrics.TRIGGERS_DROPPED).counter().count()).isEqualTo(1);
                    assertThat(context.getBean(WorkHealthIndicator.class).health().getDetails())
                            .containsEntry("droppedTriggers", 1L);
                });
    }
}
