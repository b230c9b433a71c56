package io.microevents.serial;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one port of a {@link SerialBridge}. Counters run from the bridge's start and
 * survive reconnects.
 *
 * @param name the port's name in the bridge
 * @param path the configured device path
 * @param enabled false when the port is configured but switched off
 * @param connected whether the port is open now
 * @param connectedSince when it was opened last, or null while it is not connected
 * @param linesIn inbound lines that became events
 * @param linesOut outbound lines written to the port
 * @param droppedLines inbound lines counted and skipped (the sum of {@code droppedByReason})
 * @param droppedByReason skipped inbound lines by reason (every reason present, zeros included)
 * @param droppedWrites outbound lines refused or lost: port not connected, queue full, write failed
 * @param droppedTriggers triggers of this port's events that listeners dropped because their
 *     queue of triggers was full (one per listener and line); the lines still count in {@code linesIn}
 * @param disconnects how often an open port was lost
 * @param lastDisconnectAt when it was lost last, or null
 * @param lastError what went wrong last (open failure, lost port, skipped line), or null
 * @param lastErrorAt when, or null
 * @param lastLineAt when the last inbound line became an event, or null
 */
public record SerialPortStatus(
        String name,
        String path,
        boolean enabled,
        boolean connected,
        Instant connectedSince,
        long linesIn,
        long linesOut,
        long droppedLines,
        Map<DropReason, Long> droppedByReason,
        long droppedWrites,
        long droppedTriggers,
        long disconnects,
        Instant lastDisconnectAt,
        String lastError,
        Instant lastErrorAt,
        Instant lastLineAt) {

    /**
     * Copies {@code droppedByReason} into an unmodifiable map in the order of {@link DropReason}.
     *
     * @param name the port's name in the bridge
     * @param path the configured device path
     * @param enabled false when the port is configured but switched off
     * @param connected whether the port is open now
     * @param connectedSince when it was opened last, or null while it is not connected
     * @param linesIn inbound lines that became events
     * @param linesOut outbound lines written to the port
     * @param droppedLines inbound lines counted and skipped (the sum of {@code droppedByReason})
     * @param droppedByReason skipped inbound lines by reason (every reason present, zeros included)
     * @param droppedWrites outbound lines refused or lost: port not connected, queue full, write failed
     * @param droppedTriggers triggers of this port's events that listeners dropped because their
     *     queue of triggers was full (one per listener and line)
 * @param droppedTriggers triggers of this port's events that listeners dropped because their
 *     queue of triggers was full (one per listener and line); the lines still count in {@code linesIn}
     * @param disconnects how often an open port was lost
     * @param lastDisconnectAt when it was lost last, or null
     * @param lastError what went wrong last (open failure, lost port, skipped line), or null
     * @param lastErrorAt when, or null
     * @param lastLineAt when the last inbound line became an event, or null
     */
    public SerialPortStatus {
        EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        copy.putAll(droppedByReason);
        droppedByReason = Collections.unmodifiableMap(copy);
    }

    /**
     * Whether the port is in the state it should be in: connected, or switched off.
     *
     * @return false for an enabled port that is not open
     */
    public boolean healthy() {
        return connected || !enabled;
    }
}
