package io.microevents.dashboard;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The points of one chart: a fixed ring of (time, value) pairs written by one thread (the
 * scheduler's loop, which runs the chart's listener) and read by the dashboard's publisher without
 * a lock. The writer never waits: it stores the pair, then publishes the new count; a reader copies
 * what it wants and then drops every pair the writer may have overwritten meanwhile.
 */
final class ChartSeries {

    private final String name;
    private final String event;
    private final int arg;
    private final long[] times;
    private final double[] values;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    ChartSeries(String name, String event, int arg, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        this.event = Objects.requireNonNull(event, "event");
        if (arg < 0) {
            throw new IllegalArgumentException("arg must be >= 0, but was " + arg);
        }
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, but was " + capacity);
        }
        this.arg = arg;
        this.times = new long[capacity];
        this.values = new double[capacity];
    }

    String name() {
        return name;
    }

    String event() {
        return event;
    }

    /** Triggers whose argument was missing or not a number. */
    long skipped() {
        return skipped.get();
    }

    /** How many points were ever recorded: the index the next point gets. */
    long written() {
        return written.get();
    }

    /**
     * Records the chosen argument of a trigger. Only one thread may call this (the loop thread).
     *
     * @param timeMillis when, on the scheduler's clock
     * @param args the trigger's arguments
     */
    void record(long timeMillis, Object[] args) {
        double value = numberAt(args);
        if (Double.isNaN(value)) {
            skipped.incrementAndGet();
            return;
        }
        long n = written.get();
        int slot = (int) (n % times.length);
        times[slot] = timeMillis;
        values[slot] = value;
        written.set(n + 1);   // publishes the pair to readers
    }

    /**
     * Copies the points with an index at or after {@code from} and a time at or after
     * {@code notBefore}.
     *
     * @param from the first point index wanted
     * @param notBefore the oldest time wanted, on the scheduler's clock
     * @return the points, oldest first, and the index after the last one
     */
    Points since(long from, long notBefore) {
        long end = written.get();
        long start = Math.max(from, end - times.length);
        if (start >= end) {
            return new Points(new long[0], new double[0], end);
        }
        int count = (int) (end - start);
        long[] t = new long[count];
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            int slot = (int) ((start + i) % times.length);
            t[i] = times[slot];
            v[i] = values[slot];
        }
        // The writer may have lapped the oldest copied slots meanwhile (it may be writing index
        // written() right now, over index written() - capacity): drop those.
        long lapped = Math.max(0, written.get() - times.length - start + 1);
        int first = (int) Math.min(count, lapped);
        while (first < count && t[first] < notBefore) {
            first++;
        }
        if (first == 0) {
            return new Points(t, v, end);
        }
        return new Points(java.util.Arrays.copyOfRange(t, first, count), java.util.Arrays.copyOfRange(v, first, count),
                end);
    }

    private double numberAt(Object[] args) {
        if (args == null || args.length <= arg) {
            return Double.NaN;
        }
        Object a = args[arg];
        if (a instanceof Number number) {
            return number.doubleValue();
        }
        if (a instanceof CharSequence text && text.length() <= 64) {
            try {
                double d = Double.parseDouble(text.toString().strip());
                return Double.isFinite(d) ? d : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Points copied out of a series; {@code next} is the index to ask for next time. */
    record Points(long[] times, double[] values, long next) {
    }
}
