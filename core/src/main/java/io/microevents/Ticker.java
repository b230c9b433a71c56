package io.microevents;

/**
 * The monotonic time source of a {@link Work}: nanoseconds that only move forward and may wrap
 * around (compare them by subtraction, as with {@link System#nanoTime()}).
 *
 * <p>Inject a {@link ManualTicker} to run a scheduler on virtual time in tests.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * The current reading.
     *
     * @return nanoseconds on an arbitrary, possibly wrapping, origin
     */
    long nanoTime();

    /**
     * The system's monotonic clock, {@link System#nanoTime()}.
     *
     * @return a ticker on the system clock
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
