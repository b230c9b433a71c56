package io.microevents;

import java.util.Arrays;

/**
 * A 4-ary min-heap ordered by (due, sequence) whose keys are stored inline, side by side in one
 * {@code long[]} beside the items: sifting compares array elements and never follows a reference,
 * and the keys of a node's four children share 64 bytes, so a heap of a million timers does not
 * miss the cache on every comparison as a {@code PriorityQueue} of objects does. Due times compare by subtraction (they may wrap around, as
 * {@link System#nanoTime()} does); equal due times by sequence. Not thread-safe: {@link Work}
 * guards it with its lock.
 *
 * @param <T> the item type
 */
final class TimerHeap<T> {

    private static final int INITIAL_CAPACITY = 16;

    /** keys[2i] is the due time of item i, keys[2i + 1] its sequence. */
    private long[] keys = new long[2 * INITIAL_CAPACITY];
    private Object[] items = new Object[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The item at position {@code i} (0 ≤ i < size), for a scan in no particular order. */
    @SuppressWarnings("unchecked")
    T get(int i) {
        return (T) items[i];
    }

    /** The sequence of the item at position {@code i} (0 ≤ i < size); position 0 is the first. */
    long seqAt(int i) {
        return keys[2 * i + 1];
    }

    /** The first item, or null when empty. */
    @SuppressWarnings("unchecked")
    T peek() {
        return (T) items[0];
    }

    void add(long due, long seq, T item) {
        if (size == items.length) {
            int capacity = size * 2;
            keys = Arrays.copyOf(keys, 2 * capacity);
            items = Arrays.copyOf(items, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(due, seq, keys[2 * parent], keys[2 * parent + 1])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, due, seq, item);
    }

    /** Removes and returns the first item, or null when empty. */
    T poll() {
        if (size == 0) {
            return null;
        }
        T first = peek();
        int last = --size;
        long due = keys[2 * last];
        long seq = keys[2 * last + 1];
        Object item = items[last];
        items[last] = null;
        if (last > 0) {
            int i = 0;
            while (true) {
                int child = 4 * i + 1;
                if (child >= last) {
                    break;
                }
                int best = child;
                int end = Math.min(child + 4, last);
                for (int c = child + 1; c < end; c++) {
                    if (before(keys[2 * c], keys[2 * c + 1], keys[2 * best], keys[2 * best + 1])) {
                        best = c;
                    }
                }
                if (!before(keys[2 * best], keys[2 * best + 1], due, seq)) {
                    break;
                }
                move(best, i);
                i = best;
            }
            set(i, due, seq, item);
        }
        return first;
    }

    /**
     * Removes every item that {@code dead} accepts and restores the heap order, in O(n).
     *
     * @return how many items it removed
     */
    int removeIf(java.util.function.Predicate<? super T> dead) {
        return removeIf((item, seq) -> dead.test(item));
    }

    /** Decides whether an entry (an item with the sequence it was added with) is to go. */
    @FunctionalInterface
    interface EntryFilter<T> {
        /**
         * @param item the item
         * @param seq the sequence it was added with
         * @return true to remove the entry
         */
        boolean test(T item, long seq);
    }

    /**
     * Removes every entry that {@code dead} accepts, given its item and sequence (an item added
     * more than once can tell its entries apart), and restores the heap order, in O(n).
     *
     * @return how many entries it removed
     */
    @SuppressWarnings("unchecked")
    int removeIf(EntryFilter<? super T> dead) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!dead.test((T) items[i], keys[2 * i + 1])) {
                if (kept != i) {
                    move(i, kept);
                }
                kept++;
            }
        }
        int removed = size - kept;
        Arrays.fill(items, kept, size, null);
        size = kept;
        for (int i = (size - 2) >>> 2; size > 1 && i >= 0; i--) {
            siftDown(i);
        }
        return removed;
    }

    private void siftDown(int start) {
        long due = keys[2 * start];
        long seq = keys[2 * start + 1];
        Object item = items[start];
        int i = start;
        while (true) {
            int child = 4 * i + 1;
            if (child >= size) {
                break;
            }
            int best = child;
            int end = Math.min(child + 4, size);
            for (int c = child + 1; c < end; c++) {
                if (before(keys[2 * c], keys[2 * c + 1], keys[2 * best], keys[2 * best + 1])) {
                    best = c;
                }
            }
            if (!before(keys[2 * best], keys[2 * best + 1], due, seq)) {
                break;
            }
            move(best, i);
            i = best;
        }
        set(i, due, seq, item);
    }

    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    private static boolean before(long due, long seq, long otherDue, long otherSeq) {
        long d = due - otherDue;
        return d < 0 || d == 0 && seq < otherSeq;
    }

    private void move(int from, int to) {
        keys[2 * to] = keys[2 * from];
        keys[2 * to + 1] = keys[2 * from + 1];
        items[to] = items[from];
    }

    private void set(int i, long due, long seq, Object item) {
        keys[2 * i] = due;
        keys[2 * i + 1] = seq;
        items[i] = item;
    }
}
