package io.microevents.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.microevents.Message;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A ring message.
 *
 * @param id the message id
 * @param length the payload length in bytes
 * @param bytes the payload, Base64
 * @param text the payload as UTF-8 text; null when it is not valid UTF-8
 */
@Schema(name = "MicroeventsMessage", description = "A ring message")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(
        @Schema(description = "Message id, 1..65535", example = "1", format = "int32", minimum = "1", maximum = "65535")
        int id,
        @Schema(description = "Payload length in bytes", example = "13") int length,
        @Schema(description = "Payload, Base64", format = "byte", example = "SGVsbG8sIFdvcmxkIQ==") String bytes,
        @Schema(description = "Payload as UTF-8 text; absent when it is not valid UTF-8", example = "Hello, World!")
        String text) {

    static MessageView of(Message message) {
        byte[] payload = message.bytes();
        return new MessageView(message.id(), payload.length, Base64.getEncoder().encodeToString(payload), utf8(payload));
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
