package io.microevents.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;

/**
 * An MQTT broker in this JVM (Moquette, MQTT 3.1.1 and 5), bound to 127.0.0.1 only, in memory,
 * with its telemetry off: so that the MQTT bridge works on one machine with nothing installed.
 * Other processes on the same machine reach it at {@link #url()}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The only address the embedded broker binds to. */
    public static final String HOST = "127.0.0.1";

    private final int sessionQueueSize;
    private int port;
    private Server server;

    /**
     * @param port the port; 0 picks a free one (kept across {@link #stop()} and {@link #start()})
     * @param sessionQueueSize most messages queued per client session
     * @throws IllegalArgumentException if the port is not 0 to 65535 or the queue size not positive
     */
    public EmbeddedBroker(int port, int sessionQueueSize) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, but was " + port);
        }
        if (sessionQueueSize < 1) {
            throw new IllegalArgumentException("sessionQueueSize must be positive, but was " + sessionQueueSize);
        }
        this.port = port;
        this.sessionQueueSize = sessionQueueSize;
    }

    /**
     * Starts the broker; does nothing when it runs.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (port == 0) {
            port = freePort();
        }
        Properties p = new Properties();
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, HOST);
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.SESSION_QUEUE_SIZE, Integer.toString(sessionQueueSize));
        p.setProperty(BrokerConstants.IMMEDIATE_BUFFER_FLUSH_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.BUFFER_FLUSH_MS_PROPERTY_NAME, "0");
        p.setProperty(BrokerConstants.NETTY_SO_REUSEADDR_PROPERTY_NAME, "true");
        Server s = new Server();
        try {
            s.startServer(p);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded MQTT broker could not start on " + HOST + ":" + port, e);
        } catch (RuntimeException e) {
            s.stopServer();
            throw new IllegalStateException("The embedded MQTT broker could not start on " + HOST + ":" + port
                    + " (is the port in use? set microevents.mqtt.embedded.port, or microevents.mqtt.url for a broker "
                    + "that runs already): " + e.getMessage(), e);
        }
        server = s;
    }

    /** Stops the broker; clients lose their connection. Does nothing when it is stopped. */
    public synchronized void stop() {
        Server s = server;
        server = null;
        if (s != null) {
            s.stopServer();
        }
    }

    /** @return whether it runs */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** @return the port it listens on (after the first {@link #start()} when it was made with 0) */
    public synchronized int port() {
        return port;
    }

    /** @return {@code tcp://127.0.0.1:<port>} */
    public String url() {
        return "tcp://" + HOST + ":" + port();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[" + url() + (isRunning() ? "" : ", stopped") + "]";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
