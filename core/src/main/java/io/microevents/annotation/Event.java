package io.microevents.annotation;

import io.microevents.SafeText;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One trigger of an event as an {@link On} method sees it when it takes a single {@code Event}
 * parameter instead of positional ones.
 *
 * <pre>{@code
 * @On("serial.line")
 * void onLine(Event event) {
 *     log.info("{} with {} at {} ms", event.name(), event.args(), event.time());
 * }
 * }</pre>
 *
 * @param name the event name (the flag given to {@code triggerEvent})
 * @param args the trigger's pkg (unmodifiable, may hold nulls; empty when the trigger carried none)
 * @param time when the handler's run started, in milliseconds on the scheduler's clock
 *     ({@code Work.nowMillis()}): monotonic, so only differences between two times mean anything
 */
public record Event(String name, List<Object> args, long time) {

    /**
     * Checks and copies the components.
     *
     * @param name the event name
     * @param args the trigger's pkg (copied)
     * @param time when the run started, in milliseconds on the scheduler's clock
     * @throws NullPointerException if {@code name} or {@code args} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Event {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, but was '" + SafeText.of(name) + "'");
        }
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    /**
     * An event from the values a job receives.
     *
     * @param name the event name
     * @param args the values (null: none)
     * @param time the time in milliseconds on the scheduler's clock
     * @return the event
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Event of(String name, Object[] args, long time) {
        return new Event(name, args == null ? List.of() : Arrays.asList(args), time);
    }

    /**
     * One value of the pkg.
     *
     * @param index its position, from 0
     * @return the value (may be null)
     * @throws IndexOutOfBoundsException if the trigger carried no value at {@code index}
     */
    public Object arg(int index) {
        Objects.checkIndex(index, args.size());
        return args.get(index);
    }
}
