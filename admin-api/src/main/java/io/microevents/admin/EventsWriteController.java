package io.microevents.admin;

import io.microevents.Checks;
import io.microevents.TriggerOutcome;
import io.microevents.Work;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Triggers events. Not registered in read-only mode. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.EVENTS, description = AdminTags.EVENTS_DESCRIPTION)
class EventsWriteController {

    private final Work work;

    EventsWriteController(Work work) {
        this.work = work;
    }

    @PostMapping(path = "/events/{event}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsTriggerEvent", summary = "Trigger an event",
            description = "Work.triggerEvent: every task waiting for the event runs once for this trigger. A "
                    + "non-empty JSON array body becomes the pkg (the runs' arguments); no body or [] leaves "
                    + "each task's params as they are.")
    @ApiResponse(responseCode = "200", description = "How many tasks will run because of this trigger")
    @AdminApiResponses.BadRequest("Blank event name, or a body that is not a JSON array")
    @AdminApiResponses.PayloadTooLarge
    TriggerResult trigger(
            @Parameter(description = "The event flag", example = "sensor_event") @PathVariable String event,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The pkg: the runs' arguments",
                    required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(ref = AdminSchemas.ARGUMENT_REF),
                            arraySchema = @Schema(example = "[42, \"open\"]"))))
            @RequestBody(required = false) List<Object> pkg) {
        Checks.notBlank(event, "event");
        Object[] args = pkg == null ? new Object[0] : pkg.toArray();
        TriggerOutcome outcome = work.trigger(event, args);
        return new TriggerResult(event, outcome.woken(), outcome.dropped());
    }
}
