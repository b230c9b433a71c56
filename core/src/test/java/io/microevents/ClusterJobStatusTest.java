package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@link ClusterJob}'s report shows in {@link TaskStatus#cluster()}; other tasks have none. */
class ClusterJobStatusTest {

    private final Work work = Work.builder().ticker(new ManualTicker()).build();

    @Test
    void theStatusOfAClusterJobCarriesWhatItsSlotsDid() {
        ClusterSlots[] report = {new ClusterSlots("Rig.report", ClusterSlots.Outcome.NONE, 0, 0, 0)};
        ClusterJob job = new ClusterJob() {
            @Override
            public void run(Object... args) {
                report[0] = new ClusterSlots("Rig.report", ClusterSlots.Outcome.HELD_ELSEWHERE, 0, 1, 0);
            }

            @Override
            public ClusterSlots clusterSlots() {
                return report[0];
            }

            @Override
            public String toString() {
                return "Rig.report";
            }
        };
        int id = work.repeat(job, 0, 1000);
        int plain = work.repeat(() -> { }, 1000);

        assertThat(work.status(id).orElseThrow().cluster().lastSlot()).isEqualTo(ClusterSlots.Outcome.NONE);
        work.runDue();

        TaskStatus status = work.status(id).orElseThrow();
        assertThat(status.job()).isEqualTo("Rig.report");
        assertThat(status.cluster()).isEqualTo(new ClusterSlots("Rig.report", ClusterSlots.Outcome.HELD_ELSEWHERE, 0, 1, 0));
        assertThat(work.status(plain).orElseThrow().cluster()).isNull();
    }

    @Test
    void theOldConstructorLeavesClusterNull() {
        TaskStatus status = new TaskStatus(1, "job", List.of(), TaskKind.REPEAT, null, 1000, 0, TaskState.SCHEDULED,
                0, 0, null, 0, 0);
        assertThat(status.cluster()).isNull();
    }

    @Test
    void clusterSlotsCheckTheirComponents() {
        assertThatThrownBy(() -> new ClusterSlots(" ", ClusterSlots.Outcome.NONE, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockName");
        assertThatThrownBy(() -> new ClusterSlots("x", null, 0, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("lastSlot");
        assertThatThrownBy(() -> new ClusterSlots("x", ClusterSlots.Outcome.NONE, 0, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heldElsewhere");
    }
}
