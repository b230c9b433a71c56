package io.microevents.autoconfigure;

import java.util.stream.Stream;

import io.microevents.ManualTicker;
import io.microevents.Work;
import io.microevents.annotation.Event;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each signature that cannot work fails start-up with an error naming the class, the method and the reason. */
class InvalidAnnotatedMethodsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
                    MicroeventsAutoConfiguration.class))
            .withBean(ManualTicker.class, ManualTicker::new);

    static Stream<Arguments> invalidBeans() {
        return Stream.of(
                arguments(RepeatWithParameters.class, "poll(String)",
                        "@Repeat methods take no parameters, but it takes 1"),
                arguments(BothAnnotations.class, "both()", "a method takes @On or @Repeat, not both"),
                arguments(StaticListener.class, "listen()", "it must not be static"),
                arguments(TwoEvents.class, "listen(Event, Event)", "it takes 2 Event parameters"),
                arguments(EventAndMore.class, "listen(Event, String)",
                        "an Event parameter must be the method's only parameter"),
                arguments(NoInterval.class, "poll()", "it needs every (milliseconds) or everyString"),
                arguments(BothIntervals.class, "poll()", "give every or everyString, not both"),
                arguments(ZeroInterval.class, "poll()", "every must be > 0 ms, but was 0"),
                arguments(BadDuration.class, "poll()",
                        "everyString \"${rig.poll:soon}\" resolves to \"soon\", which is not a duration"),
                arguments(MissingPlaceholder.class, "listen()",
                        "value \"${rig.missing}\" cannot be resolved"),
                arguments(BlankEvent.class, "listen()", "resolves to a blank string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBeans")
    void failsStartUp(Class<?> beanClass, String method, String reason) {
        runner.withBean(beanClass).run(context -> assertThat(context).getFailure()
                .hasMessageContaining(beanClass.getName() + "." + method)
                .hasMessageContaining(reason));
    }

    @org.junit.jupiter.api.Test
    void aPrivateMethodOfAProxiedBeanFailsStartUp() {
        runner.withBean(PrivateListener.class)
                .withBean("proxyAll", BeanPostProcessor.class, () -> ClassProxies.of(PrivateListener.class))
                .run(context -> assertThat(context).getFailure()
                .hasMessageContaining("PrivateListener.listen()")
                .hasMessageContaining("Switch its visibility to package or protected"));
    }

    @org.junit.jupiter.api.Test
    void aPrivateMethodOfAPlainBeanIsFine() {
        runner.withBean(PrivateListener.class).run(context -> {
            Work work = context.getBean(Work.class);
            assertThat(work.triggerEvent("private")).isEqualTo(1);
        });
    }

    @org.junit.jupiter.api.Test
    void aFullTaskTableFailsStartUpNamingTheMethod() {
        runner.withPropertyValues("microevents.work.max-tasks=1").withBean(TwoListenersOnly.class)
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("TwoListenersOnly.second()")
                        .hasMessageContaining("microevents.work.max-tasks"));
    }

    static class RepeatWithParameters {
        @Repeat(every = 1000)
        void poll(String what) {
        }
    }

    static class BothAnnotations {
        @On("x")
        @Repeat(every = 1000)
        void both() {
        }
    }

    static class StaticListener {
        @On("x")
        static void listen() {
        }
    }

    static class TwoEvents {
        @On("x")
        void listen(Event a, Event b) {
        }
    }

    static class EventAndMore {
        @On("x")
        void listen(Event event, String more) {
        }
    }

    static class NoInterval {
        @Repeat
        void poll() {
        }
    }

    static class BothIntervals {
        @Repeat(every = 10, everyString = "1s")
        void poll() {
        }
    }

    static class ZeroInterval {
        @Repeat(every = 0)
        void poll() {
        }
    }

    static class BadDuration {
        @Repeat(everyString = "${rig.poll:soon}")
        void poll() {
        }
    }

    static class MissingPlaceholder {
        @On("${rig.missing}")
        void listen() {
        }
    }

    static class BlankEvent {
        @On("${rig.blank: }")
        void listen() {
        }
    }

    static class PrivateListener {
        @On("private")
        private void listen() {
        }
    }

    static class TwoListenersOnly {
        @On("first")
        void first() {
        }

        @On("second")
        void second() {
        }
    }
}
