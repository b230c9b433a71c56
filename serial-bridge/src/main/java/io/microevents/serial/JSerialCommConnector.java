package io.microevents.serial;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/**
 * The default {@link PortConnector}: serial ports through jSerialComm. Takes any path
 * ({@code /dev/ttyACM0}, {@code /dev/serial/by-id/...}, {@code COM3}, a pseudo-terminal).
 *
 * <p>Each {@link #open} asks jSerialComm for a fresh handle ({@code SerialPort.getCommPort}, so a
 * by-id link is resolved again), sets the port's framing and flow control, and reads with
 * {@code TIMEOUT_READ_SEMI_BLOCKING} and a {@value #READ_TIMEOUT_MS} ms timeout. Because
 * {@code isOpen()} keeps saying true after an unplug, a read that times out also checks that the
 * path still leads to the device that was opened, and reports the connection lost when the node
 * is gone or a link now points elsewhere.
 */
public final class JSerialCommConnector implements PortConnector {

    /** The shared instance. */
    public static final JSerialCommConnector INSTANCE = new JSerialCommConnector();

    /** How long a read waits for a first byte; bounds how late the reader notices a stop. */
    static final int READ_TIMEOUT_MS = 100;
    /** How long a write may block (flow control, a full output buffer) before it counts as failed. */
    static final int WRITE_TIMEOUT_MS = 2000;

    private JSerialCommConnector() {
    }

    /**
     * Takes every path: this is the connector of last resort.
     *
     * @param path the port's path
     * @return true
     */
    @Override
    public boolean supports(String path) {
        return true;
    }

    @Override
    public PortConnection open(SerialPortConfig config) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(config.path());
            port.setComPortParameters(config.baud(), config.dataBits(), config.stopBits().code(),
                    config.parity().code());
            port.setFlowControl(config.flowControl().code());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
            if (!port.openPort()) {
                throw new IOException(describeOpenFailure(config.path(), port.getLastErrorCode()));
            }
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(absent(config.path()) ? "not present" : e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IOException("jSerialComm's native library did not load (" + e
                    + "); see java.io.tmpdir and jSerialComm.library.path", e);
        }
        return new Connection(port, config.path(), realPath(config.path()));
    }

    @Override
    public String toString() {
        return "jSerialComm";
    }

    private static Path realPath(String path) {
        try {
            return Path.of(path).toRealPath();
        } catch (IOException | InvalidPathException | SecurityException e) {
            return null;
        }
    }

    /** Whether the path names a file system node (Unix device paths) that does not exist. */
    private static boolean absent(String path) {
        return path.startsWith("/") && realPath(path) == null;
    }

    private static String describeOpenFailure(String path, int errno) {
        if (absent(path)) {
            return "not present";
        }
        if (errno == 13) {
            return "permission denied (error code 13; on Linux, add the user to the 'dialout' group)";
        }
        return "error code " + errno + " (in use by another program?)";
    }

    /** An open jSerialComm port. */
    private static final class Connection implements PortConnection {
        private final SerialPort port;
        private final String path;
        private final Path device;

        Connection(SerialPort port, String path, Path device) {
            this.port = port;
            this.path = path;
            this.device = device;
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            int count = port.readBytes(buffer, buffer.length);
            if (count < 0) {
                throw new IOException("read failed (error code " + port.getLastErrorCode() + ")");
            }
            if (count == 0) {
                String moved = deviceChanged();
                if (moved != null) {
                    throw new IOException(moved);
                }
            }
            return count;
        }

        /**
         * Whether the configured path still leads to the device that was opened: after an unplug
         * the node vanishes (and {@code isOpen()} still says true), after a replug a by-id link may
         * point to another node.
         */
        private String deviceChanged() {
            if (device == null) {
                return null;
            }
            Path now = realPath(path);
            if (now == null) {
                return path + " is gone";
            }
            if (!now.equals(device)) {
                return path + " now leads to " + now + " instead of " + device;
            }
            return null;
        }

        @Override
        public int write(byte[] bytes, int offset, int length) throws IOException {
            int written = port.writeBytes(bytes, length, offset);
            if (written < 0) {
                throw new IOException("error code " + port.getLastErrorCode());
            }
            return written;
        }

        @Override
        public void close() {
            port.closePort();
        }
    }
}
