package io.microevents.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.microevents.serial.PortConnection;
import io.microevents.serial.PortConnector;
import io.microevents.serial.SerialPortConfig;

/**
 * A rig on the serial bridge's connector seam ({@code mem:} paths): lines the test sends arrive
 * at the port as if the rig printed them; lines the bridge writes are kept for the test.
 */
final class MemoryRig implements PortConnector {

    private final BlockingQueue<byte[]> toPort = new LinkedBlockingQueue<>();
    final BlockingQueue<String> written = new LinkedBlockingQueue<>();
    volatile boolean open;

    @Override
    public boolean supports(String path) {
        return path.startsWith("mem:");
    }

    /** The rig prints a line. */
    void print(String line) {
        toPort.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public PortConnection open(SerialPortConfig config) {
        open = true;
        return new PortConnection() {
            @Override
            public int read(byte[] buffer) throws IOException {
                try {
                    byte[] next = toPort.poll(100, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        return 0;
                    }
                    System.arraycopy(next, 0, buffer, 0, next.length);
                    return next.length;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }

            @Override
            public int write(byte[] bytes, int offset, int length) {
                written.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
                return length;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    @Override
    public String toString() {
        return "memory rig";
    }
}
