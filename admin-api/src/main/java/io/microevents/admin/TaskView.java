package io.microevents.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.microevents.ClusterSlots;
import io.microevents.SafeText;
import io.microevents.TaskKind;
import io.microevents.TaskState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One task as the admin shows it: the fields of {@link io.microevents.TaskStatus}, with
 * {@code nextExecution} and {@code lastExecution} named as in Spring Boot Actuator's
 * {@code scheduledtasks} endpoint.
 *
 * @param id the task id
 * @param job the job's display name
 * @param kind which call made the task
 * @param state scheduled, waiting for an event, or running
 * @param event the event the task waits for, or null
 * @param interval the repeat interval in milliseconds; 0 when it does not repeat on a timer
 * @param params the params its next run receives
 * @param nextExecution when the next queued run is due; null when none is queued
 * @param lastExecution how the last run ended; null before the first run
 * @param runs finished runs
 * @param failures runs that threw
 * @param lastError what the last failing run threw; null when none failed
 * @param queuedTriggers triggers queued and not yet run
 * @param droppedTriggers triggers refused because too many were queued
 * @param cluster for a task that runs on one instance of a cluster at a time
 *     ({@code @Repeat(singleton = true)}): what its slots did here; null for every other task
 */
@Schema(name = "MicroeventsTask", description = "A scheduled task")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(
        @Schema(description = "Task id", example = "7", format = "int32", minimum = "1") int id,
        @Schema(description = "Display name of the job", example = "SensorReader.poll") String job,
        @Schema(description = "Which call made the task") TaskKind kind,
        @Schema(description = "Where the task stands") TaskState state,
        @Schema(description = "Event the task waits for; absent when none", example = "sensor_event") String event,
        @Schema(description = "Repeat interval in ms; 0 when the task does not repeat on a timer", example = "1000",
                format = "int64", minimum = "0")
        long interval,
        @Schema(description = "Params its next run receives (values that are not JSON are shown as text)")
        List<Object> params,
        @Schema(description = "Next queued run; absent when none is queued") NextExecution nextExecution,
        @Schema(description = "Last finished run; absent before the first run") LastExecution lastExecution,
        @Schema(description = "Finished runs, successful or not") long runs,
        @Schema(description = "Runs that threw") long failures,
        @Schema(description = "What the last failing run threw; absent when none failed") ErrorInfo lastError,
        @Schema(description = "Triggers queued and not yet run") int queuedTriggers,
        @Schema(description = "Triggers refused because the task already had the maximum queued") long droppedTriggers,
        @Schema(description = "For a task that runs on one instance of a cluster at a time: what its slots did "
                + "here; absent for other tasks") Cluster cluster) {

    /**
     * A view of a task that is not a singleton: {@link #cluster()} is null.
     *
     * @param id the task id
     * @param job the job's display name
     * @param kind which call made the task
     * @param state scheduled, waiting for an event, or running
     * @param event the event the task waits for, or null
     * @param interval the repeat interval in milliseconds; 0 when it does not repeat on a timer
     * @param params the params its next run receives
     * @param nextExecution when the next queued run is due; null when none is queued
     * @param lastExecution how the last run ended; null before the first run
     * @param runs finished runs
     * @param failures runs that threw
     * @param lastError what the last failing run threw; null when none failed
     * @param queuedTriggers triggers queued and not yet run
     * @param droppedTriggers triggers refused because too many were queued
     */
    public TaskView(int id, String job, TaskKind kind, TaskState state, String event, long interval,
                    List<Object> params, NextExecution nextExecution, LastExecution lastExecution, long runs,
                    long failures, ErrorInfo lastError, int queuedTriggers, long droppedTriggers) {
        this(id, job, kind, state, event, interval, params, nextExecution, lastExecution, runs, failures, lastError,
                queuedTriggers, droppedTriggers, null);
    }

    /**
     * The slots of a singleton task on this instance.
     *
     * @param lockName the lock the instances share
     * @param lastSlot what happened at the last slot: ran here, held by another instance, or lock store failed
     * @param ranHere slots run on this instance
     * @param heldElsewhere slots skipped because another instance held the lock
     * @param lockFailures slots skipped because the lock store failed or did not answer in time
     */
    @Schema(name = "MicroeventsClusterSlots")
    public record Cluster(
            @Schema(description = "Lock the instances share", example = "Reports.send") String lockName,
            @Schema(description = "What happened at the last slot") ClusterSlots.Outcome lastSlot,
            @Schema(description = "Slots run on this instance") long ranHere,
            @Schema(description = "Slots skipped because another instance held the lock") long heldElsewhere,
            @Schema(description = "Slots skipped because the lock store failed or did not answer in time")
            long lockFailures) {

        static Cluster of(ClusterSlots slots) {
            return slots == null ? null : new Cluster(slots.lockName(), slots.lastSlot(), slots.ranHere(),
                    slots.heldElsewhere(), slots.lockFailures());
        }
    }

    /**
     * The next queued run.
     *
     * @param time when it is due (ISO-8601 instant on the wall clock)
     * @param inMillis milliseconds from now until it is due; 0 when due or late
     */
    @Schema(name = "MicroeventsNextExecution")
    public record NextExecution(
            @Schema(description = "When it is due", format = "date-time") String time,
            @Schema(description = "Milliseconds until it is due; 0 when due or late", example = "250") long inMillis) {
    }

    /**
     * The last finished run.
     *
     * @param status {@code SUCCESS} or {@code ERROR}
     * @param time when it started (ISO-8601 instant on the wall clock)
     * @param exception what it threw; null when it succeeded
     */
    @Schema(name = "MicroeventsLastExecution")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastExecution(
            @Schema(description = "How it ended", allowableValues = {"SUCCESS", "ERROR"}) String status,
            @Schema(description = "When it started", format = "date-time") String time,
            @Schema(description = "What it threw; absent when it succeeded") ErrorInfo exception) {
    }

    /**
     * An exception, by type and message.
     *
     * @param type the exception's class name
     * @param message its message, or null
     */
    @Schema(name = "MicroeventsError")
    public record ErrorInfo(
            @Schema(example = "java.lang.IllegalStateException") String type,
            @Schema(example = "sensor not ready") String message) {

        /** The longest message kept, in characters (plus a note of the cut and the original length). */
        static final int MAX_MESSAGE = SafeText.DEFAULT_MAX_CHARS;

        /**
         * An exception as the admin keeps and shows it: the message may quote values from outside
         * (event arguments, params), so it is bounded and its control characters escaped.
         */
        static ErrorInfo of(Throwable error) {
            if (error == null) {
                return null;
            }
            String message = error.getMessage();
            return new ErrorInfo(error.getClass().getName(), message == null ? null : SafeText.of(message, MAX_MESSAGE));
        }
    }
}
