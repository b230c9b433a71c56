package io.microevents.admin;

import io.microevents.autoconfigure.RingRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads rings: the list, one ring, and a peek at its next message. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.RINGS, description = AdminTags.RINGS_DESCRIPTION)
class RingsReadController {

    private final RingRegistry rings;

    RingsReadController(RingRegistry rings) {
        this.rings = rings;
    }

    @GetMapping(path = "/rings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsListRings", summary = "List rings", description = "Every ring with its capacity, use and live message ids.")
    @ApiResponse(responseCode = "200", description = "The rings, ordered by name")
    List<RingView> list() {
        return rings.all().entrySet().stream().map(e -> RingView.of(e.getKey(), e.getValue())).toList();
    }

    @GetMapping(path = "/rings/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsGetRing", summary = "One ring",
            description = "The ring's capacity, used and free bytes, message count and live message ids.")
    @ApiResponse(responseCode = "200", description = "The ring")
    @AdminApiResponses.NotFound("No ring with that name")
    RingView get(@Parameter(description = "Ring name", example = "sensor") @PathVariable String name) {
        return RingView.of(name, AdminProblems.ring(rings, name));
    }

    @GetMapping(path = "/rings/{name}/peek", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsPeekMessage", summary = "Peek at the next message", description = "Ring.peek: the oldest message, left in the ring.")
    @ApiResponse(responseCode = "200", description = "The oldest message")
    @ApiResponse(responseCode = "204", description = "The ring is empty", content = @Content)
    @AdminApiResponses.NotFound("No ring with that name")
    ResponseEntity<MessageView> peek(@Parameter(description = "Ring name", example = "sensor") @PathVariable String name) {
        return AdminProblems.ring(rings, name).peek()
                .map(m -> ResponseEntity.ok(MessageView.of(m)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
