package io.microevents;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A set of values looked up by a positive {@code int} key that each value carries (a task by its
 * id), by open addressing with linear probing: one array of values, no boxed keys, no entry
 * objects, so a lookup allocates nothing and a hit reads the value it returns anyway. Not
 * thread-safe: {@link Work} guards its task table with its lock.
 *
 * @param <V> the value type
 */
final class IntMap<V> {

    private static final int MIN_CAPACITY = 16;

    private final ToIntFunction<V> keyOf;
    /** null marks an empty slot. */
    private Object[] slots = new Object[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    /**
     * @param keyOf the key of a value: positive, and fixed for as long as the value is in the map
     */
    IntMap(ToIntFunction<V> keyOf) {
        this.keyOf = keyOf;
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

    V get(int key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            V v = at(i);
            if (v == null || keyOf.applyAsInt(v) == key) {
                return v;
            }
        }
    }

    /** Adds a value, or replaces the one with the same key. */
    void put(V value) {
        int key = keyOf.applyAsInt(value);
        if (key <= 0) {
            throw new IllegalArgumentException("key must be > 0, but was " + key);
        }
        if (2 * (size + 1) > slots.length) {
            resize(slots.length * 2);
        }
        int i = slot(key);
        for (V v = at(i); v != null; v = at(i)) {
            if (keyOf.applyAsInt(v) == key) {
                slots[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
    }

    /** Removes the value with a key; closes the gap by moving later entries of its probe run back. */
    V remove(int key) {
        int i = slot(key);
        V old;
        while (true) {
            old = at(i);
            if (old == null) {
                return null;
            }
            if (keyOf.applyAsInt(old) == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        size--;
        int gap = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slot(keyOf.applyAsInt(at(j)));
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slots[j];
                gap = j;
            }
        }
        slots[gap] = null;
        return old;
    }

    /** A snapshot of the values, in no particular order. */
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < slots.length; i++) {
            V v = at(i);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private V at(int i) {
        return (V) slots[i];
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void resize(int capacity) {
        Object[] old = slots;
        slots = new Object[capacity];
        mask = capacity - 1;
        for (Object o : old) {
            if (o != null) {
                @SuppressWarnings("unchecked")
                V v = (V) o;
                int j = slot(keyOf.applyAsInt(v));
                while (slots[j] != null) {
                    j = (j + 1) & mask;
                }
                slots[j] = v;
            }
        }
    }
}
