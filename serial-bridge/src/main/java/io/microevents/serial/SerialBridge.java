package io.microevents.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.microevents.Checks;
import io.microevents.Work;

/**
 * Serial ports as sources and sinks of events: each line a port receives triggers an event on a
 * {@link Work} (so {@code @On} handlers and {@link Work#on} tasks receive it), and events listed
 * in a port's {@code forward} are written to it as lines, as is anything passed to
 * {@link #send}.
 *
 * <pre>{@code
 * SerialBridge bridge = SerialBridge.builder(work)
 *         .port(SerialPortConfig.builder("rig", "/dev/ttyACM0").forward(List.of("led")).build())
 *         .build();
 * work.on(args -> System.out.println("temperature " + args[0]), "temp", true);
 * bridge.start();                         // "temp 23.5" from the rig runs the task with "23.5"
 * work.triggerEvent("led", "on");         // writes "led on" to the rig
 * }</pre>
 *
 * <p>Each enabled port has a reader thread of its own that opens the port (exclusively, through
 * jSerialComm unless a {@link PortConnector} of the builder claims its path), reads it
 * with a short timeout, cuts lines with a bound on their length and triggers the events; when the
 * port is lost (unplugged, read error, its path now leading elsewhere) it closes it and reopens a
 * fresh handle on a backoff until the device is back. Outbound lines go through a bounded queue
 * to a writer thread of the port, so {@link #send} never blocks (a handler on the Work loop thread
 * may call it). Garbled lines are counted in the {@link #status() status} and skipped.
 *
 * <p>Thread-safe. Start it once the handlers are registered; {@link #stop()} (or
 * {@link #close()}) closes the ports and ends the threads.
 */
public final class SerialBridge implements AutoCloseable {

    private final Work work;
    private final Map<String, PortChannel> ports;
    private boolean running;

    private SerialBridge(Work work, List<SerialPortConfig> configs, List<PortConnector> connectors) {
        this.work = work;
        Map<String, PortChannel> map = new LinkedHashMap<>();
        for (SerialPortConfig config : configs) {
            map.put(config.name(), new PortChannel(config, connectorFor(config.path(), connectors), work));
        }
        this.ports = Collections.unmodifiableMap(map);
    }

    /**
     * A builder for a bridge that triggers events on {@code work}.
     *
     * @param work the scheduler
     * @return a builder
     * @throws NullPointerException if {@code work} is null
     */
    public static Builder builder(Work work) {
        return new Builder(Checks.notNull(work, "work"));
    }

