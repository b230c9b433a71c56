package io.microevents.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: connections in memory for paths with a prefix; each opened connection is handed to
 * the test ({@link #next()}). Shared with the Spring module's tests through this module's test-jar.
 */
public final class MemoryConnector implements PortConnector {

    /** How long {@link #next()} and a gated write wait. */
    public static final Duration ARRIVAL = Duration.ofSeconds(10);

    private final String prefix;
    /** How many times {@link #open} was called. */
    public final AtomicInteger opened = new AtomicInteger();
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    /** When set, the next open fails with this message (once). */
    public volatile String failNextOpen;
    /** When set, every open fails with this message. */
    public volatile String refuseOpen;

    /**
     * A connector for the paths that start with {@code prefix}.
     *
     * @param prefix the paths' prefix, such as {@code mem:}
     */
    public MemoryConnector(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean supports(String path) {
        return path.startsWith(prefix);
    }

    /**
     * The next connection opened, waiting up to {@link #ARRIVAL} for it.
     *
     * @return the connection
     * @throws InterruptedException if interrupted while waiting
     */
    public Connection next() throws InterruptedException {
        Connection connection = connections.poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (connection == null) {
            throw new AssertionError("no connection opened within " + ARRIVAL);
        }
        return connection;
    }

    @Override
    public PortConnection open(SerialPortConfig config) throws IOException {
        opened.incrementAndGet();
        String failure = failNextOpen;
        if (failure != null) {
            failNextOpen = null;
            throw new IOException(failure);
        }
        String refusal = refuseOpen;
        if (refusal != null) {
            throw new IOException(refusal);
        }
        Connection connection = new Connection();
        connections.add(connection);
        return connection;
    }

    /** Bytes the test hands in come out of read; what the bridge writes is kept, line by line. */
    public static final class Connection implements PortConnection {
        private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
        /** What the bridge wrote, one entry per write. */
        public final BlockingQueue<String> written = new LinkedBlockingQueue<>();
        private volatile String failure;
        private volatile Error readError;
        /** When set, the next write throws it (once). */
        public volatile Error writeError;
        /** When set, writes wait for it to open: the device stops taking bytes. */
        public volatile CountDownLatch writeGate;
        /** Opens when a write reaches the gate. */
        public final CountDownLatch atGate = new CountDownLatch(1);
        /** Whether the bridge closed this connection. */
        public volatile boolean closed;

        /**
         * Hands bytes to the bridge, as if the device sent them.
         *
         * @param text the bytes, as UTF-8
         */
        public void receive(String text) {
            inbound.add(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Makes every further read fail with an {@code IOException}.
         *
         * @param why its message
         */
        public void fail(String why) {
            failure = why;
        }

        /**
         * Makes every further read throw {@code error}.
         *
         * @param error what reads throw
         */
        public void fail(Error error) {
            readError = error;
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            Error error = readError;
            if (error != null) {
                throw error;
            }
            byte[] bytes;
            try {
                bytes = inbound.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (bytes == null) {
                return 0;
            }
            System.arraycopy(bytes, 0, buffer, 0, bytes.length);
            return bytes.length;
        }

        @Override
        public int write(byte[] bytes, int offset, int length) {
            Error error = writeError;
            if (error != null) {
                writeError = null;
                throw error;
            }
            CountDownLatch gate = writeGate;
            if (gate != null) {
                atGate.countDown();
                try {
                    gate.await(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            written.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            return length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
