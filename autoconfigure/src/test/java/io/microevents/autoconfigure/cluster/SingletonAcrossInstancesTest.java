package io.microevents.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.microevents.ClusterSlots;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application in one JVM share an H2 database through ShedLock's JDBC
 * provider, on the real clock with a period of 200 ms.
 */
class SingletonAcrossInstancesTest {

    static final long PERIOD_MS = 200;

    private JdbcDataSource dataSource;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private final ClusterApp.Recorder recorder = new ClusterApp.Recorder();

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new JdbcTemplate(dataSource).execute(ClusterApp.DDL);
    }

    @AfterEach
    void close() {
        ClusterApp.closeAll(a, b);
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }

    @Test
    void eachSlotRunsOnOneInstanceAndOrdinaryMethodsRunOnBoth() {
        a = ClusterApp.start("A", dataSource, recorder);
        b = ClusterApp.start("B", dataSource, recorder);

        int periods = 10;
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.everywhereRuns("A") >= periods
                && recorder.everywhereRuns("B") >= periods);

        Checks.oncePerSlot(recorder.singletonRuns(), PERIOD_MS);
        ClusterSlots slotsA = ClusterApp.slots(a, "Report.send");
        ClusterSlots slotsB = ClusterApp.slots(b, "Report.send");
        assertThat(slotsA.lockName()).isEqualTo("Report.send");
        assertThat(slotsA.ranHere() + slotsB.ranHere()).isEqualTo(recorder.singletonRuns().size());
        assertThat(slotsA.heldElsewhere() + slotsB.heldElsewhere()).isPositive();
        assertThat(slotsA.lockFailures() + slotsB.lockFailures()).isZero();
        assertThat(ClusterApp.slots(a, "Report.poll")).isNull();
    }

    @Test
    void whenTheInstanceThatHoldsTheLockClosesTheOtherTakesOverWithinLockAtMostFor() {
        a = ClusterApp.start("A", dataSource, recorder);
        b = ClusterApp.start("B", dataSource, recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.singletonRuns().size() >= 3);

        List<ClusterApp.Run> runs = recorder.singletonRuns();
        String holder = runs.get(runs.size() - 1).instance();
        String other = holder.equals("A") ? "B" : "A";
        if (holder.equals("A")) {
            a.close();
            a = null;
        } else {
            b.close();
            b = null;
        }
        long before = recorder.singletonRunsOf(other);

        // lockAtMostFor is 1 s (ClusterApp); a period on top for the next slot to come
        await().atMost(Duration.ofMillis(1000 + PERIOD_MS + 500))
                .until(() -> recorder.singletonRunsOf(other) > before);
        await().atMost(Duration.ofSeconds(3)).until(() -> recorder.singletonRunsOf(other) >= before + 3);
        ClusterSlots slots = ClusterApp.slots(holder.equals("A") ? b : a, "Report.send");
        assertThat(slots.lastSlot()).isEqualTo(ClusterSlots.Outcome.RAN_HERE);
    }
}
