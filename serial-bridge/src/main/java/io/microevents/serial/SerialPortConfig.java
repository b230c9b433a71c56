package io.microevents.serial;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.microevents.Checks;

/**
 * The settings of one port of a {@link SerialBridge}: where it is, how its frames look, how its
 * lines are cut and read, and which events it forwards. Immutable; made with {@link #builder}.
 * The settings come in groups ({@link Framing}, {@link LineFormat}, {@link Reconnect},
 * {@link Routing}, {@link WriteQueue}); the flat accessors read through them. The Spring Boot
 * auto-configuration builds one per {@code microevents.serial.ports.<name>}.
 */
public final class SerialPortConfig {

    /** Default baud rate. */
    public static final int DEFAULT_BAUD = 115_200;
    /** Default line delimiter. */
    public static final String DEFAULT_DELIMITER = "\n";
    /** Default longest line, in bytes without the delimiter. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1024;
    /** Default first wait between attempts to open the port. */
    public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofSeconds(2);
    /** Default longest wait between attempts to open the port (the backoff's cap). */
    public static final Duration DEFAULT_MAX_RECONNECT_INTERVAL = Duration.ofSeconds(30);
    /** Default bound of the outbound line queue. */
    public static final int DEFAULT_WRITE_QUEUE_CAPACITY = 1024;
    /** Default bound, in bytes (delimiters included), of the lines waiting in the outbound queue: 1 MiB. */
    public static final int DEFAULT_WRITE_QUEUE_BYTES = 1 << 20;

    private final String name;
    private final String path;
    private final boolean enabled;
    private final Framing framing;
    private final LineFormat lineFormat;
    private final Reconnect reconnect;
    private final Routing routing;
    private final WriteQueue writeQueue;
    private final Consumer<String> rawLines;

    private SerialPortConfig(Builder b) {
        this.name = b.name;
        this.path = b.path;
        this.enabled = b.enabled;
        this.framing = b.framing;
        this.lineFormat = b.lineFormat;
        this.reconnect = b.reconnect;
        this.routing = b.routing;
        this.writeQueue = b.writeQueue;
        this.rawLines = b.rawLines;
    }

    /**
     * How the bytes go over the wire.
     *
     * @param baud        the baud rate (&gt; 0)
     * @param dataBits    data bits per frame, 5 to 8
     * @param parity      the parity
     * @param stopBits    the stop bits
     * @param flowControl the flow control
     */
    public record Framing(int baud, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

        /** 115200 baud 8N1, no flow control. */
        public static final Framing DEFAULT = new Framing(DEFAULT_BAUD, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);

        /** Checks every component; the message names the one that is wrong. */
        public Framing {
            Checks.positive(baud, "baud");
            if (dataBits < 5 || dataBits > 8) {
                throw new IllegalArgumentException("dataBits must be 5 to 8, but was " + dataBits);
            }
            Checks.notNull(parity, "parity");
            Checks.notNull(stopBits, "stopBits");
            Checks.notNull(flowControl, "flowControl");
        }
    }

    /**
     * How the bytes are cut into lines and the lines read.
     *
     * @param delimiter     what ends a line (with {@code \n}, {@code \r\n} is read as well); not empty
     * @param charset       the charset of lines in both directions
     * @param maxLineLength the longest inbound line in bytes, without the delimiter (&gt; 0)
     * @param parser        the line format
     */
    public record LineFormat(String delimiter, Charset charset, int maxLineLength, LineParser parser) {

        /** {@code \n} lines of at most 1024 bytes in UTF-8, the text format. */
        public static final LineFormat DEFAULT = new LineFormat(DEFAULT_DELIMITER, StandardCharsets.UTF_8,
                DEFAULT_MAX_LINE_LENGTH, TextLineParser.INSTANCE);

        /** Checks every component; the message names the one that is wrong. */
        public LineFormat {
            if (Checks.notNull(delimiter, "delimiter").isEmpty()) {
                throw new IllegalArgumentException("delimiter must not be empty");
            }
            Checks.notNull(charset, "charset");
            Checks.positive(maxLineLength, "maxLineLength");
            Checks.notNull(parser, "parser");
        }
    }

    /**
     * How a port that cannot be opened, or was lost, is tried again.
     *
     * @param interval    the first wait between attempts (&gt; 0); it doubles after each failed attempt
     * @param maxInterval the longest wait between attempts (&gt; 0, checked against {@code interval}
     *                    when the settings are built)
     */
    public record Reconnect(Duration interval, Duration maxInterval) {

