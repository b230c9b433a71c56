package io.microevents.admin;

import io.microevents.Message;
import io.microevents.Ring;
import io.microevents.autoconfigure.RingRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Pulls ring messages. Not registered in read-only mode. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.RINGS, description = AdminTags.RINGS_DESCRIPTION)
class RingsWriteController {

    private final RingRegistry rings;

    RingsWriteController(RingRegistry rings) {
        this.rings = rings;
    }

    @DeleteMapping(path = "/rings/{name}/messages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsPullMessage", summary = "Pull a message by id",
            description = "Ring.pull: removes the first message with that id in FIFO order and returns it.")
    @ApiResponse(responseCode = "200", description = "The message, now removed from the ring")
    @AdminApiResponses.BadRequest("The id is outside 1..65535")
    @AdminApiResponses.NotFound("No ring with that name, or no message with that id")
    MessageView pull(@Parameter(description = "Ring name", example = "sensor") @PathVariable String name,
                     @Parameter(description = "Message id, 1..65535", example = "1", schema = @Schema(type = "integer",
                             format = "int32", minimum = "1", maximum = "65535")) @PathVariable int id) {
        Ring ring = AdminProblems.ring(rings, name);
        if (id < 1 || id > Ring.MAX_ID) {
            throw AdminProblems.badRequest("id must be between 1 and " + Ring.MAX_ID + ", but was " + id);
        }
        Message message = ring.pull(id);
        if (message.isNone()) {
            throw AdminProblems.of(HttpStatus.NOT_FOUND, "No message with id " + id + " in ring '" + name + "'");
        }
        return MessageView.of(message);
    }
}
