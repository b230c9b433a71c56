package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary endpoint. */
class SummaryApiTest extends AdminHttpTestSupport {

    @Test
    void countsTasksPendingRunsEventsAndRings() {
        work.repeat(() -> { }, 1000, 1000);
        work.at(() -> { }, 500);
        work.on(() -> { }, "door");

        viewer.get().uri(BASE + "/summary").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.taskCount").isEqualTo(3)
                .jsonPath("$.pendingCount").isEqualTo(2)
                .jsonPath("$.maxTasks").isEqualTo(256)
                .jsonPath("$.running").isEqualTo(false)
                .jsonPath("$.waitingEvents").isEqualTo(1)
                .jsonPath("$.rings").isEqualTo(2)
                .jsonPath("$.startedAt").isNotEmpty();
    }

    @Test
    void latenessIsHowLateTheLastRunStarted() {
        work.at(() -> { }, 100);
        time.advance(250);
        work.runDue();

        viewer.get().uri(BASE + "/summary").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.lateness.lastMillis").isEqualTo(150.0)
                .jsonPath("$.lateness.maxMillis").value(Double.class, max -> assertThat(max).isGreaterThanOrEqualTo(150.0))
                .jsonPath("$.lateness.runs").value(Integer.class, runs -> assertThat(runs).isPositive());
    }

    @Test
    void uptimeFollowsTheSchedulersClock() {
        long before = uptime();
        work.advanceBy(5000);
        assertThat(uptime()).isEqualTo(before + 5000);
    }

    private long uptime() {
        return viewer.get().uri(BASE + "/summary").exchange()
                .expectStatus().isOk()
                .expectBody(SummaryView.class).returnResult().getResponseBody().uptimeMillis();
    }
}
