package io.microevents;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message of a {@link Ring}: an id and its payload bytes, the manual's {@code (msg_id, msg_bytes)}.
 *
 * <p>Id {@code 0} means "no message": {@link Ring#get()} and {@link Ring#pull(int)} return
 * {@link #NONE} (id 0, no bytes) when there is nothing to return, like the manual's {@code (0, b'')}.
 *
 * <pre>{@code
 * Message m = ring.get();
 * if (!m.isNone()) {
 *     System.out.println("Message " + m.id() + ": " + m.text());
 * }
 * }</pre>
 *
 * <p>Unlike a plain record with an array component, {@link #equals(Object)}, {@link #hashCode()}
 * and {@link #toString()} use the <em>contents</em> of {@code bytes}: two messages with the same
 * id and equal bytes are equal.
 *
 * <p>The record holds the array it is given, without a copy (so that {@link Ring#get()} allocates
 * only the payload array). The arrays that a {@link Ring} hands out belong to the caller; a caller
 * that changes an array after putting it in a {@code Message} changes the message too.
 *
 * @param id    message id, 0..65535; 0 only for "no message"
 * @param bytes the payload, never {@code null}, possibly empty
 */
public record Message(int id, byte[] bytes) {

    /** Largest message id (the id is stored in 2 bytes). */
    public static final int MAX_ID = 0xFFFF;

    /** "No message": id 0 and no bytes, what {@code get()} and {@code pull()} return for nothing. */
    public static final Message NONE = new Message(0, new byte[0]);

    /** Longest payload {@link #toString()} shows before it cuts the rest. */
    private static final int SHOWN_BYTES = 32;

    /**
     * Makes a message.
     *
     * @param id    message id, 0..65535
     * @param bytes the payload, not copied
     * @throws IllegalArgumentException if {@code id} is outside 0..65535
     * @throws NullPointerException     if {@code bytes} is {@code null}
     */
    public Message {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("id must be in 0..65535, was " + id);
        }
        Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * Makes a message whose payload is {@code text} encoded as UTF-8.
     *
     * @param id   message id, 0..65535
     * @param text the payload text
     * @return the message
     * @throws NullPointerException if {@code text} is {@code null}
     */
    public static Message of(int id, String text) {
        return new Message(id, Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tells whether this is "no message" (id 0), as returned by {@code get()} on an empty ring or
     * by {@code pull()} for an id that is not there.
     *
     * @return {@code true} if the id is 0
     */
    public boolean isNone() {
        return id == 0;
    }

    /**
     * Returns the payload length in bytes.
     *
     * @return {@code bytes().length}
     */
    public int length() {
        return bytes.length;
    }

    /**
     * Decodes the payload as UTF-8, the manual's {@code msg.decode()}.
     *
     * @return the payload as text
     */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Compares id and payload contents.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code Message} with the same id and equal bytes
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Message other && id == other.id && Arrays.equals(bytes, other.bytes);
    }

    /**
     * Hashes id and payload contents, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(bytes);
    }

    /**
     * Shows the id and the payload compactly: as quoted text if every byte is printable ASCII,
     * else as hex; payloads longer than 32 bytes are cut and their length is added.
     * Examples: {@code Message[id=1, bytes="Hello"]}, {@code Message[id=2, bytes=0x010203]},
     * {@code Message[id=0, bytes=""]}.
     *
     * @return the text form
     */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, SHOWN_BYTES);
        StringBuilder sb = new StringBuilder(24 + 2 * shown).append("Message[id=").append(id).append(", bytes=");
        if (isPrintable(bytes)) {
            sb.append('"');
            for (int i = 0; i < shown; i++) {
                char c = (char) bytes[i];
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
        } else {
            sb.append("0x");
            for (int i = 0; i < shown; i++) {
                sb.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
            }
        }
        if (bytes.length > shown) {
            sb.append("... (").append(bytes.length).append(" bytes)");
        }
        return sb.append(']').toString();
    }

    private static boolean isPrintable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
