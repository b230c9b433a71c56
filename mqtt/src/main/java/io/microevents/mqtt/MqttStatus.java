package io.microevents.mqtt;

import java.time.Instant;
import java.util.Map;

/**
 * The MQTT bridge's connection and counters, as the admin ({@code GET /microevents/mqtt}), the
 * {@code mqtt} health indicator and the metrics show them.
 *
 * @param node this node's name
 * @param broker the broker's address ({@code tcp://127.0.0.1:1883}), without credentials
 * @param embedded whether the broker is the embedded one, started by this node
 * @param protocolVersion {@code 5} or {@code 3.1.1}
 * @param connected whether the client is connected now
 * @param since when it last connected or lost the connection (null before the first attempt ended)
 * @param lastError why the last connection attempt or connection failed, or null
 * @param messagesIn messages received and turned into events
 * @param messagesOut events published (acknowledged by the broker at QoS 1 and 2)
 * @param buffered outbound events waiting for the connection
 * @param bufferedBytes their payload bytes
 * @param reconnects how many times the connection was made again after a loss
 * @param drops events and messages dropped, by reason (every reason, 0 when none)
 */
public record MqttStatus(String node, String broker, boolean embedded, String protocolVersion, boolean connected,
                         Instant since, String lastError, long messagesIn, long messagesOut, int buffered,
                         long bufferedBytes, long reconnects, Map<MqttDropReason, Long> drops) {

    /**
     * @return the sum of all drops
     */
    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }
}
