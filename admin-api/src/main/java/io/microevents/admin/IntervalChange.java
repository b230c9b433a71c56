package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * The body of a repeat interval change.
 *
 * @param interval the new interval in milliseconds; 0 ends the task after its next run
 */
@Schema(name = "MicroeventsIntervalChange", description = "A new repeat interval")
public record IntervalChange(
        @Schema(description = "New interval in ms: a JSON integer >= 0; 0: the task ends after its current or next "
                + "run. For an event listener, > 0 makes it run on every trigger and 0 makes its next run its last.",
                example = "500", requiredMode = Schema.RequiredMode.REQUIRED, format = "int64", minimum = "0")
        @JsonDeserialize(using = IntervalChange.JsonInteger.class)
        Long interval) {

    /**
     * Takes a JSON integer only. Jackson would otherwise turn {@code 0.5} into 0 (ending a poller)
     * and {@code 1.9} into 1, and read the string {@code "500"} as a number.
     */
    static final class JsonInteger extends StdDeserializer<Long> {

        JsonInteger() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            return p.getLongValue();
        }
    }
}
