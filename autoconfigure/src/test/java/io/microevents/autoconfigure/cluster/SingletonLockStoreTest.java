package io.microevents.autoconfigure.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.ClusterSlots;
import io.microevents.TaskStatus;
import io.microevents.Work;
import io.microevents.annotation.Repeat;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a singleton method does when the lock store is slow, fails, says no, or is missing. */
@ExtendWith(OutputCaptureExtension.class)
class SingletonLockStoreTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
                    MicroeventsAutoConfiguration.class, MicroeventsClusterAutoConfiguration.class));

    @Test
    void aSlowLockStoreDoesNotDelayOtherTasksOnTheLoop() {
        TestProvider provider = new TestProvider();
        provider.delayMillis = 2000;
        runner.withBean(TestProvider.class, () -> provider).withBean(SlowSlots.class).run(context -> {
            long start = System.nanoTime();
            SlowSlots bean = context.getBean(SlowSlots.class);
            await().atMost(Duration.ofSeconds(6)).until(() -> !bean.singletonRuns.isEmpty());

            long ranAfter = (bean.singletonRuns.get(0) - start) / 1_000_000;
            assertThat(ranAfter).as("the method waits for the lock store's answer").isGreaterThanOrEqualTo(1500);
            List<Long> ticks = new ArrayList<>(bean.ticks);
            assertThat(ticks).as("a 50 ms task kept running while the store was busy").hasSizeGreaterThan(15);
            long maxGap = 0;
            for (int i = 1; i < ticks.size(); i++) {
                maxGap = Math.max(maxGap, (ticks.get(i) - ticks.get(i - 1)) / 1_000_000);
            }
            assertThat(maxGap).as("longest gap between runs of the 50 ms task, ms").isLessThan(1000);
            assertThat(provider.threads).allMatch(name -> name.startsWith("microevents-lock-"));
            await().atMost(Duration.ofSeconds(2)).until(() -> provider.unlocks.get() == 1);
            assertThat(slots(context, "SlowSlots.report")).isEqualTo(
                    new ClusterSlots("SlowSlots.report", ClusterSlots.Outcome.RAN_HERE, 1, 0, 0));
        });
    }

    @Test
    void aFailingLockStoreSkipsSlotsCountsThemLogsOnceAndTheNextSlotTriesAgain(CapturedOutput output) {
        TestProvider provider = new TestProvider();
        provider.failing.set(true);
        runner.withBean(TestProvider.class, () -> provider).withBean(FastSlots.class).run(context -> {
            FastSlots bean = context.getBean(FastSlots.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> slots(context, "FastSlots.report").lockFailures() >= 4);
            ClusterSlots failing = slots(context, "FastSlots.report");
            assertThat(failing.lastSlot()).isEqualTo(ClusterSlots.Outcome.LOCK_FAILED);
            assertThat(failing.ranHere()).isZero();
            assertThat(bean.runs.get()).isZero();
            assertThat(status(context, "FastSlots.report").failures()).as("never a failed run").isZero();
            assertThat(output.getOut().split("slots are skipped", -1)).as("logged once per outage").hasSize(2);
            assertThat(output.getOut()).contains("the lock store failed").contains("store is down");

            provider.failing.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> bean.runs.get() >= 2);
            ClusterSlots recovered = slots(context, "FastSlots.report");
            assertThat(recovered.ranHere()).isGreaterThanOrEqualTo(2);
            assertThat(recovered.lockFailures()).isGreaterThanOrEqualTo(4);
            assertThat(output.getOut()).contains("the lock store answers again");
        });
    }

    @Test
    void aLockStoreThatDoesNotAnswerInTimeSkipsTheSlotAndGivesBackTheLateLock() {
        TestProvider provider = new TestProvider();
        provider.delayMillis = 400;
        runner.withBean(TestProvider.class, () -> provider).withBean(FastSlots.class)
                .withPropertyValues("microevents.cluster.lock-timeout=100ms").run(context -> {
                    await().atMost(Duration.ofSeconds(5)).until(() -> provider.unlocks.get() >= 2);
                    ClusterSlots slots = slots(context, "FastSlots.report");
                    assertThat(slots.lockFailures()).isGreaterThanOrEqualTo(2);
                    assertThat(slots.ranHere()).isZero();
                    assertThat(context.getBean(FastSlots.class).runs.get()).isZero();
                });
    }

    @Test
    void whenAnotherInstanceHoldsTheLockTheSlotIsSkippedAndCounted() {
        TestProvider provider = new TestProvider();
        provider.heldElsewhere.set(true);
        runner.withBean(TestProvider.class, () -> provider).withBean(FastSlots.class).run(context -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> slots(context, "FastSlots.report").heldElsewhere() >= 3);
            ClusterSlots slots = slots(context, "FastSlots.report");
            assertThat(slots.lastSlot()).isEqualTo(ClusterSlots.Outcome.HELD_ELSEWHERE);
            assertThat(slots.ranHere()).isZero();
            assertThat(slots.lockFailures()).isZero();
            assertThat(context.getBean(FastSlots.class).runs.get()).isZero();
        });
    }

    @Test
    void lockSettingsComeFromTheAnnotationThenThePropertiesThenThePeriod() {
        TestProvider provider = new TestProvider();
        provider.heldElsewhere.set(true);
        runner.withBean(TestProvider.class, () -> provider).withBean(FastSlots.class).withBean(NamedLock.class)
                .withPropertyValues("microevents.cluster.lock-at-most-for=7s").run(context -> {
                    await().atMost(Duration.ofSeconds(5)).until(() -> provider.configurations.stream()
                            .map(LockConfiguration::getName).distinct().count() == 2);
                    LockConfiguration fast = provider.configurations.stream()
                            .filter(c -> c.getName().equals("FastSlots.report")).findFirst().orElseThrow();
                    assertThat(fast.getLockAtMostFor()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(fast.getLockAtLeastFor()).isEqualTo(Duration.ofMillis(45));
                    LockConfiguration named = provider.configurations.stream()
                            .filter(c -> c.getName().equals("nightly-report")).findFirst().orElseThrow();
                    assertThat(named.getLockAtMostFor()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(named.getLockAtLeastFor()).isEqualTo(Duration.ofMillis(30));
                    assertThat(slots(context, "NamedLock.report").lockName()).isEqualTo("nightly-report");
                });
    }

    @Test
    void withoutALockProviderBeanASingletonMethodFailsStartUp() {
        runner.withBean(FastSlots.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining(FastSlots.class.getName() + ".report()")
                .hasMessageContaining("no bean of type net.javacrumbs.shedlock.core.LockProvider")
                .hasMessageContaining("shedlock-provider-jdbc-template"));
    }

    @Test
    void withoutShedLockOnTheClasspathASingletonMethodFailsStartUp() {
        runner.withClassLoader(new FilteredClassLoader(LockProvider.class)).withBean(FastSlots.class)
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining(FastSlots.class.getName() + ".report()")
                        .hasMessageContaining("net.javacrumbs.shedlock:shedlock-core")
                        .hasMessageContaining("bean of type net.javacrumbs.shedlock.core.LockProvider"));
    }

    @Test
    void withoutShedLockOrdinaryRepeatMethodsStillWork() {
        runner.withClassLoader(new FilteredClassLoader(LockProvider.class)).withBean(Ordinary.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SingletonJobs.class));
    }

    @Test
    void lockSettingsWithoutSingletonFailStartUp() {
        runner.withBean(TestProvider.class, TestProvider::new).withBean(LockNameWithoutSingleton.class)
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining(LockNameWithoutSingleton.class.getName() + ".report()")
                        .hasMessageContaining("apply only with singleton = true"));
    }

    @Test
    void lockAtLeastForLongerThanLockAtMostForFailsStartUp() {
        runner.withBean(TestProvider.class, TestProvider::new).withBean(AtLeastTooLong.class)
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining(AtLeastTooLong.class.getName() + ".report()")
                        .hasMessageContaining("lockAtLeastFor (2000 ms) must not be longer than lockAtMostFor"));
    }

    private static TaskStatus status(ApplicationContext context, String job) {
        return context.getBean(Work.class).statuses().stream().filter(s -> s.job().equals(job)).findFirst()
                .orElseThrow();
    }

    private static ClusterSlots slots(ApplicationContext context, String job) {
        return status(context, job).cluster();
    }

    /** A lock store that can be slow, fail, or answer that another instance holds the lock. */
    static class TestProvider implements LockProvider {
        volatile long delayMillis;
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicBoolean heldElsewhere = new AtomicBoolean();
        final AtomicInteger unlocks = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<LockConfiguration> configurations = new CopyOnWriteArrayList<>();

        @Override
        public Optional<SimpleLock> lock(LockConfiguration configuration) {
            threads.add(Thread.currentThread().getName());
            configurations.add(configuration);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failing.get()) {
                throw new IllegalStateException("store is down");
            }
            if (heldElsewhere.get()) {
                return Optional.empty();
            }
            return Optional.of(unlocks::incrementAndGet);
        }
    }

    static class SlowSlots {
        final List<Long> singletonRuns = new CopyOnWriteArrayList<>();
        final List<Long> ticks = new CopyOnWriteArrayList<>();

        @Repeat(every = 3000, singleton = true)
        void report() {
            singletonRuns.add(System.nanoTime());
        }

        @Repeat(every = 50)
        void tick() {
            if (singletonRuns.isEmpty()) {
                ticks.add(System.nanoTime());
            }
        }
    }

    static class FastSlots {
        final AtomicInteger runs = new AtomicInteger();

        @Repeat(every = 50, singleton = true)
        void report() {
            runs.incrementAndGet();
        }
    }

    static class NamedLock {
        @Repeat(every = 60, singleton = true, lockName = "${report.lock:nightly-report}", lockAtMostFor = "2m",
                lockAtLeastFor = "30ms")
        void report() {
        }
    }

    static class Ordinary {
        @Repeat(every = 50)
        void report() {
        }
    }

    static class LockNameWithoutSingleton {
        @Repeat(every = 50, lockName = "x")
        void report() {
        }
    }

    static class AtLeastTooLong {
        @Repeat(every = 50, singleton = true, lockAtMostFor = "1s", lockAtLeastFor = "2s")
        void report() {
        }
    }
}
