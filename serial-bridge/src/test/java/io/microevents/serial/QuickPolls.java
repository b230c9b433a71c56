package io.microevents.serial;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test fixture: Awaitility checks a condition at once and then every few milliseconds, instead of
 * its default first wait and interval of 100 ms, which a serial test pays on every one of its
 * many waits for a line or a reconnect. What a test waits for and how long at most are unchanged.
 * Shared with the Spring module's tests through this module's test-jar.
 */
public final class QuickPolls implements BeforeAllCallback {

    /** Between two checks of a condition. */
    public static final Duration INTERVAL = Duration.ofMillis(5);

    /** Created by JUnit ({@code @ExtendWith(QuickPolls.class)}). */
    public QuickPolls() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(INTERVAL);
    }
}
