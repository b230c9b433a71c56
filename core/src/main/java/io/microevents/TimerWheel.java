package io.microevents;

import java.util.Arrays;

/**
 * The queued timers in (due, sequence) order: a timing wheel for deadlines within about a second,
 * in front of a {@link TimerHeap} for the rest, as Netty's {@code HashedWheelTimer} and Kafka's
 * purgatory do. A timer due within {@value #BUCKETS} buckets of about a millisecond
 * ({@code 2^}{@value #SHIFT} ns) is appended to its bucket, in O(1) and with no cache miss; when
 * the wheel's cursor reaches a bucket, that bucket is sorted once, in the cache, and handed out
 * in order. A million timers then cost a million appends and a thousand small sorts instead of a
 * million sifts through a 16 MB heap, each missing the cache on its lower levels.
 *
 * <p>Order is exact, not rounded to buckets: the next timer is the earlier of the open bucket's
 * head and the heap's head by (due, sequence), so a timer may sit in either part. A timer for a
 * bucket the cursor has passed, or is on, goes to the heap. Sequences must be added in increasing
 * order (the run queue's counter), so a bucket, filled in that order, needs only a sort by due
 * that keeps ties in place. Due times compare by subtraction (they may wrap around, as
 * {@link System#nanoTime()} does). Not thread-safe: {@link Work} guards it with its lock.
 *
 * @param <T> the item type
 */
final class TimerWheel<T> {

    /** A bucket spans 2^20 ns, about 1.05 ms. */
    static final int SHIFT = 20;
    /** Buckets on the wheel: deadlines up to about 1.07 s ahead use it. */
    static final int BUCKETS = 1024;
    private static final int MASK = BUCKETS - 1;

    private final TimerHeap<T> far = new TimerHeap<>();

    /** Per bucket: due and sequence side by side, items, count; made on first use. */
    private long[][] keys;
    private Object[][] items;
    private int[] counts;
    /** Timers in the buckets that are not open yet. */
    private int waiting;

    /** The open bucket, sorted: positions {@code pos} (its head) to {@code end}. */
    private long[] openKeys = new long[0];
    private Object[] openItems = new Object[0];
    private int pos;
    private int end;
    /** Scratch for sorting a bucket: (offset in bucket &lt;&lt; 32 | index). */
    private long[] order = new long[0];

    /** The clock reading bucket numbers count from; set by the first {@link #add}. */
    private long origin;
    private boolean started;
    /** The bucket number of the open bucket (or of the last one opened). */
    private long cursor;

    int size() {
        return far.size() + waiting + (end - pos);
    }

    /**
     * Adds a timer.
     *
     * @param now the clock reading at the call: when the wheel is empty, it turns to now
     */
    void add(long due, long seq, T item, long now) {
        if (!started) {
            started = true;
            origin = now;
            keys = new long[BUCKETS][];
            items = new Object[BUCKETS][];
            counts = new int[BUCKETS];
        }
        if (waiting == 0 && pos == end) {
            cursor = bucketOf(now) - 1;
        }
        long bucket = bucketOf(due);
        if (bucket - cursor <= 0 || bucket - cursor >= BUCKETS) {
            far.add(due, seq, item);
            return;
        }
        int b = (int) (bucket & MASK);
        int n = counts[b];
        long[] k = keys[b];
        if (k == null || 2 * n == k.length) {
            int capacity = Math.max(8, 2 * n);
            keys[b] = k = k == null ? new long[2 * capacity] : Arrays.copyOf(k, 2 * capacity);
            items[b] = items[b] == null ? new Object[capacity] : Arrays.copyOf(items[b], capacity);
        }
        k[2 * n] = due;
        k[2 * n + 1] = seq;
        items[b][n] = item;
        counts[b] = n + 1;
        waiting++;
    }

    private long bucketOf(long time) {
        return (time - origin) >> SHIFT;
    }

    /** The first item by (due, sequence), or null when empty. */
    T peek() {
        return fromOpen() ? openItem() : far.peek();
    }

    /** The sequence of the first item; the queue is not empty. */
    long peekSeq() {
        return fromOpen() ? openKeys[2 * pos + 1] : far.seqAt(0);
    }

