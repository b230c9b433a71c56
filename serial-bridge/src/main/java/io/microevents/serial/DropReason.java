package io.microevents.serial;

/** Why an inbound line was counted and skipped instead of becoming an event. */
public enum DropReason {
    /** Longer than the port's {@code max-line-length} before a delimiter came. */
    TOO_LONG,
    /** Not valid in the port's charset (for UTF-8: malformed byte sequences). */
    INVALID_ENCODING,
    /** Contains control characters other than tab: binary noise, not a text line. */
    BINARY,
    /** Blank, or the parser found no event name in it. */
    NO_EVENT,
    /** The parser rejected it (for JSON: not a JSON object, bad syntax, bad {@code args}). */
    MALFORMED,
    /**
     * Handling it failed for a reason that is not the line's: the parser or the trigger threw an
     * {@code Error} (an {@code OutOfMemoryError}, say). The port and its reader carry on.
     */
    FAILED
}
