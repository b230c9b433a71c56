package io.microevents.autoconfigure.cluster;

import java.time.Duration;

import io.microevents.ClusterSlots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share a real PostgreSQL (started by the test from a fresh {@code initdb}) through
 * ShedLock's JDBC provider, with the database's clock ({@code usingDbTime()}).
 */
class SingletonOnPostgresTest {

    static final long PERIOD_MS = 200;

    private static PostgresServer server;
    private static PGSimpleDataSource dataSource;

    private final ClusterApp.Recorder recorder = new ClusterApp.Recorder();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl());
        new JdbcTemplate(dataSource).execute(ClusterApp.DDL);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void close() {
        ClusterApp.closeAll(a, b);
    }

    @Test
    void eachSlotRunsOnOneInstanceAndTheSurvivorTakesOver() {
        a = ClusterApp.start("A", dataSource, recorder, "test.db-time=true");
        b = ClusterApp.start("B", dataSource, recorder, "test.db-time=true");

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.everywhereRuns("A") >= 8
                && recorder.everywhereRuns("B") >= 8);
        Checks.oncePerSlot(recorder.singletonRuns(), PERIOD_MS);
        ClusterSlots slotsA = ClusterApp.slots(a, "Report.send");
        ClusterSlots slotsB = ClusterApp.slots(b, "Report.send");
        assertThat(slotsA.heldElsewhere() + slotsB.heldElsewhere()).isPositive();
        // the first calls (connections, first insert) may outlast a period: those slots are skipped, not fatal
        assertThat(slotsA.lastSlot()).isIn(ClusterSlots.Outcome.RAN_HERE, ClusterSlots.Outcome.HELD_ELSEWHERE);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM shedlock WHERE name = 'Report.send'", Integer.class)).isEqualTo(1);

        a.close();
        a = null;
        long before = recorder.singletonRunsOf("B");
        await().atMost(Duration.ofMillis(1000 + PERIOD_MS + 500)).until(() -> recorder.singletonRunsOf("B") > before);
        await().atMost(Duration.ofSeconds(3)).until(() -> recorder.singletonRunsOf("B") >= before + 3);
    }
}
