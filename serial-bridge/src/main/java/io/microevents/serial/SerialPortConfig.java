package io.microevents.serial;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The settings of one port of a {@link SerialBridge}: where it is, how its frames look, how its
 * lines are cut and read, and which events it forwards. Immutable; made with {@link #builder}.
 * The Spring Boot auto-configuration builds one per {@code microevents.serial.ports.<name>}.
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
    private final int baud;
    private final int dataBits;
    private final Parity parity;
    private final StopBits stopBits;
    private final FlowControl flowControl;
    private final String delimiter;
    private final Charset charset;
    private final int maxLineLength;
    private final Duration reconnectInterval;
    private final Duration maxReconnectInterval;
    private final boolean enabled;
    private final String eventPrefix;
    private final LineParser parser;
    private final List<String> forward;
    private final int writeQueueCapacity;
    private final int writeQueueBytes;
    private final Consumer<String> rawLines;

    private SerialPortConfig(Builder b) {
        this.name = b.name;
        this.path = b.path;
        this.baud = b.baud;
        this.dataBits = b.dataBits;
        this.parity = b.parity;
        this.stopBits = b.stopBits;
        this.flowControl = b.flowControl;
        this.delimiter = b.delimiter;
        this.charset = b.charset;
        this.maxLineLength = b.maxLineLength;
        this.reconnectInterval = b.reconnectInterval;
        this.maxReconnectInterval = b.maxReconnectInterval;
        this.enabled = b.enabled;
        this.eventPrefix = b.eventPrefix;
        this.parser = b.parser;
        this.forward = b.forward;
        this.writeQueueCapacity = b.writeQueueCapacity;
        this.writeQueueBytes = b.writeQueueBytes;
        this.rawLines = b.rawLines;
    }

    /**
     * A builder with the defaults: 115200 baud 8N1, no flow control, {@code \n} lines of at most
     * 1024 bytes in UTF-8, the text format, reconnecting after 2 s with a backoff up to 30 s.
     *
     * @param name the port's name in the bridge (status, {@link SerialBridge#send})
     * @param path the device, e.g. {@code /dev/ttyACM0}, {@code /dev/serial/by-id/usb-...} or {@code COM3}
     * @return a builder
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

    /** @return the baud rate */
    public int baud() {
        return baud;
    }

    /** @return data bits per frame (5 to 8) */
    public int dataBits() {
        return dataBits;
    }

    /** @return the parity */
    public Parity parity() {
        return parity;
    }

    /** @return the stop bits */
    public StopBits stopBits() {
        return stopBits;
    }

    /** @return the flow control */
    public FlowControl flowControl() {
        return flowControl;
    }

    /** @return the line delimiter; with {@code \n}, a {@code \r} before it is dropped too */
    public String delimiter() {
        return delimiter;
    }

    /** @return the charset of lines in both directions */
    public Charset charset() {
        return charset;
    }

    /** @return the longest inbound line in bytes, without the delimiter */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** @return the first wait between attempts to open the port */
    public Duration reconnectInterval() {
        return reconnectInterval;
    }

    /** @return the longest wait between attempts to open the port */
    public Duration maxReconnectInterval() {
        return maxReconnectInterval;
    }

    /** @return false: the port is listed in the status but never opened */
    public boolean enabled() {
        return enabled;
    }

    /** @return put before every inbound event name (e.g. {@code rig1.}); may be empty */
    public String eventPrefix() {
        return eventPrefix;
    }

    /** @return the line format */
    public LineParser parser() {
        return parser;
    }

    /** @return the events written to the port as lines when they are triggered */
    public List<String> forward() {
        return forward;
    }

    /** @return how many outbound lines may wait for the writer */
    public int writeQueueCapacity() {
        return writeQueueCapacity;
    }

    /** @return how many bytes (delimiters included) the outbound lines waiting for the writer may hold */
    public int writeQueueBytes() {
        return writeQueueBytes;
    }

    /** @return what receives every decoded inbound line, or null */
    Consumer<String> rawLines() {
        return rawLines;
    }

    @Override
    public String toString() {
        return "SerialPortConfig[" + name + " " + path + " " + baud + " " + dataBits
                + parity.name().charAt(0) + stopBits + " format=" + parser + (enabled ? "" : " disabled") + "]";
    }

    /** Builds a {@link SerialPortConfig}; every setter checks its argument and names it on failure. */
    public static final class Builder {
        private final String name;
        private final String path;
        private int baud = DEFAULT_BAUD;
        private int dataBits = 8;
        private Parity parity = Parity.NONE;
        private StopBits stopBits = StopBits.ONE;
        private FlowControl flowControl = FlowControl.NONE;
        private String delimiter = DEFAULT_DELIMITER;
        private Charset charset = StandardCharsets.UTF_8;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private Duration reconnectInterval = DEFAULT_RECONNECT_INTERVAL;
        private Duration maxReconnectInterval = DEFAULT_MAX_RECONNECT_INTERVAL;
        private boolean enabled = true;
        private String eventPrefix = "";
        private LineParser parser = TextLineParser.INSTANCE;
        private List<String> forward = List.of();
        private int writeQueueCapacity = DEFAULT_WRITE_QUEUE_CAPACITY;
        private int writeQueueBytes = DEFAULT_WRITE_QUEUE_BYTES;
        private Consumer<String> rawLines;

        private Builder(String name, String path) {
            this.name = notBlank(name, "name");
            this.path = notBlank(path, "path");
        }

        /**
         * @param baud the baud rate (> 0)
         * @return this builder
         */
        public Builder baud(int baud) {
            this.baud = positive(baud, "baud");
            return this;
        }

        /**
         * @param dataBits data bits per frame, 5 to 8
         * @return this builder
         */
        public Builder dataBits(int dataBits) {
            if (dataBits < 5 || dataBits > 8) {
                throw new IllegalArgumentException("dataBits must be 5 to 8, but was " + dataBits);
            }
            this.dataBits = dataBits;
            return this;
        }

        /**
         * @param parity the parity
         * @return this builder
         */
        public Builder parity(Parity parity) {
            this.parity = notNull(parity, "parity");
            return this;
        }

        /**
         * @param stopBits the stop bits
         * @return this builder
         */
        public Builder stopBits(StopBits stopBits) {
            this.stopBits = notNull(stopBits, "stopBits");
            return this;
        }

        /**
         * @param flowControl the flow control
         * @return this builder
         */
        public Builder flowControl(FlowControl flowControl) {
            this.flowControl = notNull(flowControl, "flowControl");
            return this;
        }

        /**
         * @param delimiter what ends a line (default {@code \n}; then {@code \r\n} is read as well)
         * @return this builder
         */
        public Builder delimiter(String delimiter) {
            if (delimiter == null || delimiter.isEmpty()) {
                throw new IllegalArgumentException("delimiter must not be null or empty");
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * @param charset the charset of lines (default UTF-8)
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = notNull(charset, "charset");
            return this;
        }

        /**
         * @param maxLineLength the longest inbound line in bytes, without the delimiter (> 0)
         * @return this builder
         */
        public Builder maxLineLength(int maxLineLength) {
            this.maxLineLength = positive(maxLineLength, "maxLineLength");
            return this;
        }

        /**
         * @param reconnectInterval the first wait between attempts to open the port (> 0); it
         *        doubles after each failed attempt up to {@link #maxReconnectInterval}
         * @return this builder
         */
        public Builder reconnectInterval(Duration reconnectInterval) {
            this.reconnectInterval = positive(reconnectInterval, "reconnectInterval");
            return this;
        }

        /**
         * @param maxReconnectInterval the longest wait between attempts to open the port (> 0)
         * @return this builder
         */
        public Builder maxReconnectInterval(Duration maxReconnectInterval) {
            this.maxReconnectInterval = positive(maxReconnectInterval, "maxReconnectInterval");
            return this;
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
            this.eventPrefix = eventPrefix == null ? "" : eventPrefix;
            return this;
        }

        /**
         * @param parser the line format (default {@link TextLineParser})
         * @return this builder
         */
        public Builder parser(LineParser parser) {
            this.parser = notNull(parser, "parser");
            return this;
        }

        /**
         * @param forward events to write to the port as lines whenever they are triggered; an
         *        event that starts with the {@link #eventPrefix} is written without it
         * @return this builder
         */
        public Builder forward(List<String> forward) {
            notNull(forward, "forward");
            for (String event : forward) {
                notBlank(event, "forward event");
            }
            this.forward = List.copyOf(forward);
            return this;
        }

        /**
         * @param writeQueueCapacity how many outbound lines may wait for the writer (> 0);
         *        {@link SerialBridge#send} refuses more
         * @return this builder
         */
        public Builder writeQueueCapacity(int writeQueueCapacity) {
            this.writeQueueCapacity = positive(writeQueueCapacity, "writeQueueCapacity");
            return this;
        }

        /**
         * @param writeQueueBytes how many bytes, delimiters included, the outbound lines waiting
         *        for the writer may hold (> 0); {@link SerialBridge#send} refuses a line that
         *        would go past it (counted), and a line longer than this on its own with
         *        {@code IllegalArgumentException}
         * @return this builder
         */
        public Builder writeQueueBytes(int writeQueueBytes) {
            this.writeQueueBytes = positive(writeQueueBytes, "writeQueueBytes");
            return this;
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
            if (maxReconnectInterval.compareTo(reconnectInterval) < 0) {
                throw new IllegalArgumentException("maxReconnectInterval (" + maxReconnectInterval
                        + ") must not be shorter than reconnectInterval (" + reconnectInterval + ")");
            }
            return new SerialPortConfig(this);
        }

        private static <T> T notNull(T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }

        private static String notBlank(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be null or blank, but was "
                        + (value == null ? "null" : "'" + value + "'"));
            }
            return value;
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, but was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            notNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, but was " + value);
            }
            return value;
        }
    }
}
