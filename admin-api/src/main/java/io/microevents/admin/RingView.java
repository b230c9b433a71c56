package io.microevents.admin;

import io.microevents.OverflowPolicy;
import io.microevents.Ring;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A ring buffer as the admin shows it.
 *
 * @param name the ring's name
 * @param capacity its size in bytes
 * @param used bytes taken by headers, payloads and pulled records not yet reclaimed
 * @param free bytes left
 * @param messageCount live messages
 * @param ids live message ids in FIFO order, duplicates included
 * @param overflowPolicy what a full ring does with a new message
 * @param droppedCount messages dropped to make room (policy {@code DROP_OLDEST})
 */
@Schema(name = "MicroeventsRing", description = "A ring buffer")
public record RingView(
        @Schema(example = "sensor") String name,
        @Schema(description = "Size in bytes", example = "1024") int capacity,
        @Schema(description = "Bytes used by headers, payloads and pulled records not yet reclaimed", example = "34")
        int used,
        @Schema(description = "Bytes free", example = "990") int free,
        @Schema(description = "Live messages", example = "2") int messageCount,
        @ArraySchema(arraySchema = @Schema(description = "Live message ids in FIFO order, duplicates included",
                example = "[1, 2]"), schema = @Schema(format = "int32", minimum = "1", maximum = "65535"))
        List<Integer> ids,
        OverflowPolicy overflowPolicy,
        @Schema(description = "Messages dropped to make room", example = "0") long droppedCount) {

    static RingView of(String name, Ring ring) {
        return new RingView(name, ring.capacity(), ring.used(), ring.free(), ring.messageCount(), ring.list(),
                ring.overflowPolicy(), ring.droppedCount());
    }
}
