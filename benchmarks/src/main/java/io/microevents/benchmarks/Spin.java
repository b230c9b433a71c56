package io.microevents.benchmarks;

import java.util.function.BooleanSupplier;

/** Busy-waiting for another thread, with a bound so a broken benchmark fails instead of hanging. */
final class Spin {

    private static final long LIMIT_NANOS = 30_000_000_000L;

    private Spin() {
    }

    /**
     * Spins until {@code condition} holds.
     *
     * @param condition what to wait for; read again on every spin
     * @throws IllegalStateException if it still does not hold after 30 s
     */
    static void until(BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return;
        }
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            Thread.onSpinWait();
            if (System.nanoTime() - start > LIMIT_NANOS) {
                throw new IllegalStateException("the other thread did not answer within 30 s");
            }
        }
    }
}
