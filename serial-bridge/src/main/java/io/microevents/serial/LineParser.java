package io.microevents.serial;

import java.util.List;
import java.util.Optional;

/**
 * Turns one inbound line into an event, and formats outbound events as lines: the line format of
 * a port. Built in: {@link TextLineParser} ({@code temp 23.5}, the default) and
 * {@link JsonLineParser} ({@code {"event":"temp","args":[23.5]}}, when Jackson is on the class
 * path). Declare a bean of this type and name it in a port's {@code format} property to plug in
 * any other.
 *
 * <p>A parser is called on the port's reader thread, one line at a time; one instance may serve
 * several ports at once, so it must be thread-safe (stateless is easiest). What it throws is
 * counted as a {@link DropReason#MALFORMED} line and the line is skipped; it never stops the port.
 */
@FunctionalInterface
public interface LineParser {

    /**
     * Reads one line.
     *
     * @param line the line without its delimiter: decoded, with no control characters but tab
     * @return the event, or empty when the line holds none (counted as {@link DropReason#NO_EVENT})
     * @throws RuntimeException when the line is malformed (counted as {@link DropReason#MALFORMED})
     */
    Optional<LineEvent> parse(String line);

    /**
     * Formats an outbound event as a line (without delimiter), for a port's {@code forward} list
     * and {@link SerialBridge#sendEvent}. The default writes the text format: the name and the
     * arguments' {@code String.valueOf}, separated by single spaces.
     *
     * @param event the event name
     * @param args its arguments
     * @return the line
     */
    default String format(String event, List<?> args) {
        StringBuilder line = new StringBuilder(event);
        for (Object arg : args) {
            line.append(' ').append(arg);
        }
        return line.toString();
    }
}
