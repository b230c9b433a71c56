package io.microevents;

import java.nio.BufferOverflowException;

/**
 * Thrown by {@link Ring#put(int, byte[])} when a message does not fit: the port of the
 * MicroPython {@code MemoryError}.
 *
 * <p>It is a {@link BufferOverflowException}, the exception that docs/contract.md (section "Ring")
 * names, so callers may catch either type. {@code BufferOverflowException} has no constructor that takes a message; this
 * subclass carries the numbers instead and builds its {@link #getMessage() message} from them.
 *
 * <p>Use {@link Ring#offer(int, byte[])} to get {@code false} instead of this exception.
 */
public final class RingFullException extends BufferOverflowException {

    private static final long serialVersionUID = 1L;

    /** Bytes the record needed: 4 header bytes plus the payload length. */
    private final int needed;

    /** Bytes that were free when the put was refused. */
    private final int free;

    /** Capacity of the ring, in bytes. */
    private final int capacity;

    /**
     * Makes the exception.
     *
     * @param needed   bytes the record needed (4 header bytes plus the payload length)
     * @param free     bytes that were free in the ring
     * @param capacity capacity of the ring in bytes
     */
    public RingFullException(int needed, int free, int capacity) {
        this.needed = needed;
        this.free = free;
        this.capacity = capacity;
    }

    /**
     * Returns the bytes the refused record needed: 4 header bytes plus its payload length.
     *
     * @return bytes needed
     */
    public int needed() {
        return needed;
    }

    /**
     * Returns the bytes that were free in the ring when the record was refused.
     *
     * @return free bytes at the time of the failure
     */
    public int free() {
        return free;
    }

    /**
     * Returns the capacity of the ring that refused the record.
     *
     * @return capacity in bytes
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns a message with the numbers, for example
     * {@code "ring full: message needs 17 bytes, 3 of 1024 free"}, or, for a message that
     * cannot fit even in an empty ring, {@code "message needs 2004 bytes, more than the ring's
     * capacity of 1024"}.
     *
     * @return the detail message
     */
    @Override
    public String getMessage() {
        if (needed > capacity) {
            return "message needs " + needed + " bytes, more than the ring's capacity of " + capacity;
        }
        return "ring full: message needs " + needed + " bytes, " + free + " of " + capacity + " free";
    }
}
