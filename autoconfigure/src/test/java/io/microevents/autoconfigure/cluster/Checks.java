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
     * @param periodMillis the period
     */
    static void oncePerSlot(List<ClusterApp.Run> runs, long periodMillis) {
        List<ClusterApp.Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(ClusterApp.Run::nanos));
        assertThat(sorted).hasSizeGreaterThan(3);
        long spanMillis = (sorted.get(sorted.size() - 1).nanos() - sorted.get(0).nanos()) / 1_000_000;
        long slots = spanMillis / periodMillis + 1;
        assertThat((long) sorted.size()).as("runs in %d slots: %s", slots, sorted).isBetween(slots - 2, slots + 1);
        for (int i = 1; i < sorted.size(); i++) {
            long gapMillis = (sorted.get(i).nanos() - sorted.get(i - 1).nanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before run %d of %s", i, sorted).isGreaterThanOrEqualTo(periodMillis / 2);
        }
    }
}
