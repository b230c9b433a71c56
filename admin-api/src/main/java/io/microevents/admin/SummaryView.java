package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The scheduler at a glance.
 *
 * @param taskCount tasks that can still run
 * @param pendingCount runs queued for execution
 * @param maxTasks the size of the task table
 * @param running whether a loop thread runs the scheduler
 * @param waitingEvents how many distinct events tasks wait for
 * @param rings how many rings the admin shows
 * @param lateness how late runs started
 * @param uptimeMillis milliseconds on the scheduler's clock since the admin started
 * @param startedAt when the admin started (ISO-8601 instant)
 */
@Schema(name = "MicroeventsSummary", description = "The scheduler at a glance")
public record SummaryView(
        @Schema(example = "3") int taskCount,
        @Schema(description = "Runs queued for execution", example = "2") int pendingCount,
        @Schema(example = "256") int maxTasks,
        @Schema(description = "Whether a loop thread runs the scheduler") boolean running,
        @Schema(description = "Distinct events that tasks wait for", example = "1") int waitingEvents,
        @Schema(description = "Rings the admin shows", example = "1") int rings,
        Lateness lateness,
        @Schema(description = "Milliseconds on the scheduler's clock since the admin started", example = "86400000")
        long uptimeMillis,
        @Schema(description = "When the admin started", format = "date-time") String startedAt) {

    /**
     * How late runs started (actual start minus due time), over all runs since the admin started.
     *
     * @param runs how many runs were measured
     * @param lastMillis lateness of the last run
     * @param maxMillis the largest lateness
     * @param meanMillis the mean lateness
     */
    @Schema(name = "MicroeventsLateness", description = "How late runs started, in ms, since the admin started")
    public record Lateness(
            @Schema(example = "1200") long runs,
            @Schema(example = "0.05") double lastMillis,
            @Schema(example = "12.5") double maxMillis,
            @Schema(example = "0.2") double meanMillis) {
    }
}
