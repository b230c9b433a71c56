package io.microevents;

/** Argument checks shared by the core classes: each message names the argument. */
final class Checks {

    private Checks() {
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank, but was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
        }
        return value;
    }

    static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
        return value;
    }

    static Object[] copyOf(Object[] params) {
        return params == null || params.length == 0 ? NO_ARGS : params.clone();
    }

    static final Object[] NO_ARGS = new Object[0];
}