    /**
     * Opens the enabled ports (in the background: a port that is not there yet is retried on its
     * backoff) and subscribes their forwarded events. Does nothing if already running.
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        for (PortChannel port : ports.values()) {
            port.start();
        }
        running = true;
    }

    /**
     * Closes the ports, ends their threads (waiting a read timeout at most) and cancels the
     * forwarding tasks. Lines still queued for writing are dropped. The bridge can be started again.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (PortChannel port : ports.values()) {
            port.stop();
        }
    }

    /**
     * Whether {@link #start()} was called and {@link #stop()} not since.
     *
     * @return true while running
     */
    public synchronized boolean isRunning() {
        return running;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Writes a line to a port, followed by the port's delimiter. Never blocks: the line is queued
     * for the port's writer thread.
     *
     * @param port the port's name
     * @param line the line, without delimiter
     * @return true when queued; false (counted in {@link SerialPortStatus#droppedWrites()}) when the
     *         port is not connected, is disabled, or its queue is full
     * @throws NullPointerException if {@code port} or {@code line} is null
     * @throws IllegalArgumentException if there is no such port, or {@code line} contains the
     *         port's delimiter
     */
    public boolean send(String port, String line) {
        return channel(port).send(line);
    }

    /**
     * Writes an event to a port as a line in the port's format ({@code led on} for the text
     * format), as a forwarded event would be. Never blocks.
     *
     * @param port the port's name
     * @param event the event name
     * @param args its arguments
     * @return true when queued; false when the port is not connected, is disabled, or its queue is full
     * @throws NullPointerException if {@code port} or {@code event} is null
     * @throws IllegalArgumentException if there is no such port, {@code event} is blank, or the
     *         line would contain the port's delimiter
     */
    public boolean sendEvent(String port, String event, Object... args) {
        PortChannel channel = channel(port);
        Checks.notBlank(event, "event");
        List<Object> list = args == null ? List.of() : Arrays.asList(args);
        return channel.send(channel.config().parser().format(event, list));
    }

    /**
     * The names of the ports, in configuration order.
     *
     * @return the port names
     */
    public Set<String> portNames() {
        return ports.keySet();
    }

    /**
     * A snapshot of every port, in configuration order.
     *
     * @return one status per port
     */
    public List<SerialPortStatus> status() {
        List<SerialPortStatus> all = new ArrayList<>(ports.size());
        for (PortChannel port : ports.values()) {
            all.add(port.status());
        }
        return List.copyOf(all);
    }

    /**
     * A snapshot of one port.
     *
     * @param port the port's name
     * @return its status, or empty when there is no such port
     */
    public Optional<SerialPortStatus> status(String port) {
        PortChannel channel = port == null ? null : ports.get(port);
        return channel == null ? Optional.empty() : Optional.of(channel.status());
    }

    /**
     * The scheduler the events go to.
     *
     * @return the work
     */
    public Work work() {
        return work;
    }

    @Override
    public String toString() {
        return "SerialBridge" + ports.keySet();
    }

    /** The first connector that supports the path, else jSerialComm. */
    static PortConnector connectorFor(String path, List<PortConnector> connectors) {
        for (PortConnector connector : connectors) {
            if (connector.supports(path)) {
                return connector;
            }
        }
        return JSerialCommConnector.INSTANCE;
    }

    private PortChannel channel(String port) {
        PortChannel channel = ports.get(Checks.notNull(port, "port"));
        if (channel == null) {
            throw new IllegalArgumentException("port must be one of " + ports.keySet() + ", but was '" + port + "'");
        }
        return channel;
    }

    /** Builds a {@link SerialBridge}. */
    public static final class Builder {
        private final Work work;
        private final List<SerialPortConfig> ports = new ArrayList<>();
        private final List<PortConnector> connectors = new ArrayList<>();

        private Builder(Work work) {
            this.work = work;
        }

        /**
         * Adds a connector that opens the ports whose path it {@link PortConnector#supports
         * supports}. Each port is opened by the first connector added that supports its path;
         * ports that none supports are serial ports, opened by {@link JSerialCommConnector}.
         *
         * @param connector the connector
         * @return this builder
         * @throws NullPointerException if {@code connector} is null
         */
        public Builder connector(PortConnector connector) {
            connectors.add(Checks.notNull(connector, "connector"));
            return this;
        }

        /**
         * Adds a port.
         *
         * @param config its settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         * @throws IllegalArgumentException if its name, or (for an enabled port) its path, is
         *         taken by a port added before: a port has one owner
         */
        public Builder port(SerialPortConfig config) {
            Checks.notNull(config, "config");
            for (SerialPortConfig other : ports) {
                if (other.name().equals(config.name())) {
                    throw new IllegalArgumentException("port name '" + config.name() + "' is used twice");
                }
                if (other.enabled() && config.enabled() && other.path().equals(config.path())) {
                    throw new IllegalArgumentException("ports '" + other.name() + "' and '" + config.name()
                            + "' both use path " + config.path() + ": a port can have one owner only");
                }
            }
            ports.add(config);
            return this;
        }

        /**
         * Builds the bridge; it does nothing until {@link SerialBridge#start()}.
         *
         * @return the bridge
         */
        public SerialBridge build() {
            return new SerialBridge(work, ports, List.copyOf(connectors));
        }
    }
}
