package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a trigger did.
 *
 * @param event the flag that was triggered
 * @param woken how many tasks will run because of it
 * @param dropped how many waiting tasks dropped it because their queue of triggers was full
 *     (each drop is counted in that task's {@code droppedTriggers})
 */
@Schema(name = "MicroeventsTriggerResult", description = "What a trigger did")
public record TriggerResult(
        @Schema(example = "sensor_event") String event,
        @Schema(description = "Tasks that will run because of this trigger", example = "2", format = "int32",
                minimum = "0") int woken,
        @Schema(description = "Waiting tasks that dropped this trigger because their queue of triggers was full; "
                + "each drop is counted in that task's droppedTriggers", example = "0", format = "int32",
                minimum = "0") int dropped) {
}
