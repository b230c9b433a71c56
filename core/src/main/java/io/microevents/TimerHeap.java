package io.microevents;

import java.util.Arrays;

/**
 * A 4-ary min-heap ordered by (due, sequence) whose keys are stored inline, side by side in one
 * {@code long[]} beside the items: sifting compares array elements and never follows a reference,
 * and the keys of a node's four children share 64 bytes, so a heap of a million timers does not
 * miss the cache on every comparison as a {@code PriorityQueue} of objects does. The heap moves
 * only primitives: an item is stored once, in a slot of {@code items} named by an {@code int}
 * handle, and the heap orders handles; so sifting a million timers stores no references (under
 * G1 every reference stored into a large old array is a card to dirty and refine). Due times compare by subtraction (they may wrap around, as
 * {@link System#nanoTime()} does); equal due times by sequence. Not thread-safe: {@link Work}
 * guards it with its lock.
 *
 * @param <T> the item type
 */
final class TimerHeap<T> {

    private static final int INITIAL_CAPACITY = 16;

    /** keys[2i] is the due time of the entry at position i, keys[2i + 1] its sequence. */
    private long[] keys = new long[2 * INITIAL_CAPACITY];
    /**
     * handles[i] for i &lt; size: the handle (index into {@link #items}) of the entry at
     * position i; from size on: the free handles. Always a permutation of 0..capacity-1.
     */
    private int[] handles = new int[INITIAL_CAPACITY];
    /** The items by handle; null for a free handle. */
    private Object[] items = new Object[INITIAL_CAPACITY];
    private int size;

    TimerHeap() {
        for (int i = 0; i < INITIAL_CAPACITY; i++) {
            handles[i] = i;
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The item at position {@code i} (0 ≤ i < size), for a scan in no particular order. */
    @SuppressWarnings("unchecked")
    T get(int i) {
        return (T) items[handles[i]];
    }

    /** The sequence of the item at position {@code i} (0 ≤ i < size); position 0 is the first. */
    long seqAt(int i) {
        return keys[2 * i + 1];
    }

    /** The due time of the item at position {@code i} (0 ≤ i < size); position 0 is the first. */
    long dueAt(int i) {
        return keys[2 * i];
    }

    /** Visits every entry (an item with the sequence it was added with), in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(EntryFilter<? super T> visitor) {
        for (int i = 0; i < size; i++) {
            visitor.test((T) items[handles[i]], keys[2 * i + 1]);
        }
    }

    /** The first item, or null when empty. */
    @SuppressWarnings("unchecked")
    T peek() {
        return size == 0 ? null : (T) items[handles[0]];
    }

    void add(long due, long seq, T item) {
        if (size == handles.length) {
            grow();
        }
        int handle = handles[size];
        items[handle] = item;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(due, seq, keys[2 * parent], keys[2 * parent + 1])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, due, seq, handle);
    }

    private void grow() {
        int old = handles.length;
        int capacity = old * 2;
        keys = Arrays.copyOf(keys, 2 * capacity);
        items = Arrays.copyOf(items, capacity);
        handles = Arrays.copyOf(handles, capacity);
        for (int h = old; h < capacity; h++) {
            handles[h] = h;
        }
    }

    /** Removes and returns the first item, or null when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) {
            return null;
        }
        int firstHandle = handles[0];
        T first = (T) items[firstHandle];
        items[firstHandle] = null;
        int last = --size;
        if (last > 0) {
            siftDown(0, keys[2 * last], keys[2 * last + 1], handles[last]);
        }
        handles[last] = firstHandle;
        return first;
    }

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
            if (!dead.test((T) items[handles[i]], keys[2 * i + 1])) {
                if (kept != i) {
                    swap(i, kept);
                }
                kept++;
            }
        }
        int removed = size - kept;
        for (int i = kept; i < size; i++) {
            items[handles[i]] = null;
        }
        size = kept;
        for (int i = (size - 2) >>> 2; size > 1 && i >= 0; i--) {
            siftDown(i, keys[2 * i], keys[2 * i + 1], handles[i]);
        }
        return removed;
    }

    /** Puts the entry (due, seq, handle) at the hole {@code start} or below it, among the first {@code size}. */
    private void siftDown(int start, long due, long seq, int handle) {
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
        set(i, due, seq, handle);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            items[handles[i]] = null;
        }
        size = 0;
    }

    private static boolean before(long due, long seq, long otherDue, long otherSeq) {
        long d = due - otherDue;
        return d < 0 || d == 0 && seq < otherSeq;
    }

    private void move(int from, int to) {
        keys[2 * to] = keys[2 * from];
        keys[2 * to + 1] = keys[2 * from + 1];
        handles[to] = handles[from];
    }

    private void swap(int a, int b) {
        long due = keys[2 * a];
        long seq = keys[2 * a + 1];
        int handle = handles[a];
        move(b, a);
        set(b, due, seq, handle);
    }

    private void set(int i, long due, long seq, int handle) {
        keys[2 * i] = due;
        keys[2 * i + 1] = seq;
        handles[i] = handle;
    }
}
