package io.microevents.serial;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The default line format: the first whitespace-separated token is the event name, the following
 * tokens are its arguments, as strings ({@code temp 23.5} triggers {@code temp} with
 * {@code "23.5"}; an {@code @On("temp")} method taking a {@code double} receives 23.5). A blank
 * line holds no event. Stateless and thread-safe.
 */
public final class TextLineParser implements LineParser {

    /** The shared instance. */
    public static final TextLineParser INSTANCE = new TextLineParser();

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextLineParser() {
    }

    @Override
    public Optional<LineEvent> parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        String[] tokens = WHITESPACE.split(trimmed);
        List<Object> args = Arrays.asList((Object[]) tokens).subList(1, tokens.length);
        return Optional.of(new LineEvent(tokens[0], args));
    }

    @Override
    public String toString() {
        return "text";
    }
}
