package io.microevents.serial.admin;

import io.microevents.admin.AdminEndpoint;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Writes a line to a serial port; needs the admin role. Not registered in the admin's read-only mode. */
@RestController
@AdminEndpoint
@Tag(name = SerialPortsReadController.TAG)
class SerialPortsWriteController {

    private final SerialBridge bridge;

    SerialPortsWriteController(SerialBridge bridge) {
        this.bridge = bridge;
    }

    @PostMapping(path = "/serial/ports/{name}/lines", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "microeventsWriteSerialLine", summary = "Write a line to a serial port",
            description = "SerialBridge.send: queues the line (the port's delimiter is added) for the port's writer thread.")
    @ApiResponse(responseCode = "202", description = "Queued for writing")
    @ApiResponse(responseCode = "400", description = "No line, or a line that contains the port's delimiter",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No port with that name",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The port is not connected (or switched off)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The port's write queue is full",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    SerialLineResult write(@Parameter(description = "Port name", example = "rig1") @PathVariable String name,
                           @RequestBody SerialLine body) {
        SerialPortStatus port = bridge.status(name).orElseThrow(() -> SerialProblems.noSuchPort(name));
        if (body == null || body.line() == null) {
            throw SerialProblems.of(HttpStatus.BAD_REQUEST, "line must be given: {\"line\": \"led on\"}");
        }
        if (!port.connected()) {
            throw SerialProblems.of(HttpStatus.CONFLICT, "Serial port '" + name + "' is not connected"
                    + (port.enabled() ? "" : " (switched off)"));
        }
        if (!bridge.send(name, body.line())) {
            throw SerialProblems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "Serial port '" + name + "' refused the line: its write queue is full, or it was lost just now");
        }
        return new SerialLineResult(name, body.line());
    }

    /**
     * The body of a write.
     *
     * @param line the line, without delimiter
     */
    record SerialLine(@Schema(example = "led on") String line) {
    }

    /**
     * The answer to a write.
     *
     * @param port the port
     * @param line the line queued for it
     */
    record SerialLineResult(String port, String line) {
    }
}
