package io.microevents.serial.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.microevents.serial.FlowControl;
import io.microevents.serial.Parity;
import io.microevents.serial.SerialPortConfig;
import io.microevents.serial.StopBits;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the serial bridge ({@code microevents.serial.*}): one entry under {@code ports} per
 * device.
 *
 * <pre>
 * microevents:
 *   serial:
 *     ports:
 *       rig1:
 *         path: /dev/serial/by-id/usb-MicroPython_Board_e6614103e7-if00
 *         event-prefix: "rig1."
 *         forward: [led, motor]
 *         ring: rigLog
 * </pre>
 */
@ConfigurationProperties("microevents.serial")
public class SerialBridgeProperties {

    /** Whether the serial bridge is on. */
    private boolean enabled = true;

    /** The ports, by name (the name used in status, health and {@code SerialBridge.send}). */
    private Map<String, Port> ports = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, Port> getPorts() {
        return ports;
    }

    public void setPorts(Map<String, Port> ports) {
        this.ports = ports;
    }

    /** One serial port. */
    public static class Port {

        /**
         * The device, e.g. {@code /dev/ttyACM0}, {@code /dev/serial/by-id/usb-...} (stable across
         * replugs; resolved again at every reopen) or {@code COM3}.
         */
        private String path;

        /** Baud rate. */
        private int baud = SerialPortConfig.DEFAULT_BAUD;

        /** Data bits per frame, 5 to 8. */
        private int dataBits = 8;

        /** Parity: none, odd, even, mark or space. */
        private Parity parity = Parity.NONE;

        /** Stop bits: one, one-point-five or two. */
        private StopBits stopBits = StopBits.ONE;

        /** Flow control: none, rts-cts or xon-xoff. */
        private FlowControl flowControl = FlowControl.NONE;

        /**
         * What ends a line. With the default {@code \n}, a {@code \r} before it is dropped too, so
         * {@code \r\n} lines work. The escapes {@code \n}, {@code \r} and {@code \t} are understood
         * in their backslash form as well (for environment variables).
         */
        private String delimiter = SerialPortConfig.DEFAULT_DELIMITER;

        /** Charset of lines in both directions; inbound lines that do not decode are skipped. */
        private Charset charset = StandardCharsets.UTF_8;

        /** Longest inbound line in bytes, without the delimiter; longer lines are counted and skipped. */
        private int maxLineLength = SerialPortConfig.DEFAULT_MAX_LINE_LENGTH;

        /** First wait before reopening a port that is missing or was lost; doubles after each failure. */
        private Duration reconnectInterval = SerialPortConfig.DEFAULT_RECONNECT_INTERVAL;

        /** Longest wait between two attempts to reopen the port. */
        private Duration maxReconnectInterval = SerialPortConfig.DEFAULT_MAX_RECONNECT_INTERVAL;

        /** Whether to open the port; a disabled port is still listed in the status. */
        private boolean enabled = true;

        /** Put before every inbound event name, e.g. {@code rig1.} turns {@code temp} into {@code rig1.temp}. */
        private String eventPrefix = "";

        /**
         * Line format: {@code text} ({@code temp 23.5}), {@code json}
         * ({@code {"event":"temp","args":[23.5]}}, needs Jackson 3), or the bean name of a
         * {@code LineParser} of your own.
         */
        private String format = "text";

        /**
         * Events written to the port as lines ({@code event arg1 arg2} in the text format) whenever
         * they are triggered. An event that starts with the event prefix is written without it.
         */
        private List<String> forward = new ArrayList<>();

        /** Name of a {@code Ring} bean that receives every decoded inbound line (raw, before parsing). */
        private String ring;

        /** Message id of the raw lines put into the ring (1 to 65535). */
        private int ringId = 1;

        /** How many outbound lines may wait for the port's writer; further sends are refused and counted. */
        private int writeQueueCapacity = SerialPortConfig.DEFAULT_WRITE_QUEUE_CAPACITY;

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public int getBaud() {
            return baud;
        }

        public void setBaud(int baud) {
            this.baud = baud;
        }

        public int getDataBits() {
            return dataBits;
        }

        public void setDataBits(int dataBits) {
            this.dataBits = dataBits;
        }

        public Parity getParity() {
            return parity;
        }

        public void setParity(Parity parity) {
            this.parity = parity;
        }

        public StopBits getStopBits() {
            return stopBits;
        }

        public void setStopBits(StopBits stopBits) {
            this.stopBits = stopBits;
        }

        public FlowControl getFlowControl() {
            return flowControl;
        }

        public void setFlowControl(FlowControl flowControl) {
            this.flowControl = flowControl;
        }

        public String getDelimiter() {
            return delimiter;
        }

        public void setDelimiter(String delimiter) {
            this.delimiter = delimiter;
        }

        public Charset getCharset() {
            return charset;
        }

        public void setCharset(Charset charset) {
            this.charset = charset;
        }

        public int getMaxLineLength() {
            return maxLineLength;
        }

        public void setMaxLineLength(int maxLineLength) {
            this.maxLineLength = maxLineLength;
        }

        public Duration getReconnectInterval() {
            return reconnectInterval;
        }

        public void setReconnectInterval(Duration reconnectInterval) {
            this.reconnectInterval = reconnectInterval;
        }

        public Duration getMaxReconnectInterval() {
            return maxReconnectInterval;
        }

        public void setMaxReconnectInterval(Duration maxReconnectInterval) {
            this.maxReconnectInterval = maxReconnectInterval;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getEventPrefix() {
            return eventPrefix;
        }

        public void setEventPrefix(String eventPrefix) {
            this.eventPrefix = eventPrefix;
        }

        public String getFormat() {
            return format;
        }

        public void setFormat(String format) {
            this.format = format;
        }

        public List<String> getForward() {
            return forward;
        }

        public void setForward(List<String> forward) {
            this.forward = forward;
        }

        public String getRing() {
            return ring;
        }

        public void setRing(String ring) {
            this.ring = ring;
        }

        public int getRingId() {
            return ringId;
        }

        public void setRingId(int ringId) {
            this.ringId = ringId;
        }

        public int getWriteQueueCapacity() {
            return writeQueueCapacity;
        }

        public void setWriteQueueCapacity(int writeQueueCapacity) {
            this.writeQueueCapacity = writeQueueCapacity;
        }
    }
}
