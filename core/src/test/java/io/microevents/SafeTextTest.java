package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void shortValuesAreKeptAsTheyAre() {
        assertThat(SafeText.of("sensor 21.5")).isEqualTo("sensor 21.5");
        assertThat(SafeText.of(42)).isEqualTo("42");
        assertThat(SafeText.of(null)).isEqualTo("null");
    }

    @Test
    void aLineBreakCannotForgeALogLine() {
        String forged = SafeText.of("x\n06:49:59.000 ERROR Fake forged line\r\u2028");
        assertThat(forged).doesNotContain("\n", "\r", "\u2028")
                .isEqualTo("x\\n06:49:59.000 ERROR Fake forged line\\r\\u2028");
    }

    @Test
    void aLongTextIsCutAndItsLengthStated() {
        String text = "a".repeat(60_000);
        assertThat(SafeText.of(text, 10)).isEqualTo("aaaaaaaaaa… (60000 chars in all)");
    }

    @Test
    void hugeArraysAreRenderedOnlyUpToTheLimit() {
        Object[] args = new Object[100_000];
        java.util.Arrays.fill(args, "v");
        String s = SafeText.of(args, 20);
        assertThat(s).startsWith("[\"v\", \"v\", \"v\", \"v\"").contains("more chars)").hasSizeLessThan(60);
        assertThat(SafeText.of(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(SafeText.of(List.of("a\nb"))).isEqualTo("[\"a\\nb\"]");
        assertThat(SafeText.of(Map.of("k", 1))).isEqualTo("{\"k\"=1}");
    }

    @Test
    void theLimitMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> SafeText.of("x", 0))
                .withMessageContaining("maxChars");
    }
}
