package io.microevents.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.ManualTicker;
import io.microevents.TaskErrorHandler;
import io.microevents.TaskStatus;
import io.microevents.Work;
import io.microevents.annotation.Event;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with {@code @On} and {@code @Repeat} beans, on virtual time: the
 * application defines a {@link ManualTicker} bean, so no loop thread runs and the test drives the
 * scheduler with {@link Work#advanceBy(long)} and {@link Work#runDue()}.
 */
@SpringBootTest(classes = StarterApplicationTests.RigApplication.class, properties = {
        "rig.reading-event=reading", "rig.poll=500ms", "rig.warm-up=250ms", "rig.later=2s"})
class StarterApplicationTests {

    static final AtomicInteger PROXY_CALLS = new AtomicInteger();

    @Autowired
    Work work;

    @Autowired
    Recorder recorder;

    @Autowired
    AuditHandler auditHandler;

    @BeforeEach
    void settle() {
        work.runDue();
        recorder.calls.clear();
        recorder.failures.clear();
        PROXY_CALLS.set(0);
    }

    @Test
    void handlersRunOnTriggerWithConvertedArguments() {
        assertThat(work.triggerEvent("reading", "23.5", "7")).isEqualTo(1);
        work.runDue();
        assertThat(recorder.calls).containsExactly("onReading 23.5 7");
    }

    @Test
    void anEventParameterSeesNameValuesAndTime() {
        work.triggerEvent("status", "ok", 3);
        work.runDue();
        assertThat(recorder.events).last().satisfies(event -> {
            assertThat(event.name()).isEqualTo("status");
            assertThat(event.args()).containsExactly("ok", 3);
            assertThat(event.time()).isEqualTo(work.nowMillis());
        });
    }

    @Test
    void listenersRunOnEveryTriggerUnlessOnce() {
        work.triggerEvent("ping");
        work.triggerEvent("ping");
        work.runDue();
        assertThat(recorder.calls).containsExactly("firstBoot", "ping", "ping");
        assertThat(jobs()).doesNotContain("Handlers.firstBoot");
    }

    @Test
    void aDelayedListenerRunsItsDelayAfterTheTrigger() {
        work.triggerEvent("later");
        work.advanceBy(1999);
        assertThat(recorder.calls).doesNotContain("later");
        work.advanceBy(1);
        assertThat(recorder.calls).containsOnlyOnce("later");
    }

    @Test
    void repeatMethodsRunOnTheirIntervals() {
        work.advanceBy(3000);
        assertThat(recorder.calls.stream().filter("heartbeat"::equals)).hasSize(3);
        assertThat(recorder.calls.stream().filter("poll"::equals)).hasSize(6);
    }

    @Test
    void tasksAreNamedAfterClassAndMethodAndDisabledOnesAreMissing() {
        assertThat(jobs()).contains("Handlers.onReading", "Handlers.onStatus", "Handlers.ping", "Handlers.later",
                "Timers.heartbeat", "Timers.poll", "AuditHandler.audit").doesNotContain("Timers.off");
    }

    @Test
    void aValueThatCannotBeConvertedFailsTheRunNotTheListener() {
        work.triggerEvent("reading", "warm", "7");
        work.triggerEvent("reading", "1.5");
        work.triggerEvent("reading", "-4", "2");
        work.runDue();
        assertThat(recorder.failures).hasSize(2);
        assertThat(recorder.failures.get(0)).isInstanceOf(EventArgumentException.class)
                .hasMessageContaining("Handlers.onReading: cannot convert argument 0").hasMessageContaining("warm");
        assertThat(recorder.failures.get(1)).isInstanceOf(EventArgumentException.class)
                .hasMessageContaining("carried 1 value, but the method takes 2");
        assertThat(recorder.calls).containsExactly("onReading -4.0 2");
        TaskStatus status = work.statuses().stream().filter(s -> s.job().equals("Handlers.onReading")).findFirst()
                .orElseThrow();
        assertThat(status.failures()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aHugeOrForgedArgumentIsBoundedAndEscapedInTheErrorAndTheStoredStatus() {
        String huge = "9".repeat(30_000) + "x" + "9".repeat(29_999);
        String forged = "1\n06:49:59.000 ERROR Fake --- forged line";
        work.triggerEvent("reading", huge, "7");
        work.triggerEvent("reading", forged, "7");
        work.runDue();

        assertThat(recorder.failures).hasSize(2);
        String first = recorder.failures.get(0).getMessage();
        assertThat(first).hasSizeLessThan(1000).contains("(60000 chars in all)").contains("Handlers.onReading");
        assertThat(recorder.failures.get(0).getCause()).as("no cause that quotes the value whole").isNull();
        String second = recorder.failures.get(1).getMessage();
        assertThat(second).doesNotContain("\n").doesNotContain("\r").contains("1\\n06:49:59.000 ERROR Fake");
        TaskStatus status = work.statuses().stream().filter(s -> s.job().equals("Handlers.onReading")).findFirst()
                .orElseThrow();
        assertThat(status.lastError().getMessage()).isEqualTo(second);
    }

    @Test
    void aProxiedBeansHandlerRunsThroughItsProxy() {
        assertThat(AopUtils.isCglibProxy(auditHandler)).isTrue();
        work.triggerEvent("audit", "door");
        work.runDue();
        assertThat(PROXY_CALLS).hasValue(1);
        assertThat(recorder.calls).containsExactly("audit door");
    }

    private List<String> jobs() {
        return work.statuses().stream().map(TaskStatus::job).toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Handlers.class, Timers.class, AuditHandler.class})
    static class RigApplication {

        @Bean
        ManualTicker ticker() {
            return new ManualTicker();
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        TaskErrorHandler recordingErrorHandler(Recorder recorder) {
            return (taskId, job, error) -> recorder.failures.add(error);
        }

        @Bean
        static BeanPostProcessor auditProxy() {
            return ClassProxies.of(AuditHandler.class, invocation -> {
                PROXY_CALLS.incrementAndGet();
                return invocation.proceed();
            });
        }
    }

    static class Recorder {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
    }

    static class Handlers {
        private final Recorder recorder;

        Handlers(Recorder recorder) {
            this.recorder = recorder;
        }

        @On("${rig.reading-event}")
        void onReading(double celsius, int sensor) {
            recorder.calls.add("onReading " + celsius + " " + sensor);
        }

        @On("status")
        void onStatus(Event event) {
            recorder.events.add(event);
        }

        @On("ping")
        void ping() {
            recorder.calls.add("ping");
        }

        @On(value = "ping", once = true)
        void firstBoot() {
            recorder.calls.add("firstBoot");
        }

        @On(value = "later", delayString = "${rig.later}")
        void later() {
            recorder.calls.add("later");
        }
    }

    static class Timers {
        private final Recorder recorder;

        Timers(Recorder recorder) {
            this.recorder = recorder;
        }

        @Repeat(every = 1000)
        void heartbeat() {
            recorder.calls.add("heartbeat");
        }

        @Repeat(everyString = "${rig.poll}", atString = "${rig.warm-up}")
        void poll() {
            recorder.calls.add("poll");
        }

        @Repeat(everyString = "${rig.off:-}")
        void off() {
            recorder.calls.add("off");
        }
    }

    static class AuditHandler {
        private final Recorder recorder;

        AuditHandler(Recorder recorder) {
            this.recorder = recorder;
        }

        @On("audit")
        void audit(String what) {
            recorder.calls.add("audit " + what);
        }
    }
}
