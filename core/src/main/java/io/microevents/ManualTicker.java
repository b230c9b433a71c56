package io.microevents;

import java.time.Duration;

/**
 * Virtual time: a {@link Ticker} that moves only when told to. Thread-safe.
 *
 * <p>Give it to {@link Work.Builder#ticker} and drive the scheduler deterministically with
 * {@link Work#advanceBy(long)} (move time and run every task at its due moment) or
 * {@link Work#runDue()} (run what is due now). {@link Work#start()} on a manual ticker does not
 * wait for a deadline: it moves the ticker straight to it, so a whole schedule plays out at once.
 * <pre>{@code
 * ManualTicker time = new ManualTicker();
 * Work work = Work.builder().ticker(time).build();
 * work.repeat(() -> beats.incrementAndGet(), 1000);
 * work.advanceBy(10_000);   // runs the heartbeat at 0, 1000, ..., 10000 ms
 * }</pre>
 */
public final class ManualTicker implements Ticker {

    private volatile long nanos;

    /** A ticker that starts at 0. */
    public ManualTicker() {
        this(0L);
    }

    /**
     * A ticker that starts at a given reading, for example close to {@code Long.MAX_VALUE} to test
     * wrap-around.
     *
     * @param startNanos the first reading
     */
    public ManualTicker(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /**
     * Moves time forward.
     *
     * @param millis how far, in milliseconds
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public void advance(long millis) {
        Checks.notNegative(millis, "millis");
        advanceNanos(Math.multiplyExact(millis, 1_000_000L));
    }

    /**
     * Moves time forward.
     *
     * @param amount how far
     * @throws NullPointerException if {@code amount} is null
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public void advance(Duration amount) {
        Checks.notNull(amount, "amount");
        advanceNanos(amount.toNanos());
    }

    /**
     * Moves time forward.
     *
     * @param delta how far, in nanoseconds
     * @throws IllegalArgumentException if {@code delta} is negative
     */
    public synchronized void advanceNanos(long delta) {
        Checks.notNegative(delta, "delta");
        nanos += delta; // wraps like System.nanoTime()
    }

    /** Sets the reading; package-private: only moves forward, used by Work's fast-forward. */
    synchronized void moveTo(long target) {
        if (target - nanos > 0) {
            nanos = target;
        }
    }

    @Override
    public String toString() {
        return "ManualTicker[" + nanos + " ns]";
    }
}
