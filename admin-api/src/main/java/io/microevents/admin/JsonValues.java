package io.microevents.admin;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns task params into values any JSON mapper writes: JSON-native values pass through,
 * collections, maps and arrays are converted element by element, anything else becomes its
 * {@code toString()}. Params are whatever the application scheduled, so the admin never lets
 * one of them break a response.
 */
final class JsonValues {

    private static final int MAX_DEPTH = 16;

    private JsonValues() {
    }

    static List<Object> of(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(of(v, 0));
        }
        return out;
    }

    private static Object of(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof byte[]) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            return value.toString();
        }
        if (depth >= MAX_DEPTH) {
            return String.valueOf(value);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object v : c) {
                out.add(of(v, depth + 1));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), of(v, depth + 1)));
            return out;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(of(Array.get(value, i), depth + 1));
            }
            return out;
        }
        return String.valueOf(value);
    }
}
