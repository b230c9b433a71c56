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
import org.springframework.util.unit.DataSize;

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

    /** @return the {@code enabled} setting */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled the {@code enabled} setting */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the {@code ports} setting */
    public Map<String, Port> getPorts() {
        return ports;
    }

    /** @param ports the {@code ports} setting */
    public void setPorts(Map<String, Port> ports) {
        this.ports = ports;
    }

    /** One serial port. */
    public static class Port {

        /**
         * The device, e.g. {@code /dev/ttyACM0}, {@code /dev/serial/by-id/usb-...} (stable across
         * replugs; resolved again at every reopen) or {@code COM3}; or a path that a
         * {@code PortConnector} bean supports (such as {@code sim:lab-rig}).
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

        /**
         * How many bytes (delimiters included) the outbound lines waiting for the port's writer may
         * hold; a line that would go past it is refused and counted, a line longer than this on its
         * own is refused as invalid.
         */
        private DataSize writeQueueBytes = DataSize.ofBytes(SerialPortConfig.DEFAULT_WRITE_QUEUE_BYTES);

        /** @return the {@code path} setting */
        public String getPath() {
            return path;
        }

        /** @param path the {@code path} setting */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return the {@code baud} setting */
        public int getBaud() {
            return baud;
        }

        /** @param baud the {@code baud} setting */
        public void setBaud(int baud) {
            this.baud = baud;
        }

        /** @return the {@code data-bits} setting */
        public int getDataBits() {
            return dataBits;
        }

        /** @param dataBits the {@code data-bits} setting */
        public void setDataBits(int dataBits) {
            this.dataBits = dataBits;
        }

        /** @return the {@code parity} setting */
        public Parity getParity() {
            return parity;
        }

        /** @param parity the {@code parity} setting */
        public void setParity(Parity parity) {
            this.parity = parity;
        }

        /** @return the {@code stop-bits} setting */
        public StopBits getStopBits() {
            return stopBits;
        }

        /** @param stopBits the {@code stop-bits} setting */
        public void setStopBits(StopBits stopBits) {
            this.stopBits = stopBits;
        }

        /** @return the {@code flow-control} setting */
        public FlowControl getFlowControl() {
            return flowControl;
        }

        /** @param flowControl the {@code flow-control} setting */
        public void setFlowControl(FlowControl flowControl) {
            this.flowControl = flowControl;
        }

        /** @return the {@code delimiter} setting */
        public String getDelimiter() {
            return delimiter;
        }

        /** @param delimiter the {@code delimiter} setting */
        public void setDelimiter(String delimiter) {
            this.delimiter = delimiter;
        }

        /** @return the {@code charset} setting */
        public Charset getCharset() {
            return charset;
        }

        /** @param charset the {@code charset} setting */
        public void setCharset(Charset charset) {
            this.charset = charset;
        }

        /** @return the {@code max-line-length} setting */
        public int getMaxLineLength() {
            return maxLineLength;
        }

        /** @param maxLineLength the {@code max-line-length} setting */
        public void setMaxLineLength(int maxLineLength) {
            this.maxLineLength = maxLineLength;
        }

        /** @return the {@code reconnect-interval} setting */
        public Duration getReconnectInterval() {
            return reconnectInterval;
        }

        /** @param reconnectInterval the {@code reconnect-interval} setting */
        public void setReconnectInterval(Duration reconnectInterval) {
            this.reconnectInterval = reconnectInterval;
        }

        /** @return the {@code max-reconnect-interval} setting */
        public Duration getMaxReconnectInterval() {
            return maxReconnectInterval;
        }

        /** @param maxReconnectInterval the {@code max-reconnect-interval} setting */
        public void setMaxReconnectInterval(Duration maxReconnectInterval) {
            this.maxReconnectInterval = maxReconnectInterval;
        }

        /** @return the {@code enabled} setting */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled the {@code enabled} setting */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the {@code event-prefix} setting */
        public String getEventPrefix() {
            return eventPrefix;
        }

        /** @param eventPrefix the {@code event-prefix} setting */
        public void setEventPrefix(String eventPrefix) {
            this.eventPrefix = eventPrefix;
        }

        /** @return the {@code format} setting */
        public String getFormat() {
            return format;
        }

        /** @param format the {@code format} setting */
        public void setFormat(String format) {
            this.format = format;
        }

        /** @return the {@code forward} setting */
        public List<String> getForward() {
            return forward;
        }

        /** @param forward the {@code forward} setting */
        public void setForward(List<String> forward) {
            this.forward = forward;
        }

        /** @return the {@code ring} setting */
        public String getRing() {
            return ring;
        }

        /** @param ring the {@code ring} setting */
        public void setRing(String ring) {
            this.ring = ring;
        }

        /** @return the {@code ring-id} setting */
        public int getRingId() {
            return ringId;
        }

        /** @param ringId the {@code ring-id} setting */
        public void setRingId(int ringId) {
            this.ringId = ringId;
        }

        /** @return the {@code write-queue-capacity} setting */
        public int getWriteQueueCapacity() {
            return writeQueueCapacity;
        }

        /** @param writeQueueCapacity the {@code write-queue-capacity} setting */
        public void setWriteQueueCapacity(int writeQueueCapacity) {
            this.writeQueueCapacity = writeQueueCapacity;
        }

        /** @return the {@code write-queue-bytes} setting */
        public DataSize getWriteQueueBytes() {
            return writeQueueBytes;
        }

        /** @param writeQueueBytes the {@code write-queue-bytes} setting */
        public void setWriteQueueBytes(DataSize writeQueueBytes) {
            this.writeQueueBytes = writeQueueBytes;
        }
    }
}