        /** After 2 s, backing off to 30 s. */
        public static final Reconnect DEFAULT = new Reconnect(DEFAULT_RECONNECT_INTERVAL, DEFAULT_MAX_RECONNECT_INTERVAL);

        /** Checks every component; the message names the one that is wrong. */
        public Reconnect {
            positive(interval, "reconnectInterval");
            positive(maxInterval, "maxReconnectInterval");
        }

        private static void positive(Duration value, String name) {
            if (Checks.notNull(value, name).isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, but was " + value);
            }
        }
    }

    /**
     * Which events the port's lines become and which events go out to it.
     *
     * @param eventPrefix put before every inbound event name (e.g. {@code rig1.}); may be empty
     * @param forward     events written to the port as lines when they are triggered; none blank
     */
    public record Routing(String eventPrefix, List<String> forward) {

        /** No prefix, nothing forwarded. */
        public static final Routing DEFAULT = new Routing("", List.of());

        /** Checks every component and copies {@code forward}; the message names the one that is wrong. */
        public Routing {
            Checks.notNull(eventPrefix, "eventPrefix");
            for (String event : Checks.notNull(forward, "forward")) {
                Checks.notBlank(event, "forward event");
            }
            forward = List.copyOf(forward);
        }
    }

    /**
     * The bounds of the outbound lines waiting for the writer; {@link SerialBridge#send} refuses more.
     *
     * @param capacity how many lines may wait (&gt; 0)
     * @param bytes    how many bytes, delimiters included, they may hold (&gt; 0)
     */
    public record WriteQueue(int capacity, int bytes) {

        /** 1024 lines, 1 MiB. */
        public static final WriteQueue DEFAULT = new WriteQueue(DEFAULT_WRITE_QUEUE_CAPACITY, DEFAULT_WRITE_QUEUE_BYTES);

        /** Checks every component; the message names the one that is wrong. */
        public WriteQueue {
            Checks.positive(capacity, "writeQueueCapacity");
            Checks.positive(bytes, "writeQueueBytes");
        }
    }

    /**
     * A builder with the defaults: 115200 baud 8N1, no flow control, {@code \n} lines of at most
     * 1024 bytes in UTF-8, the text format, reconnecting after 2 s with a backoff up to 30 s.
     *
     * @param name the port's name in the bridge (status, {@link SerialBridge#send})
     * @param path the device, e.g. {@code /dev/ttyACM0}, {@code /dev/serial/by-id/usb-...} or {@code COM3}
     * @return a builder
     * @throws NullPointerException if {@code name} or {@code path} is null
     * @throws IllegalArgumentException if {@code name} or {@code path} is blank
     */
    public static Builder builder(String name, String path) {
        return new Builder(name, path);
    }

    /** @return the port's name in the bridge */
    public String name() {
        return name;
    }

    /** @return the device path, resolved again at each (re)open */
    public String path() {
        return path;
    }

    /** @return false: the port is listed in the status but never opened */
    public boolean enabled() {
        return enabled;
    }

    /** @return how the bytes go over the wire */
    public Framing framing() {
        return framing;
    }

    /** @return how the bytes are cut into lines and the lines read */
    public LineFormat lineFormat() {
        return lineFormat;
    }

    /** @return how the port is tried again */
    public Reconnect reconnect() {
        return reconnect;
    }

    /** @return which events the lines become and which go out */
    public Routing routing() {
        return routing;
    }

    /** @return the bounds of the outbound queue */
    public WriteQueue writeQueue() {
        return writeQueue;
    }

    /** @return the baud rate */
    public int baud() {
        return framing.baud();
    }

    /** @return data bits per frame (5 to 8) */
    public int dataBits() {
        return framing.dataBits();
    }

    /** @return the parity */
    public Parity parity() {
        return framing.parity();
    }

    /** @return the stop bits */
    public StopBits stopBits() {
        return framing.stopBits();
    }

    /** @return the flow control */
    public FlowControl flowControl() {
        return framing.flowControl();
    }

    /** @return the line delimiter; with {@code \n}, a {@code \r} before it is dropped too */
    public String delimiter() {
        return lineFormat.delimiter();
    }

    /** @return the charset of lines in both directions */
    public Charset charset() {
        return lineFormat.charset();
    }