    /** Removes and returns the first item, or null when empty. */
    T poll() {
        if (fromOpen()) {
            T item = openItem();
            openItems[pos++] = null;
            return item;
        }
        return far.poll();
    }

    /** Whether the first item is the open bucket's head (else the heap's, or none). */
    private boolean fromOpen() {
        if (pos == end && !open()) {
            return false;
        }
        if (far.isEmpty()) {
            return true;
        }
        long d = openKeys[2 * pos] - far.dueAt(0);
        return d < 0 || d == 0 && openKeys[2 * pos + 1] < far.seqAt(0);
    }

    @SuppressWarnings("unchecked")
    private T openItem() {
        return (T) openItems[pos];
    }

    /** Opens the next bucket that holds timers; false when none does. */
    private boolean open() {
        while (waiting > 0) {
            cursor++;
            int b = (int) (cursor & MASK);
            int n = counts[b];
            if (n > 0) {
                load(b, n);
                return true;
            }
        }
        return false;
    }

    /** Sorts bucket {@code b} by due, ties in sequence order (the order they were added in). */
    private void load(int b, int n) {
        long[] k = keys[b];
        Object[] it = items[b];
        if (order.length < n) {
            order = new long[Math.max(n, 2 * order.length)];
            openKeys = new long[2 * order.length];
            openItems = new Object[order.length];
        }
        long base = origin + (cursor << SHIFT);
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            long offset = k[2 * i] - base;
            order[i] = offset << 32 | i;
            sorted &= i == 0 || order[i] > order[i - 1];
        }
        if (!sorted) {
            Arrays.sort(order, 0, n);
        }
        for (int i = 0; i < n; i++) {
            int from = (int) order[i];
            openKeys[2 * i] = k[2 * from];
            openKeys[2 * i + 1] = k[2 * from + 1];
            openItems[i] = it[from];
            it[from] = null;
        }
        pos = 0;
        end = n;
        counts[b] = 0;
        waiting -= n;
        if (k.length > 64 && n < k.length / 8) {
            // a bucket that was once large gives its arrays back
            keys[b] = null;
            items[b] = null;
        }
    }

    /** Visits every entry, in no particular order. */
    void forEach(TimerHeap.EntryFilter<? super T> visitor) {
        far.forEach(visitor);
        for (int i = pos; i < end; i++) {
            visitor.test(cast(openItems[i]), openKeys[2 * i + 1]);
        }
        for (int b = 0; waiting > 0 && b < BUCKETS; b++) {
            for (int i = 0; i < counts[b]; i++) {
                visitor.test(cast(items[b][i]), keys[b][2 * i + 1]);
            }
        }
    }

    /**
     * Removes every entry that {@code dead} accepts, given its item and sequence, keeping the
     * order of the rest.
     */
    void removeIf(TimerHeap.EntryFilter<? super T> dead) {
        far.removeIf(dead);
        int kept = pos;
        for (int i = pos; i < end; i++) {
            Object item = openItems[i];
            if (!dead.test(cast(item), openKeys[2 * i + 1])) {
                openKeys[2 * kept] = openKeys[2 * i];
                openKeys[2 * kept + 1] = openKeys[2 * i + 1];
                openItems[kept++] = item;
            }
        }
        Arrays.fill(openItems, kept, end, null);
        end = kept;
        for (int b = 0; waiting > 0 && b < BUCKETS; b++) {
            int n = counts[b];
            long[] k = keys[b];
            Object[] it = items[b];
            int left = 0;
            for (int i = 0; i < n; i++) {
                if (!dead.test(cast(it[i]), k[2 * i + 1])) {
                    k[2 * left] = k[2 * i];
                    k[2 * left + 1] = k[2 * i + 1];
                    it[left++] = it[i];
                }
            }
            if (n > 0) {
                Arrays.fill(it, left, n, null);
            }
            counts[b] = left;
            waiting -= n - left;
        }
    }

    void clear() {
        far.clear();
        Arrays.fill(openItems, pos, end, null);
        pos = 0;
        end = 0;
        for (int b = 0; waiting > 0 && b < BUCKETS; b++) {
            if (counts[b] > 0) {
                Arrays.fill(items[b], 0, counts[b], null);
                waiting -= counts[b];
                counts[b] = 0;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
