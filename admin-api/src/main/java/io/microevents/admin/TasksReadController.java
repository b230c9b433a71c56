package io.microevents.admin;

import io.microevents.TaskKind;
import io.microevents.TaskState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads tasks: the list with filters and paging, and one task's status. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.TASKS, description = AdminTags.TASKS_DESCRIPTION)
class TasksReadController {

    private final TaskViews views;
    private final MicroeventsAdminProperties properties;

    TasksReadController(TaskViews views, MicroeventsAdminProperties properties) {
        this.views = views;
        this.properties = properties;
    }

    @GetMapping(path = "/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsListTasks", summary = "List tasks",
            description = "Tasks ordered by id, optionally filtered by state, kind and event, one page at a time. "
                    + "State and kind are case-insensitive.")
    @ApiResponse(responseCode = "200", description = "A page of tasks")
    @AdminApiResponses.BadRequest("Unknown state or kind, or a page or size out of range")
    TaskPage list(
            @Parameter(description = "Only tasks in this state") @RequestParam(required = false) TaskState state,
            @Parameter(description = "Only tasks of this kind") @RequestParam(required = false) TaskKind kind,
            @Parameter(description = "Only tasks waiting for this event") @RequestParam(required = false) String event,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = "integer", format = "int32",
                    minimum = "0", defaultValue = "0")) @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size; default microevents.admin.default-page-size (50), "
                    + "at most microevents.admin.max-page-size (500)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1"))
            @RequestParam(required = false) Integer size) {
        int pageSize = size == null ? properties.getDefaultPageSize() : size;
        if (page < 0) {
            throw AdminProblems.badRequest("page must be >= 0, but was " + page);
        }
        if (pageSize < 1 || pageSize > properties.getMaxPageSize()) {
            throw AdminProblems.badRequest("size must be between 1 and " + properties.getMaxPageSize()
                    + ", but was " + pageSize);
        }
        return views.page(state, kind, event, page, pageSize);
    }

    @GetMapping(path = "/tasks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsGetTask", summary = "One task's status",
            description = "The task's kind, state, interval, params, next and last execution, run and failure "
                    + "counts, last error, and queued and dropped triggers.")
    @ApiResponse(responseCode = "200", description = "The task")
    @AdminApiResponses.BadRequest("The id is not a positive integer")
    @AdminApiResponses.NotFound("No task with that id")
    TaskView get(@TaskIdParameter @PathVariable int id) {
        return views.find(id);
    }
}
