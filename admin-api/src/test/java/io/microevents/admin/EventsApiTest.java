package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The event endpoints. */
class EventsApiTest extends AdminHttpTestSupport {

    private final List<String> runs = new ArrayList<>();

    @Test
    void listsTheEventsTasksWaitForWithListenerCounts() {
        work.on(args -> { }, "door", true);
        work.on(args -> { }, "door");
        work.on(args -> { }, "alarm", true);

        viewer.get().uri(BASE + "/events").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].event").isEqualTo(List.of("alarm", "door"))
                .jsonPath("$[*].listeners").isEqualTo(List.of(1, 2));
    }

    @Test
    void triggeringWithAPkgWakesTheListenersWithIt() {
        work.on(args -> runs.add("a" + Arrays.toString(args)), "door", true);
        work.on(args -> runs.add("b" + Arrays.toString(args)), "door");

        admin.post().uri(BASE + "/events/door")
                .contentType(MediaType.APPLICATION_JSON)
                .body("[42, \"open\"]")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.event").isEqualTo("door")
                .jsonPath("$.woken").isEqualTo(2);

        work.runDue();
        assertThat(runs).containsExactly("a[42, open]", "b[42, open]");
    }

    @Test
    void triggeringWithoutABodyKeepsEachTasksParams() {
        work.on(args -> runs.add(Arrays.toString(args)), new Object[] {"own"}, "door", 0, true, 0);

        admin.post().uri(BASE + "/events/door").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.woken").isEqualTo(1);
        admin.post().uri(BASE + "/events/door").contentType(MediaType.APPLICATION_JSON).body("[]").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.woken").isEqualTo(1);

        work.runDue();
        assertThat(runs).containsExactly("[own]", "[own]");
    }

    @Test
    void anEventNobodyWaitsForWakesNobody() {
        admin.post().uri(BASE + "/events/nobody").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.woken").isEqualTo(0);
    }
}
