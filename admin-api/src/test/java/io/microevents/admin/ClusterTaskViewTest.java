package io.microevents.admin;

import io.microevents.ClusterJob;
import io.microevents.ClusterSlots;
import org.junit.jupiter.api.Test;

/** A task that runs once per cluster shows what its slots did; other tasks show no cluster part. */
class ClusterTaskViewTest extends AdminHttpTestSupport {

    @Test
    void aSingletonTaskShowsItsLastSlotAndCounts() {
        ClusterJob job = new ClusterJob() {
            @Override
            public void run(Object... args) {
            }

            @Override
            public ClusterSlots clusterSlots() {
                return new ClusterSlots("Reports.send", ClusterSlots.Outcome.HELD_ELSEWHERE, 3, 5, 1);
            }

            @Override
            public String toString() {
                return "Reports.send";
            }
        };
        int singleton = work.repeat(job, 0, 1000);
        int plain = work.repeat(() -> { }, 1000);

        viewer.get().uri(BASE + "/tasks/{id}", singleton).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.job").isEqualTo("Reports.send")
                .jsonPath("$.cluster.lockName").isEqualTo("Reports.send")
                .jsonPath("$.cluster.lastSlot").isEqualTo("HELD_ELSEWHERE")
                .jsonPath("$.cluster.ranHere").isEqualTo(3)
                .jsonPath("$.cluster.heldElsewhere").isEqualTo(5)
                .jsonPath("$.cluster.lockFailures").isEqualTo(1);
        viewer.get().uri(BASE + "/tasks/{id}", plain).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cluster").doesNotExist();
    }
}
