package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RetainedSize}: an estimate that errs high, in bounded time. */
class RetainedSizeTest {

    @Test
    void nothingCostsNothing() {
        assertThat(RetainedSize.of(null)).isZero();
        assertThat(RetainedSize.ofArgs(null)).isZero();
    }

    @Test
    void stringsAndByteArraysCountAtLeastTheirContent() {
        assertThat(RetainedSize.of("x".repeat(60_000))).isGreaterThanOrEqualTo(60_000);
        assertThat(RetainedSize.of(new byte[60_000])).isGreaterThanOrEqualTo(60_000);
        assertThat(RetainedSize.of(new long[1000])).isGreaterThanOrEqualTo(8000);
        assertThat(RetainedSize.of(new StringBuilder("y".repeat(1000)))).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void nestedArraysListsAndMapsCountTheirElements() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of("z".repeat(100), i, Map.of("k", new Object[] {"w".repeat(50)})));
        }
        assertThat(RetainedSize.ofArgs(new Object[] {rows})).isGreaterThanOrEqualTo(1000L * 150);
    }

    @Test
    void aHugeCollectionIsSampledNotWalked() {
        List<String> huge = Collections.nCopies(50_000_000, "abcdefghij");
        assertThat(RetainedSize.of(huge)).isGreaterThanOrEqualTo(50_000_000L * 10);
    }

    @Test
    void deepNestingAndSelfReferenceEnd() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThat(RetainedSize.of(self)).isPositive();
        Object deep = "leaf";
        for (int i = 0; i < 10_000; i++) {
            deep = new Object[] {deep};
        }
        assertThat(RetainedSize.of(deep)).isPositive();
    }
}
