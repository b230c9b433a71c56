package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a trigger did.
 *
 * @param event the flag that was triggered
 * @param woken how many tasks will run because of it
 */
@Schema(name = "MicroeventsTriggerResult", description = "What a trigger did")
public record TriggerResult(
        @Schema(example = "sensor_event") String event,
        @Schema(description = "Tasks that will run because of this trigger", example = "2") int woken) {
}
