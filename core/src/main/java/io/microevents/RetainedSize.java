package io.microevents;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A cheap estimate of the heap bytes a value keeps alive, for the bounds on queued triggers: what
 * an event argument costs while it waits for its run.
 *
 * <p>The estimate errs high, assuming a 64-bit JVM: strings at two bytes a character, references
 * at eight bytes. It takes bounded time whatever the value: it looks at no more than
 * {@value #SAMPLE} elements of an array, a collection or a map, and scales their average up to the
 * full size; it stops {@value #MAX_DEPTH} levels deep. An object it does not know (a record, a
 * bean) counts as {@value #UNKNOWN_OBJECT} bytes: the arguments that come from outside (JSON from
 * the admin, lines from a serial port) are strings, numbers, booleans, lists and maps.
 */
public final class RetainedSize {

    /** How many elements of one array, collection or map are looked at. */
    static final int SAMPLE = 64;

    /** How deep nested arrays, collections and maps are followed. */
    static final int MAX_DEPTH = 6;

    /** The bytes counted for an object of a type the estimate does not know. */
    static final int UNKNOWN_OBJECT = 64;

    /** The largest estimate: far beyond any heap, and small enough that sums of 64 cannot overflow. */
    private static final long CAP = 1L << 50;

    private static final int HEADER = 16;
    private static final int REFERENCE = 8;
    private static final int ARRAY_HEADER = 24;

    private RetainedSize() {
    }

    /**
     * Estimates the bytes {@code value} keeps alive.
     *
     * @param value any value, or null (0 bytes)
     * @return the estimate, at least 0
     */
    public static long of(Object value) {
        return estimate(value, 0);
    }

    /**
     * Estimates the bytes an argument array keeps alive: the array and its elements.
     *
     * @param args the arguments, or null (0 bytes)
     * @return the estimate, at least 0
     */
    public static long ofArgs(Object[] args) {
        return args == null ? 0 : estimate(args, 0);
    }

    private static long estimate(Object value, int depth) {
        return Math.min(CAP, estimateUncapped(value, depth));
    }

    private static long estimateUncapped(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return HEADER + 24 + 2L * s.length();
        }
        if (value instanceof CharSequence s) {
            return HEADER + 24 + 2L * s.length();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof Enum<?>) {
            return 24;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return array(value, type.getComponentType(), depth);
        }
        if (value instanceof Collection<?> c) {
            return collection(c, depth);
        }
        if (value instanceof Map<?, ?> m) {
            return map(m, depth);
        }
        return UNKNOWN_OBJECT;
    }

    private static long array(Object array, Class<?> component, int depth) {
        if (component.isPrimitive()) {
            int n = java.lang.reflect.Array.getLength(array);
            long width = component == long.class || component == double.class ? 8
                    : component == int.class || component == float.class ? 4
                    : component == short.class || component == char.class ? 2 : 1;
            return ARRAY_HEADER + width * n;
        }
        Object[] elements = (Object[]) array;
        long shell = ARRAY_HEADER + (long) REFERENCE * elements.length;
        if (depth >= MAX_DEPTH) {
            return shell + (long) UNKNOWN_OBJECT * elements.length;
        }
        int n = elements.length;
        int looked = Math.min(n, SAMPLE);
        long sum = 0;
        for (int i = 0; i < looked; i++) {
            sum += estimate(elements[i], depth + 1);
        }
        return shell + scale(sum, looked, n);
    }

    private static long collection(Collection<?> c, int depth) {
        int n = c.size();
        // a list's backing array, or a node per element for linked and hashed collections
        long shell = 48 + 32L * n;
        if (depth >= MAX_DEPTH) {
            return shell + (long) UNKNOWN_OBJECT * n;
        }
        long sum = 0;
        int looked = 0;
        Iterator<?> it = c.iterator();
        while (looked < SAMPLE && it.hasNext()) {
            sum += estimate(it.next(), depth + 1);
            looked++;
        }
        return shell + scale(sum, looked, n);
    }

    private static long map(Map<?, ?> m, int depth) {
        int n = m.size();
        long shell = 64 + 48L * n;
        if (depth >= MAX_DEPTH) {
            return shell + 2L * UNKNOWN_OBJECT * n;
        }
        long sum = 0;
        int looked = 0;
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (looked < SAMPLE && it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            sum += estimate(e.getKey(), depth + 1) + estimate(e.getValue(), depth + 1);
            looked++;
        }
        return shell + scale(sum, looked, n);
    }

    /** The sum over {@code looked} elements scaled up to {@code n}, saturating instead of overflowing. */
    private static long scale(long sum, int looked, int n) {
        if (looked == 0 || looked == n) {
            return sum;
        }
        double scaled = (double) sum / looked * n;
        return scaled >= CAP ? CAP : (long) Math.ceil(scaled);
    }
}
