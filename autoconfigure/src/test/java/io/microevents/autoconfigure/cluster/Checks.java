package io.microevents.autoconfigure.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions about the runs of a singleton method across instances. */
final class Checks {

    private Checks() {
    }

    /**
     * About one run per period in total (not one per instance), and no slot run twice: two runs
     * are never closer than half a period.
     *
     * @param runs the runs on every instance
     * @param periods how many periods passed
     * @param periodMillis the period
     */
    static void oncePerSlot(List<ClusterApp.Run> runs, long periods, long periodMillis) {
        assertThat((long) runs.size()).as("runs in %d periods: %s", periods, runs)
                .isBetween(periods - 3, periods + 1);
        List<ClusterApp.Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(ClusterApp.Run::nanos));
        for (int i = 1; i < sorted.size(); i++) {
            long gapMillis = (sorted.get(i).nanos() - sorted.get(i - 1).nanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before run %d of %s", i, sorted).isGreaterThanOrEqualTo(periodMillis / 2);
        }
    }
}
