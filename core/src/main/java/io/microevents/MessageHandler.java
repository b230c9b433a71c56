package io.microevents;

/**
 * Receives one message from {@link Ring#get(MessageHandler)} or {@link Ring#drain(MessageHandler)}
 * without a copy into a new array: the zero-allocation read path.
 *
 * <p>The payload is the slice {@code buffer[offset, offset + length)}. Rules:
 * <ul>
 *   <li>The slice is valid only during the call. {@code buffer} is the ring's own storage (or,
 *       for a payload that wraps around the end of the storage, a scratch array the ring reuses),
 *       so do not keep a reference to it and do not write into it. Copy what you need to keep.</li>
 *   <li>The call happens while the ring is locked: keep it short, since producers wait for it.</li>
 *   <li>Do not call a method of the same ring that changes it ({@code put}, {@code offer},
 *       {@code get}, {@code pull}, {@code drain}, {@code clear}): such a call throws
 *       {@link IllegalStateException}. Queries ({@code used()}, {@code list()}, ...) are allowed;
 *       the message being handled has already been removed when the handler runs.</li>
 *   <li>If the handler throws, the exception reaches the caller of {@code get}/{@code drain} and
 *       the message stays removed (a message that makes the handler fail cannot block the ring).</li>
 * </ul>
 *
 * <pre>{@code
 * ring.drain((id, buffer, offset, length) ->
 *         out.write(buffer, offset, length));
 * }</pre>
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message.
     *
     * @param id     the message id, 1..65535
     * @param buffer the array that holds the payload; read only, valid only during this call
     * @param offset index of the first payload byte in {@code buffer}
     * @param length payload length in bytes, 0..65535
     */
    void onMessage(int id, byte[] buffer, int offset, int length);
}
