package io.microevents.serial;

import java.io.IOException;

/**
 * An open connection to a port's device, made by a {@link PortConnector}. The bridge reads it on
 * the port's reader thread and writes it on the port's writer thread, at the same time; it closes
 * it on the reader thread, never during a write. After {@link #close()} it is not used again: a
 * reconnect opens a new connection.
 */
public interface PortConnection extends AutoCloseable {

    /**
     * Reads the bytes that have arrived, waiting a short time (about 100 ms, no more than a
     * second) for the first one: the reader thread checks for a stop between two reads.
     *
     * @param buffer where to put them, from index 0
     * @return how many bytes were read; 0 when none arrived in time; -1 when the connection has
     *         ended (the bridge counts a disconnect and reopens it)
     * @throws IOException when the connection failed or the device is gone; the message says why
     *         (it is logged and kept as the port's {@code lastError}), and the bridge reopens it
     */
    int read(byte[] buffer) throws IOException;

    /**
     * Writes bytes: one whole line with its delimiter per call.
     *
     * @param bytes the bytes
     * @param offset the first byte to write
     * @param length how many bytes to write
     * @return how many bytes were written; fewer than {@code length} when the device did not take
     *         them in time (the line counts as dropped, the connection stays open)
     * @throws IOException when the connection failed; the bridge closes and reopens it
     */
    int write(byte[] bytes, int offset, int length) throws IOException;

    /** Closes the connection; does not throw. */
    @Override
    void close();
}
