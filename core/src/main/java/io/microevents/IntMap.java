package io.microevents;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A set of values looked up by a positive {@code int} key that each value carries (a task by its
 * id). Ids are ours to allocate, one after another, so the table is indexed by the key itself: a
 * value sits at {@code key & mask} of one array, and a lookup is one array read and the value it
 * returns anyway, with no hashing and no probing. Only a key whose place is taken by a live value
 * with another key (a task that outlived {@code capacity} younger ids, or an id a caller asked
 * for) goes to a small hashed map beside it ({@link Overflow}). Not thread-safe: {@link Work}
 * guards its task table with its lock.
 *
 * @param <V> the value type
 */
final class IntMap<V> {

    private static final int MIN_CAPACITY = 16;

    private final ToIntFunction<V> keyOf;
    /** Values at {@code key & mask}; null marks an empty place. */
    private Object[] direct = new Object[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    /** Values whose place in {@link #direct} was taken when they came. */
    private final Overflow<V> overflow;
    private int size;

    /**
     * @param keyOf the key of a value: positive, and fixed for as long as the value is in the map
     */
    IntMap(ToIntFunction<V> keyOf) {
        this.keyOf = keyOf;
        this.overflow = new Overflow<>(keyOf);
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
        V v = at(key & mask);
        if (v != null && keyOf.applyAsInt(v) == key) {
            return v;
        }
        return overflow.size == 0 ? null : overflow.get(key);
    }

    /** Adds a value, or replaces the one with the same key. */
    void put(V value) {
        int key = keyOf.applyAsInt(value);
        if (key <= 0) {
            throw new IllegalArgumentException("key must be > 0, but was " + key);
        }
        if (overflow.size > 0 && overflow.get(key) != null) {
            overflow.put(value);
            return;
        }
        int i = key & mask;
        V v = at(i);
        if (v != null && keyOf.applyAsInt(v) == key) {
            direct[i] = value;
            return;
        }
        if (size + 1 > direct.length - (direct.length >>> 2)) {
            resize(direct.length * 2);
            i = key & mask;
            v = at(i);
        }
        if (v == null) {
            direct[i] = value;
        } else {
            overflow.put(value);
        }
        size++;
    }

    /** Removes the value with a key. */
    V remove(int key) {
        int i = key & mask;
        V v = at(i);
        if (v != null && keyOf.applyAsInt(v) == key) {
            direct[i] = null;
            size--;
            return v;
        }
        V old = overflow.size == 0 ? null : overflow.remove(key);
        if (old != null) {
            size--;
        }
        return old;
    }

    /** A snapshot of the values, in no particular order. */
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (Object o : direct) {
            if (o != null) {
                out.add(cast(o));
            }
        }
        overflow.addValuesTo(out);
        return out;
    }

    private V at(int i) {
        return cast(direct[i]);
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object o) {
        return (V) o;
    }

    /** Doubles the array and places every value again, the overflow's first where they fit. */
    private void resize(int capacity) {
        List<V> spilled = new ArrayList<>(overflow.size);
        overflow.addValuesTo(spilled);
        overflow.clear();
        Object[] old = direct;
        direct = new Object[capacity];
        mask = capacity - 1;
        for (Object o : old) {
            if (o != null) {
                place(cast(o));
            }
        }
        for (V v : spilled) {
            place(v);
        }
    }

    private void place(V value) {
        int i = keyOf.applyAsInt(value) & mask;
        if (direct[i] == null) {
            direct[i] = value;
        } else {
            overflow.put(value);
        }
    }

    /**
     * The values whose place was taken: open addressing with linear probing on a hashed key, one
     * array of values, no boxed keys or entry objects. Holds few values in the common case.
     */
    private static final class Overflow<V> {
        private final ToIntFunction<V> keyOf;
        private Object[] slots = new Object[MIN_CAPACITY];
        private int mask = MIN_CAPACITY - 1;
        int size;

        Overflow(ToIntFunction<V> keyOf) {
            this.keyOf = keyOf;
        }

        V get(int key) {
            for (int i = slot(key); ; i = (i + 1) & mask) {
                V v = cast(slots[i]);
                if (v == null || keyOf.applyAsInt(v) == key) {
                    return v;
                }
            }
        }

        void put(V value) {
            if (2 * (size + 1) > slots.length) {
                rehash(slots.length * 2);
            }
            int key = keyOf.applyAsInt(value);
            int i = slot(key);
            for (V v = cast(slots[i]); v != null; v = cast(slots[i])) {
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
                old = cast(slots[i]);
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
                int home = slot(keyOf.applyAsInt(cast(slots[j])));
                if (((j - home) & mask) >= ((j - gap) & mask)) {
                    slots[gap] = slots[j];
                    gap = j;
                }
            }
            slots[gap] = null;
            return old;
        }

        void addValuesTo(List<V> out) {
            if (size == 0) {
                return;
            }
            for (Object o : slots) {
                if (o != null) {
                    out.add(cast(o));
                }
            }
        }

        void clear() {
            if (size > 0 || slots.length > MIN_CAPACITY) {
                slots = new Object[MIN_CAPACITY];
                mask = MIN_CAPACITY - 1;
                size = 0;
            }
        }

        private int slot(int key) {
            int h = key * 0x9E3779B9;
            return (h ^ (h >>> 16)) & mask;
        }

        private void rehash(int capacity) {
            Object[] old = slots;
            slots = new Object[capacity];
            mask = capacity - 1;
            size = 0;
            for (Object o : old) {
                if (o != null) {
                    put(cast(o));
                }
            }
        }
    }
}