    /** @return the longest inbound line in bytes, without the delimiter */
    public int maxLineLength() {
        return lineFormat.maxLineLength();
    }

    /** @return the line format */
    public LineParser parser() {
        return lineFormat.parser();
    }

    /** @return the first wait between attempts to open the port */
    public Duration reconnectInterval() {
        return reconnect.interval();
    }

    /** @return the longest wait between attempts to open the port */
    public Duration maxReconnectInterval() {
        return reconnect.maxInterval();
    }

    /** @return put before every inbound event name (e.g. {@code rig1.}); may be empty */
    public String eventPrefix() {
        return routing.eventPrefix();
    }

    /** @return the events written to the port as lines when they are triggered */
    public List<String> forward() {
        return routing.forward();
    }

    /** @return how many outbound lines may wait for the writer */
    public int writeQueueCapacity() {
        return writeQueue.capacity();
    }

    /** @return how many bytes (delimiters included) the outbound lines waiting for the writer may hold */
    public int writeQueueBytes() {
        return writeQueue.bytes();
    }

    /** @return what receives every decoded inbound line, or null */
    Consumer<String> rawLines() {
        return rawLines;
    }

    @Override
    public String toString() {
        return "SerialPortConfig[" + name + " " + path + " " + baud() + " " + dataBits()
                + parity().name().charAt(0) + stopBits() + " format=" + parser() + (enabled ? "" : " disabled") + "]";
    }

    /**
     * Builds a {@link SerialPortConfig}, a group at a time ({@link #framing(Framing)}) or a setting
     * at a time; every setter checks its argument and names it on failure.
     */
    public static final class Builder {
        private final String name;
        private final String path;
        private boolean enabled = true;
        private Framing framing = Framing.DEFAULT;
        private LineFormat lineFormat = LineFormat.DEFAULT;
        private Reconnect reconnect = Reconnect.DEFAULT;
        private Routing routing = Routing.DEFAULT;
        private WriteQueue writeQueue = WriteQueue.DEFAULT;
        private Consumer<String> rawLines;

        private Builder(String name, String path) {
            this.name = Checks.notBlank(name, "name");
            this.path = Checks.notBlank(path, "path");
        }

        /**
         * @param framing how the bytes go over the wire
         * @return this builder
         */
        public Builder framing(Framing framing) {
            this.framing = Checks.notNull(framing, "framing");
            return this;
        }

        /**
         * @param lineFormat how the bytes are cut into lines and the lines read
         * @return this builder
         */
        public Builder lineFormat(LineFormat lineFormat) {
            this.lineFormat = Checks.notNull(lineFormat, "lineFormat");
            return this;
        }

        /**
         * @param reconnect how the port is tried again
         * @return this builder
         */
        public Builder reconnect(Reconnect reconnect) {
            this.reconnect = Checks.notNull(reconnect, "reconnect");
            return this;
        }

        /**
         * @param routing which events the lines become and which go out
         * @return this builder
         */
        public Builder routing(Routing routing) {
            this.routing = Checks.notNull(routing, "routing");
            return this;
        }

        /**
         * @param writeQueue the bounds of the outbound queue
         * @return this builder
         */
        public Builder writeQueue(WriteQueue writeQueue) {
            this.writeQueue = Checks.notNull(writeQueue, "writeQueue");
            return this;
        }

        /**
         * @param baud the baud rate (> 0)
         * @return this builder
         */
        public Builder baud(int baud) {
            Framing f = framing;
            return framing(new Framing(baud, f.dataBits(), f.parity(), f.stopBits(), f.flowControl()));
        }

        /**
         * @param dataBits data bits per frame, 5 to 8
         * @return this builder
         */
        public Builder dataBits(int dataBits) {
            Framing f = framing;
            return framing(new Framing(f.baud(), dataBits, f.parity(), f.stopBits(), f.flowControl()));
        }

        /**
         * @param parity the parity
         * @return this builder
         */
        public Builder parity(Parity parity) {
            Framing f = framing;
            return framing(new Framing(f.baud(), f.dataBits(), parity, f.stopBits(), f.flowControl()));
        }

        /**
         * @param stopBits the stop bits
         * @return this builder
         */
        public Builder stopBits(StopBits stopBits) {
            Framing f = framing;
            return framing(new Framing(f.baud(), f.dataBits(), f.parity(), stopBits, f.flowControl()));
        }

