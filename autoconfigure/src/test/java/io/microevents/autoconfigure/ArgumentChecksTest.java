package io.microevents.autoconfigure;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.autoconfigure.cluster.SingletonSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDK's rule in the auto-configuration's public classes: a null is an NPE naming it, a bad value an IAE. */
class ArgumentChecksTest {

    private final Work work = new Work();

    @Test
    void aNullArgumentIsANullPointerExceptionNamingIt() {
        assertThatThrownBy(() -> new RingRegistry(null)).isInstanceOf(NullPointerException.class).hasMessage("rings");
        assertThatThrownBy(() -> new RingRegistry(Collections.singletonMap("sensor", (Ring) null)))
                .isInstanceOf(NullPointerException.class).hasMessage("rings[sensor]");
        assertThatThrownBy(() -> new WorkLifecycle(null, false, "loop", Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessage("work");
        assertThatThrownBy(() -> new WorkLifecycle(work, false, "loop", null))
                .isInstanceOf(NullPointerException.class).hasMessage("shutdownTimeout");
        assertThatThrownBy(() -> new WorkMetrics(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("work");
        assertThatThrownBy(() -> new RingMetrics(null)).isInstanceOf(NullPointerException.class).hasMessage("rings");
        assertThatThrownBy(() -> new SingletonSpec(null, null, null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("lockName");
        assertThatThrownBy(() -> new MicroeventsProperties.WorkSettings().setShutdownTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("shutdown-timeout");
        assertThatThrownBy(() -> new MicroeventsProperties.RingSettings().setOverflow(null))
                .isInstanceOf(NullPointerException.class).hasMessage("overflow");
    }

    @Test
    void aBadValueIsAnIllegalArgumentExceptionNamingItAndTheValue() {
        assertThatThrownBy(() -> new WorkLifecycle(work, false, " ", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threadName must not be blank, but was ' '");
        assertThatThrownBy(() -> new WorkMetrics(work, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxEventTags must be >= 0, but was -1");
        assertThatThrownBy(() -> new SingletonSpec(" ", null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockName must not be blank");
        assertThatThrownBy(() -> new SingletonSpec("lock", null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("every must be > 0, but was 0");
        assertThatThrownBy(() -> new MicroeventsProperties.WorkSettings().setThreadName(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thread-name must not be blank");
        assertThatThrownBy(() -> new RingRegistry(Map.of()).find(null).orElseThrow())
                .isInstanceOf(java.util.NoSuchElementException.class);
    }
}
