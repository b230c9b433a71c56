package io.microevents;

import java.util.Objects;

/**
 * Argument checks shared by every microevents module, by the JDK's rule: a {@code null} argument throws
 * {@link NullPointerException} whose message is the argument's name (as
 * {@link Objects#requireNonNull(Object, String)}); a bad value throws
 * {@link IllegalArgumentException} whose message names the argument and the value.
 */
public final class Checks {

    static final Object[] NO_ARGS = new Object[0];

    private Checks() {
    }

    /**
     * Returns {@code value}, which must not be null.
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     * @param <T>   its type
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /**
     * Returns {@code value}, which must hold a character other than whitespace.
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if it is empty or only whitespace
     */
    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, but was '" + SafeText.of(value) + "'");
        }
        return value;
    }

    /**
     * Returns {@code value}, which must not be negative.
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}, which must be above zero.
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value <= 0}
     */
    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
        return value;
    }

    /** A copy of {@code params} that the caller cannot change; null and empty give {@link #NO_ARGS}. */
    static Object[] copyOf(Object[] params) {
        return params == null || params.length == 0 ? NO_ARGS : params.clone();
    }
}
