package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An event that tasks wait for.
 *
 * @param event the flag
 * @param listeners how many tasks wait for it
 */
@Schema(name = "MicroeventsEvent", description = "An event that tasks wait for")
public record EventView(
        @Schema(example = "sensor_event") String event,
        @Schema(description = "Tasks waiting for it", example = "2") int listeners) {
}
