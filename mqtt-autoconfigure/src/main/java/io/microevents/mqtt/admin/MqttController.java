package io.microevents.mqtt.admin;

import io.microevents.admin.AdminEndpoint;
import io.microevents.mqtt.MqttBridge;
import io.microevents.mqtt.MqttStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads the MQTT connection and its counters, under the admin's base path and read access. */
@RestController
@AdminEndpoint
@Tag(name = MqttController.TAG, description = "Events across hosts over MQTT")
class MqttController {

    static final String TAG = "microevents: mqtt";

    private final MqttBridge bridge;

    MqttController(MqttBridge bridge) {
        this.bridge = bridge;
    }

    @GetMapping(path = "/mqtt", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsGetMqtt", summary = "The MQTT connection",
            description = "MqttBridge.status(): this node, the broker, connected or not and since when, "
                    + "messages in and out, buffered events and drops by reason.")
    @ApiResponse(responseCode = "200", description = "The connection and its counters")
    MqttStatus get() {
        return bridge.status();
    }
}
