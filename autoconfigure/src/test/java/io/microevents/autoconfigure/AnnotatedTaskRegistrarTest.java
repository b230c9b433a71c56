package io.microevents.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.ManualTicker;
import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parser's descriptions and the registrar's bookkeeping, on virtual time: what it registers,
 * what it cancels with the bean, and when it registers again.
 */
class AnnotatedTaskRegistrarTest {

    private final Work work = Work.builder().ticker(new ManualTicker()).build();
    private final AnnotatedMethodParser parser = new AnnotatedMethodParser(new DefaultListableBeanFactory(), null);
    private final AnnotatedTaskRegistrar registrar = new AnnotatedTaskRegistrar(work);
    private final Handlers handlers = new Handlers();

    @Test
    void theParserDescribesEachMethodOnceInAStableOrder() {
        List<MethodTask> tasks = parser.parse(handlers, "handlers");

        assertThat(tasks).extracting(MethodTask::jobName).containsExactly("Handlers.beat", "Handlers.door");
        assertThat(tasks.get(0).every()).isEqualTo(100);
        assertThat(tasks.get(1).event()).isEqualTo("door");
        assertThat(tasks.get(1).description()).contains("AnnotatedTaskRegistrarTest$Handlers.door()", "'handlers'");
        assertThatThrownBy(() -> tasks.add(tasks.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBeanIsRegisteredOnceAndCancelledWithItsBean() {
        registrar.register(handlers, parser.parse(handlers, "handlers"));
        registrar.register(handlers, parser.parse(handlers, "handlers"));
        assertThat(work.taskCount()).isEqualTo(2);
        assertThat(registrar.isRegistered(handlers)).isTrue();

        work.advanceBy(100);
        assertThat(work.triggerEvent("door")).isOne();
        work.runDue();
        assertThat(handlers.beats).as("at 0 and at 100").hasValue(2);
        assertThat(handlers.doors).hasValue(1);

        registrar.cancel(handlers);
        assertThat(work.taskCount()).isZero();
        assertThat(registrar.isRegistered(handlers)).isFalse();
    }

    @Test
    void tasksAreRegisteredAgainOnlyWhenTheSchedulerDiscardedThemAll() {
        registrar.register(handlers, parser.parse(handlers, "handlers"));
        int beat = work.statuses().get(0).id();

        work.cancel(beat);
        assertThat(registrar.reregisterIfDiscarded()).as("one was cancelled on its own").isZero();
        assertThat(work.taskCount()).isOne();

        work.stop();
        assertThat(registrar.reregisterIfDiscarded()).isEqualTo(2);
        assertThat(work.statuses()).extracting(s -> s.job()).containsExactlyInAnyOrder("Handlers.beat", "Handlers.door");
        assertThat(registrar.reregisterIfDiscarded()).as("nothing is missing now").isZero();
    }

    static class Handlers {
        final AtomicInteger beats = new AtomicInteger();
        final AtomicInteger doors = new AtomicInteger();

        @Repeat(every = 100)
        void beat() {
            beats.incrementAndGet();
        }

        @On("door")
        void door() {
            doors.incrementAndGet();
        }
    }
}
