package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a repeat interval change.
 *
 * @param interval the new interval in milliseconds; 0 ends the task after its next run
 */
@Schema(name = "MicroeventsIntervalChange", description = "A new repeat interval")
public record IntervalChange(
        @Schema(description = "New interval in ms (>= 0); 0: the task ends after its current or next run. "
                + "For an event listener, > 0 makes it run on every trigger and 0 makes its next run its last.",
                example = "500", requiredMode = Schema.RequiredMode.REQUIRED)
        Long interval) {
}
