package io.microevents.serial.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the serial ports ({@code /actuator/health/serial}): DOWN when a port that should be
 * open is not (unplugged, or its connection failed and is not back yet), with each port's state
 * as details: its counters, drops included, and its last error.
 */
public class SerialBridgeHealthIndicator implements HealthIndicator {

    private final SerialBridge bridge;

    /**
     * @param bridge the bridge whose ports are reported
     */
    public SerialBridgeHealthIndicator(SerialBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (SerialPortStatus port : bridge.status()) {
            up &= port.healthy();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("path", port.path());
            detail.put("enabled", port.enabled());
            detail.put("connected", port.connected());
            detail.put("linesIn", port.linesIn());
            detail.put("linesOut", port.linesOut());
            detail.put("droppedLines", port.droppedLines());
            detail.put("droppedWrites", port.droppedWrites());
            detail.put("droppedTriggers", port.droppedTriggers());
            detail.put("disconnects", port.disconnects());
            if (port.lastError() != null) {
                detail.put("lastError", port.lastError());
            }
            details.put(port.name(), detail);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
