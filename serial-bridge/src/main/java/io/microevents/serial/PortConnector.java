package io.microevents.serial;

import java.io.IOException;

/**
 * Opens the device behind a port's path: the seam between a {@link SerialBridge} port (its reader
 * and writer threads, line assembler, parser, counters, forwarding and reconnect backoff) and the
 * transport that carries the bytes. The built-in {@link JSerialCommConnector} opens serial ports
 * and takes any path; a connector of your own can claim some paths (a simulated rig on
 * {@code sim:...}, a TCP bridge on {@code tcp://...}) and feed the same pipeline.
 *
 * <p>A bridge picks one connector per port when it is built: the first one added to its
 * {@link SerialBridge.Builder#connector builder} whose {@link #supports} is true for the port's
 * path, else the jSerialComm one. With Spring Boot, every {@code PortConnector} bean is added, in
 * bean order. The connector's {@code toString()} names it in the log line when a port opens.
 *
 * <pre>{@code
 * SerialBridge bridge = SerialBridge.builder(work)
 *         .connector(new SimulatedRig())                                   // claims "sim:" paths
 *         .port(SerialPortConfig.builder("rig", "sim:lab-rig").build())   // opened by SimulatedRig
 *         .port(SerialPortConfig.builder("scope", "/dev/ttyUSB0").build()) // opened by jSerialComm
 *         .build();
 * }</pre>
 */
public interface PortConnector {

    /**
     * Whether this connector opens ports on the given path.
     *
     * @param path the port's configured path
     * @return true to take the port
     */
    boolean supports(String path);

    /**
     * Opens a connection to the port's device. Called on the port's reader thread when the bridge
     * starts and again, after its backoff, every time the connection was lost or could not be
     * opened; each call should look the device up afresh.
     *
     * @param config the port's settings (path, framing, delimiter, charset)
     * @return the open connection
     * @throws IOException when the device cannot be opened now; the message (for example
     *         "not present") goes to the port's {@code lastError}, and the bridge retries
     */
    PortConnection open(SerialPortConfig config) throws IOException;
}
