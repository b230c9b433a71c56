package io.microevents.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * The topics of one node: {@code {prefix}/{node}/status} and {@code {prefix}/{node}/event/{name}},
 * and the checks on the names that go into them.
 *
 * @param prefix the first topic level(s)
 * @param node this node's name
 */
public record MqttTopics(String prefix, String node) {

    /**
     * Checks both names.
     *
     * @param prefix the first topic level(s)
     * @param node this node's name: one topic level
     * @throws IllegalArgumentException if either is not a valid topic part
     */
    public MqttTopics {
        checkTopicPart(prefix, "prefix");
        checkTopicPart(node, "node");
        if (node.indexOf('/') >= 0) {
            throw new IllegalArgumentException("node must be one topic level, without '/', but was '" + node + "'");
        }
    }

    /** @return this node's status topic ({@code online} / {@code offline}, retained) */
    public String status() {
        return prefix + "/" + node + "/status";
    }

    /**
     * @param event the event's name, already checked with {@link #checkEventName}
     * @return the topic this node publishes the event on
     */
    public String event(String event) {
        return prefix + "/" + node + "/event/" + event;
    }

    /**
     * @param event an event name, or {@code null} for every event
     * @return the filter that matches the event from every node
     */
    public String eventFilter(String event) {
        return prefix + "/+/event/" + (event == null ? "#" : event);
    }

    /**
     * Reads an inbound event topic.
     *
     * @param topic the topic of a message
     * @return the origin node and the event name, or null when it is not {@code {prefix}/{node}/event/{name}}
     */
    public String[] parse(String topic) {
        String head = prefix + "/";
        if (!topic.startsWith(head)) {
            return null;
        }
        int slash = topic.indexOf('/', head.length());
        if (slash < 0 || !topic.startsWith("/event/", slash)) {
            return null;
        }
        String origin = topic.substring(head.length(), slash);
        String name = topic.substring(slash + "/event/".length());
        if (origin.isEmpty() || name.isEmpty()) {
            return null;
        }
        return new String[] {origin, name};
    }

    /**
     * Checks that an event name can be a topic level: not blank, no {@code +}, {@code #} or NUL,
     * and not starting with {@code $} (the broker's own topics).
     *
     * @param name the event's name
     * @return the name
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkEventName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("An MQTT event name must not be blank");
        }
        if (name.startsWith("$")) {
            throw new IllegalArgumentException("An MQTT event name must not start with '$' (the broker's own topics): '"
                    + io.microevents.SafeText.of(name) + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#' || c == 0) {
                throw new IllegalArgumentException("An MQTT event name must not contain '+', '#' or NUL (topic wildcards): '"
                        + io.microevents.SafeText.of(name) + "'");
            }
        }
        return name;
    }

    /**
     * Checks a list of event names or {@code *} globs from the settings.
     *
     * @param patterns the names or globs
     * @param key the setting's name, for the message
     * @return the same list, copied
     * @throws IllegalArgumentException naming the setting and the bad entry
     */
    public static List<String> checkPatterns(List<String> patterns, String key) {
        Objects.requireNonNull(patterns, key);
        for (String p : patterns) {
            try {
                checkEventName(p == null ? "" : p.replace("*", "x"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(patterns);
    }

    /**
     * @param patterns event names or {@code *} globs
     * @param name an event name
     * @return whether one of the patterns matches the name
     */
    public static boolean matches(List<String> patterns, String name) {
        for (String p : patterns) {
            if (p.indexOf('*') < 0 ? p.equals(name) : glob(p, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a name matches a pattern in which {@code *} stands for any run of characters,
     * the empty one included; every other character stands for itself.
     */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static void checkTopicPart(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.startsWith("/") || value.endsWith("/")) {
            throw new IllegalArgumentException(what + " must be a non-blank topic part without a leading or trailing '/', but was '"
                    + io.microevents.SafeText.of(value) + "'");
        }
        if (value.indexOf('+') >= 0 || value.indexOf('#') >= 0 || value.indexOf(0) >= 0 || value.startsWith("$")) {
            throw new IllegalArgumentException(what + " must not contain '+', '#' or NUL, nor start with '$', but was '"
                    + io.microevents.SafeText.of(value) + "'");
        }
    }
}
