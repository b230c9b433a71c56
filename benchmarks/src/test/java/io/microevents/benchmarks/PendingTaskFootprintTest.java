package io.microevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The footprint measurement runs and reports one figure per contender. */
class PendingTaskFootprintTest {

    @Test
    void measuresEveryContender() {
        List<PendingTaskFootprint.Result> results = PendingTaskFootprint.measureAll(20_000);

        assertThat(results).extracting(PendingTaskFootprint.Result::name)
                .containsExactly("Work.at", "ScheduledThreadPoolExecutor.schedule",
                        "floor: PriorityQueue<(due, seq, job)>");
        assertThat(results).allSatisfy(r -> assertThat(r.tasks()).isEqualTo(20_000));
    }
}
