package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The ring endpoints. */
class RingsApiTest extends AdminHttpTestSupport {

    @Test
    void listsRingsWithCapacityUseAndIds() {
        sensor.put(1, "Hello, World!".getBytes(StandardCharsets.UTF_8));
        sensor.put(2, new byte[] {1, 2, 3});

        viewer.get().uri(BASE + "/rings").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].name").isEqualTo(List.of("audit", "sensor"))
                .jsonPath("$[1].capacity").isEqualTo(64)
                .jsonPath("$[1].used").isEqualTo(17 + 7)
                .jsonPath("$[1].free").isEqualTo(64 - 24)
                .jsonPath("$[1].messageCount").isEqualTo(2)
                .jsonPath("$[1].ids").isEqualTo(List.of(1, 2))
                .jsonPath("$[1].overflowPolicy").isEqualTo("REJECT")
                .jsonPath("$[0].overflowPolicy").isEqualTo("DROP_OLDEST")
                .jsonPath("$[0].messageCount").isEqualTo(0);

        viewer.get().uri(BASE + "/rings/sensor").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.ids").isEqualTo(List.of(1, 2));
    }

    @Test
    void peekShowsTheOldestMessageAndLeavesIt() {
        sensor.put(5, "Hello, World!".getBytes(StandardCharsets.UTF_8));
        sensor.put(6, new byte[] {(byte) 0xff});

        viewer.get().uri(BASE + "/rings/sensor/peek").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(5)
                .jsonPath("$.length").isEqualTo(13)
                .jsonPath("$.text").isEqualTo("Hello, World!")
                .jsonPath("$.bytes").isEqualTo(Base64.getEncoder().encodeToString(
                        "Hello, World!".getBytes(StandardCharsets.UTF_8)));
        assertThat(sensor.list()).containsExactly(5, 6);

        sensor.get();
        viewer.get().uri(BASE + "/rings/sensor/peek").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.bytes").isEqualTo("/w==")
                .jsonPath("$.text").doesNotExist();
    }

    @Test
    void peekAtAnEmptyRingIsNoContent() {
        viewer.get().uri(BASE + "/rings/sensor/peek").exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void pullRemovesTheFirstMessageWithThatId() {
        sensor.put(1, "a".getBytes(StandardCharsets.UTF_8));
        sensor.put(2, "b".getBytes(StandardCharsets.UTF_8));
        sensor.put(2, "c".getBytes(StandardCharsets.UTF_8));

        admin.delete().uri(BASE + "/rings/sensor/messages/2").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id").isEqualTo(2)
                .jsonPath("$.text").isEqualTo("b");

        assertThat(sensor.list()).containsExactly(1, 2);
        assertThat(sensor.get().text()).isEqualTo("a");
        assertThat(sensor.get().text()).isEqualTo("c");
    }
}