        /**
         * @param flowControl the flow control
         * @return this builder
         */
        public Builder flowControl(FlowControl flowControl) {
            Framing f = framing;
            return framing(new Framing(f.baud(), f.dataBits(), f.parity(), f.stopBits(), flowControl));
        }

        /**
         * @param delimiter what ends a line (default {@code \n}; then {@code \r\n} is read as well)
         * @return this builder
         */
        public Builder delimiter(String delimiter) {
            LineFormat l = lineFormat;
            return lineFormat(new LineFormat(delimiter, l.charset(), l.maxLineLength(), l.parser()));
        }

        /**
         * @param charset the charset of lines (default UTF-8)
         * @return this builder
         */
        public Builder charset(Charset charset) {
            LineFormat l = lineFormat;
            return lineFormat(new LineFormat(l.delimiter(), charset, l.maxLineLength(), l.parser()));
        }

        /**
         * @param maxLineLength the longest inbound line in bytes, without the delimiter (> 0)
         * @return this builder
         */
        public Builder maxLineLength(int maxLineLength) {
            LineFormat l = lineFormat;
            return lineFormat(new LineFormat(l.delimiter(), l.charset(), maxLineLength, l.parser()));
        }

        /**
         * @param parser the line format (default {@link TextLineParser})
         * @return this builder
         */
        public Builder parser(LineParser parser) {
            LineFormat l = lineFormat;
            return lineFormat(new LineFormat(l.delimiter(), l.charset(), l.maxLineLength(), parser));
        }

        /**
         * @param reconnectInterval the first wait between attempts to open the port (> 0); it
         *        doubles after each failed attempt up to {@link #maxReconnectInterval}
         * @return this builder
         */
        public Builder reconnectInterval(Duration reconnectInterval) {
            return reconnect(new Reconnect(reconnectInterval, reconnect.maxInterval()));
        }

        /**
         * @param maxReconnectInterval the longest wait between attempts to open the port (> 0)
         * @return this builder
         */
        public Builder maxReconnectInterval(Duration maxReconnectInterval) {
            return reconnect(new Reconnect(reconnect.interval(), maxReconnectInterval));
        }

        /**
         * @param enabled false: list the port in the status but never open it
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @param eventPrefix put before every inbound event name, e.g. {@code rig1.}; null or empty: none
         * @return this builder
         */
        public Builder eventPrefix(String eventPrefix) {
            return routing(new Routing(eventPrefix == null ? "" : eventPrefix, routing.forward()));
        }

        /**
         * @param forward events to write to the port as lines whenever they are triggered; an
         *        event that starts with the {@link #eventPrefix} is written without it
         * @return this builder
         */
        public Builder forward(List<String> forward) {
            return routing(new Routing(routing.eventPrefix(), forward));
        }

        /**
         * @param writeQueueCapacity how many outbound lines may wait for the writer (> 0);
         *        {@link SerialBridge#send} refuses more
         * @return this builder
         */
        public Builder writeQueueCapacity(int writeQueueCapacity) {
            return writeQueue(new WriteQueue(writeQueueCapacity, writeQueue.bytes()));
        }

        /**
         * @param writeQueueBytes how many bytes, delimiters included, the outbound lines waiting
         *        for the writer may hold (> 0); {@link SerialBridge#send} refuses a line that
         *        would go past it (counted), and a line longer than this on its own with
         *        {@code IllegalArgumentException}
         * @return this builder
         */
        public Builder writeQueueBytes(int writeQueueBytes) {
            return writeQueue(new WriteQueue(writeQueue.capacity(), writeQueueBytes));
        }

        /**
         * @param rawLines receives every inbound line that decodes, before it is parsed, on the
         *        port's reader thread (the auto-configuration puts them into a {@code Ring});
         *        what it throws is recorded as the port's last error. Null: none.
         * @return this builder
         */
        public Builder rawLines(Consumer<String> rawLines) {
            this.rawLines = rawLines;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if {@code maxReconnectInterval < reconnectInterval}
         */
        public SerialPortConfig build() {
            if (reconnect.maxInterval().compareTo(reconnect.interval()) < 0) {
                throw new IllegalArgumentException("maxReconnectInterval (" + reconnect.maxInterval()
                        + ") must not be shorter than reconnectInterval (" + reconnect.interval() + ")");
            }
            return new SerialPortConfig(this);
        }
    }
}
