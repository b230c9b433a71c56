package io.microevents.admin;

import io.microevents.Work;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads the events that tasks wait for. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.EVENTS, description = AdminTags.EVENTS_DESCRIPTION)
class EventsReadController {

    private final Work work;

    EventsReadController(Work work) {
        this.work = work;
    }

    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsListEvents", summary = "List the events that tasks wait for",
            description = "Work.waitingEvents: each flag with how many tasks wait for it, ordered by flag.")
    @ApiResponse(responseCode = "200", description = "The events")
    List<EventView> list() {
        return work.waitingEvents().entrySet().stream()
                .map(e -> new EventView(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(EventView::event))
                .toList();
    }
}
