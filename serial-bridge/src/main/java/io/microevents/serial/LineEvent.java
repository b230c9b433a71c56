package io.microevents.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.microevents.Checks;

/**
 * An event read from a line: its name and its arguments (the pkg handed to
 * {@link io.microevents.Work#triggerEvent}).
 *
 * @param name the event name, without the port's prefix; never blank
 * @param args the arguments in order; unmodifiable, may hold nulls
 */
public record LineEvent(String name, List<Object> args) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException if {@code name} or {@code args} is null
     * @throws IllegalArgumentException if {@code name} is blank
     *
     * @param name the event name, without the port's prefix; never blank
     * @param args the arguments in order; unmodifiable, may hold nulls
     */
    public LineEvent {
        Checks.notBlank(name, "name");
        args = Collections.unmodifiableList(new ArrayList<>(Checks.notNull(args, "args")));
    }

    /**
     * An event with these arguments.
     *
     * @param name the event name
     * @param args its arguments
     * @return the event
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static LineEvent of(String name, Object... args) {
        return new LineEvent(name, args == null ? List.of() : Arrays.asList(args));
    }
}
