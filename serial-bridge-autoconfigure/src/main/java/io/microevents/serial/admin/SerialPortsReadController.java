package io.microevents.serial.admin;

import java.util.List;

import io.microevents.admin.AdminEndpoint;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads the serial ports' status, under the admin's base path and read access. */
@RestController
@AdminEndpoint
@Tag(name = SerialPortsReadController.TAG, description = "Serial ports of the serial bridge")
class SerialPortsReadController {

    static final String TAG = "microevents: serial ports";

    private final SerialBridge bridge;

    SerialPortsReadController(SerialBridge bridge) {
        this.bridge = bridge;
    }

    @GetMapping(path = "/serial/ports", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsListSerialPorts", summary = "List serial ports",
            description = "SerialBridge.status(): every port, connected or not, with its line counters, drops and last error.")
    @ApiResponse(responseCode = "200", description = "The ports, in configuration order")
    List<SerialPortStatus> list() {
        return bridge.status();
    }

    @GetMapping(path = "/serial/ports/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsGetSerialPort", summary = "One serial port")
    @ApiResponse(responseCode = "200", description = "The port's status")
    @ApiResponse(responseCode = "404", description = "No port with that name",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    SerialPortStatus get(@Parameter(description = "Port name", example = "rig1") @PathVariable String name) {
        return bridge.status(name).orElseThrow(() -> SerialProblems.noSuchPort(name));
    }
}
