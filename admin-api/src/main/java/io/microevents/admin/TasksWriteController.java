package io.microevents.admin;

import io.microevents.TaskRejectedException;
import io.microevents.Work;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Changes tasks: cancel, repeat interval, params, run now. Not registered in read-only mode. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.TASKS, description = AdminTags.TASKS_DESCRIPTION)
@AdminApiResponses.BadRequest("The id is not a positive integer, or the body is invalid")
@AdminApiResponses.NotFound("No task with that id")
class TasksWriteController {

    /** The largest interval the scheduler can hold in nanoseconds. */
    private static final long MAX_INTERVAL = Long.MAX_VALUE / 1_000_000L;

    /** The description of a change's 200 response. */
    private static final String AFTER_CHANGE = "The task after the change (no body if it ended meanwhile)";

    private final Work work;
    private final TaskViews views;

    TasksWriteController(Work work, TaskViews views) {
        this.work = work;
        this.views = views;
    }

    @DeleteMapping("/tasks/{id}")
    @Operation(operationId = "microeventsCancelTask", summary = "Cancel a task", description = "The task never runs again; a run in progress finishes.")
    @ApiResponse(responseCode = "204", description = "Cancelled", content = @Content)
    ResponseEntity<Void> cancel(@TaskIdParameter @PathVariable int id) {
        AdminProblems.checkTaskId(id);
        if (!work.cancel(id)) {
            throw AdminProblems.noSuchTask(id);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/tasks/{id}/interval", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsSetTaskInterval", summary = "Change the repeat interval",
            description = "Work.setRepeat: a timed task's next run moves to the last run's slot plus the new "
                    + "interval; 0 ends the task after its current or next run.")
    @ApiResponse(responseCode = "200", description = AFTER_CHANGE)
    @AdminApiResponses.PayloadTooLarge
    ResponseEntity<TaskView> setInterval(@TaskIdParameter @PathVariable int id,
                         @RequestBody IntervalChange change) {
        AdminProblems.checkTaskId(id);
        Long interval = change.interval();
        if (interval == null) {
            throw AdminProblems.badRequest("interval is required");
        }
        if (interval < 0 || interval > MAX_INTERVAL) {
            throw AdminProblems.badRequest("interval must be between 0 and " + MAX_INTERVAL + " ms, but was " + interval);
        }
        return after(work.setRepeat(interval, id), id, HttpStatus.OK);
    }

    @PutMapping(path = "/tasks/{id}/params", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsReplaceTaskParams", summary = "Replace a task's params",
            description = "Work.send: the JSON array becomes the params of the task's next runs. JSON numbers "
                    + "arrive as Integer, Long or Double (or BigInteger/BigDecimal), objects as Map, arrays as List.")
    @ApiResponse(responseCode = "200", description = AFTER_CHANGE)
    @AdminApiResponses.PayloadTooLarge
    ResponseEntity<TaskView> replaceParams(@TaskIdParameter @PathVariable int id,
                           @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The new params",
                                   content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                   array = @ArraySchema(schema = @Schema(ref = AdminSchemas.ARGUMENT_REF),
                                           arraySchema = @Schema(example = "[42, \"open\"]"))))
                           @RequestBody List<Object> params) {
        AdminProblems.checkTaskId(id);
        return after(work.send(params.toArray(), id), id, HttpStatus.OK);
    }

    @PostMapping(path = "/tasks/{id}/run", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsRunTaskNow", summary = "Run a task now",
            description = "Work.runNow: queues one extra run of the task's job with its params, due now. The "
                    + "task's own schedule is unchanged.")
    @ApiResponse(responseCode = "202", description = "The extra run is queued; the task as it stands (no body if it "
            + "ended meanwhile)")
    @AdminApiResponses.TooManyRequests("The task's queue of runs is full: this run was dropped, and "
            + "counted in the task's droppedTriggers")
    ResponseEntity<TaskView> runNow(@TaskIdParameter @PathVariable int id) {
        AdminProblems.checkTaskId(id);
        boolean found;
        try {
            found = work.runNow(id);
        } catch (TaskRejectedException e) {
            if (e.reason() != TaskRejectedException.Reason.QUEUE_FULL) {
                throw e;
            }
            throw AdminProblems.of(HttpStatus.TOO_MANY_REQUESTS, "Run of task " + id + " dropped: its queue of "
                    + "runs is full (microevents.work.max-queued-triggers). The drop is counted in the task's "
                    + "droppedTriggers; try again once its queued runs have run.");
        }
        return after(found, id, HttpStatus.ACCEPTED);
    }

    /**
     * The task after a change, or a 404 problem when the change found no such task; no body if it
     * ended in the meantime (the loop runs concurrently).
     */
    private ResponseEntity<TaskView> after(boolean found, int id, HttpStatus status) {
        if (!found) {
            throw AdminProblems.noSuchTask(id);
        }
        return work.status(id)
                .map(s -> ResponseEntity.status(status).body(views.of(s)))
                .orElseGet(() -> ResponseEntity.status(status).build());
    }
}
