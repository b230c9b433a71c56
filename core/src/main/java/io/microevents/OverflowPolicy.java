package io.microevents;

/**
 * What a {@link Ring} does when a message does not fit in its free space.
 *
 * <p>The policy is chosen once, when the ring is made:
 * <pre>{@code
 * Ring strict = new Ring(1024);                             // REJECT
 * Ring recent = new Ring(1024, OverflowPolicy.DROP_OLDEST); // keeps the newest messages
 * }</pre>
 */
public enum OverflowPolicy {

    /**
     * Refuse the new message: {@link Ring#put(int, byte[])} throws a {@link RingFullException}
     * and {@link Ring#offer(int, byte[])} returns {@code false}. The ring is left unchanged.
     * This is the default, and the behaviour of the MicroPython original ({@code MemoryError}).
     */
    REJECT,

    /**
     * Remove the oldest live messages, in FIFO order, until the new message fits, then store it.
     * Each removed live message is counted in {@link Ring#droppedCount()}. A message that could
     * not fit even in an empty ring ({@code 4 + length > capacity}) is still refused as under
     * {@link #REJECT}, and nothing is dropped for it.
     */
    DROP_OLDEST
}
