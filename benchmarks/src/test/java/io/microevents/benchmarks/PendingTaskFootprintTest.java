package io.microevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The footprint method measures retained heap: the floor's known entry size comes out right. */
class PendingTaskFootprintTest {

    @Test
    void measuresRetainedBytesPerPendingTask() {
        List<PendingTaskFootprint.Result> results = PendingTaskFootprint.measureAll(20_000);

        assertThat(results).extracting(PendingTaskFootprint.Result::name)
                .containsExactly("Work.at", "ScheduledThreadPoolExecutor.schedule",
                        "floor: PriorityQueue<(due, seq, job)>");
        assertThat(results).allSatisfy(r -> assertThat(r.tasks()).isEqualTo(20_000));
        // a floor entry is one 32-byte object (header, two longs, a reference) plus its array slot
        PendingTaskFootprint.Result floor = results.get(2);
        assertThat(floor.bytesPerTask()).isBetween(32.0, 64.0);
        assertThat(results).allSatisfy(r -> assertThat(r.bytesPerTask()).isGreaterThanOrEqualTo(floor.bytesPerTask()));
    }
}
