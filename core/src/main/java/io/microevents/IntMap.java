package io.microevents;

import java.util.ArrayList;
import java.util.List;

/**
 * A map from positive {@code int} keys to non-null values, by open addressing with linear probing:
 * two arrays, no boxed keys and no entry objects, so a lookup allocates nothing. Not thread-safe:
 * {@link Work} guards its task table with its lock.
 *
 * @param <V> the value type
 */
final class IntMap<V> {

    private static final int MIN_CAPACITY = 16;

    /** 0 marks an empty slot (keys are positive). */
    private int[] keys;
    private Object[] values;
    private int mask;
    private int size;

    IntMap() {
        keys = new int[MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        mask = MIN_CAPACITY - 1;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean containsKey(int key) {
        return get(key) != null;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /** Adds or replaces the value of a positive key. */
    void put(int key, V value) {
        if (key <= 0) {
            throw new IllegalArgumentException("key must be > 0, but was " + key);
        }
        if (2 * (size + 1) > keys.length) {
            resize(keys.length * 2);
        }
        int i = slot(key);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    /** Removes a key; closes the gap by moving later entries of its probe run back (no tombstones). */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        int i = slot(key);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return null;
            }
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        size--;
        int gap = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        values[gap] = null;
        return old;
    }

    /** A snapshot of the values, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                out.add((V) values[i]);
            }
        }
        return out;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            int k = oldKeys[i];
            if (k != 0) {
                int j = slot(k);
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                values[j] = oldValues[i];
            }
        }
    }
}
