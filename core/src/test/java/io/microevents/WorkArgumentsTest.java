package io.microevents;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microevents.annotation.Event;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every public method of Work refuses bad arguments with a message that names them, by the JDK's
 * rule (docs/contract.md, "Failures"): {@link NullPointerException} for a null,
 * {@link IllegalArgumentException} for a bad value.
 */
class WorkArgumentsTest {

    private final Work work = Work.builder().ticker(new ManualTicker()).build();
    private final Runnable noop = () -> { };
    private final Job job = args -> { };

    private static void rejects(ThrowingCallable call, String argument) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(argument);
    }

    private static void rejectsNull(ThrowingCallable call, String argument) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(argument);
    }

    @Test
    void constructorAndBuilder() {
        rejects(() -> new Work(0), "maxTasks");
        rejects(() -> new Work(-1), "maxTasks");
        rejects(() -> Work.builder().maxQueuedTriggers(0), "maxQueuedTriggers");
        rejectsNull(() -> Work.builder().ticker(null), "ticker");
        rejectsNull(() -> Work.builder().errorHandler(null), "errorHandler");
        rejectsNull(() -> Work.builder().output(null), "output");
        rejectsNull(() -> Work.builder().observer(null), "observer");
    }

    @Test
    void nullJobs() {
        rejectsNull(() -> work.doNow((Runnable) null), "job");
        rejectsNull(() -> work.doNow((Job) null), "job");
        rejectsNull(() -> work.at((Runnable) null, 10), "job");
        rejectsNull(() -> work.repeat((Job) null, 10), "job");
        rejectsNull(() -> work.on((Runnable) null, "e"), "job");
        rejectsNull(() -> work.run((Job) null), "job");
        rejectsNull(() -> work.run((Runnable) null), "job");
        rejectsNull(() -> Job.named("x", null), "job");
        rejects(() -> Job.named(" ", job), "name");
    }

    @Test
    void negativeDelays() {
        rejects(() -> work.at(noop, -1), "at");
        rejects(() -> work.at(noop, Duration.ofMillis(-1)), "at");
        rejects(() -> work.repeat(noop, -5, 100), "at");
        rejects(() -> work.on(job, "e", -1, true), "at");
        rejectsNull(() -> work.at(noop, (Duration) null), "at");
    }

    @Test
    void nonPositiveIntervals() {
        rejects(() -> work.repeat(noop, 0), "every");
        rejects(() -> work.repeat(noop, -1), "every");
        rejects(() -> work.repeat(job, 0, 0, "p"), "every");
        rejects(() -> work.repeat(noop, Duration.ZERO), "every");
        rejects(() -> work.setRepeat(-1, 1), "interval");
    }

    @Test
    void blankEventNames() {
        rejects(() -> work.on(noop, ""), "when");
        rejectsNull(() -> work.on(job, null), "when");
        rejects(() -> work.on(job, "  ", true), "when");
        rejects(() -> work.triggerEvent(""), "flag");
        rejectsNull(() -> work.triggerEvent(null), "flag");
        rejects(() -> work.awaitEvent(" "), "flag");
    }

    @Test
    void aBlankNameIsShownEscapedInTheMessage() {
        assertThatThrownBy(() -> work.triggerEvent("\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flag must not be blank, but was '\\r\\n'");
    }

    @Test
    void eventsAndNamedJobs() {
        rejectsNull(() -> Job.named(null, job), "name");
        rejectsNull(() -> Event.of(null, new Object[0], 0), "name");
        rejectsNull(() -> new Event("e", null, 0), "args");
        rejects(() -> Event.of(" ", new Object[0], 0), "name");
    }

    @Test
    void negativeTaskIds() {
        rejects(() -> work.doNow(job, null, -1), "taskId");
        rejects(() -> work.cancel(-1), "taskId");
        rejects(() -> work.status(-3), "taskId");
        rejects(() -> work.send(new Object[0], -2), "taskId");
        rejects(() -> work.setRepeat(10, -1), "taskId");
        rejects(() -> work.awaitEvent("e", -1), "taskId");
    }

    @Test
    void virtualTime() {
        rejects(() -> work.advanceBy(-1), "millis");
        rejects(() -> new ManualTicker().advance(-1), "millis");
        rejectsNull(() -> new ManualTicker().advance((Duration) null), "amount");
        rejectsNull(() -> work.addObserver(null), "observer");
    }

    @Test
    void badArgumentsLeaveNoTaskBehind() {
        rejects(() -> work.repeat(noop, 0), "every");
        org.assertj.core.api.Assertions.assertThat(work.taskCount()).isZero();
    }
}
