package io.microevents.serial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.microevents.Checks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON line format: one object per line, {@code {"event":"temp","args":[23.5]}}. {@code args}
 * is optional; its elements arrive as Java values (numbers as {@code Integer}/{@code Long}/
 * {@code Double}, strings, booleans, {@code null}, nested objects as {@code Map} and arrays as
 * {@code List}). An object without {@code event} holds no event; anything that is not such an
 * object is malformed. Outbound events are written in the same shape. Needs Jackson 3
 * ({@code tools.jackson.databind}); thread-safe.
 */
public final class JsonLineParser implements LineParser {

    private final ObjectMapper mapper;

    /** A parser on Jackson's shared default mapper. */
    public JsonLineParser() {
        this(JsonMapper.shared());
    }

    /**
     * A parser on a mapper of your own (the Spring Boot auto-configuration passes Boot's).
     *
     * @param mapper the mapper
     * @throws NullPointerException if {@code mapper} is null
     */
    public JsonLineParser(ObjectMapper mapper) {
        Checks.notNull(mapper, "mapper");
        this.mapper = mapper;
    }

    @Override
    public Optional<LineEvent> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        JsonNode root = mapper.readTree(line);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode event = root.get("event");
        if (event == null || event.isNull()) {
            return Optional.empty();
        }
        if (!event.isString()) {
            throw new IllegalArgumentException("'event' must be a string, but was " + event);
        }
        if (event.stringValue().isBlank()) {
            return Optional.empty();
        }
        JsonNode args = root.get("args");
        List<Object> values = new ArrayList<>();
        if (args != null && !args.isNull()) {
            if (!args.isArray()) {
                throw new IllegalArgumentException("'args' must be an array, but was " + args);
            }
            for (JsonNode arg : args.values()) {
                values.add(mapper.treeToValue(arg, Object.class));
            }
        }
        return Optional.of(new LineEvent(event.stringValue(), values));
    }

    @Override
    public String format(String event, List<?> args) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("args", args);
        return mapper.writeValueAsString(line);
    }

    @Override
    public String toString() {
        return "json";
    }
}
