package io.microevents.samples.labrig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.microevents.admin.MessageView;
import io.microevents.admin.RingView;
import io.microevents.admin.TaskPage;
import io.microevents.admin.TaskView;
import io.microevents.admin.TriggerResult;
import io.microevents.serial.SerialPortStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The lab rig end to end, over HTTP on a random port, with the simulated rig in real time: the
 * poller every 50 ms, a fixed seed, no spontaneous button presses (so every press is the test's).
 * The last test cancels the poller, so the order matters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab-rig.poll=50ms", "lab-rig.watchdog=50ms", "lab-rig.silence=500ms",
        "lab-rig.simulator.seed=7", "lab-rig.simulator.button-every=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabRigApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    RestTestClient http;

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port + "/microevents").build();
    }

    private <T> T get(String uri, Class<T> type) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(type).returnResult().getResponseBody();
    }

    /** The one task that waits for an event, or the one repeating task with that job. */
    private TaskView task(String query, String job) {
        TaskPage page = get("/tasks?" + query, TaskPage.class);
        return page.content().stream().filter(task -> task.job().equals(job)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + job + " in " + page.content()));
    }

    private long runs(String event, String job) {
        return task("event=" + event, job).runs();
    }

    @Test
    @Order(1)
    void simulatedReadingsShowUpAsTaskRunsAndRingMessages() {
        await("readings handled").atMost(PATIENCE)
                .until(() -> runs("sensor", "LabRig.onReading") >= 5 && task("kind=repeat", "LabRig.poll").runs() >= 5);

        RingView ring = get("/rings/readings", RingView.class);
        assertThat(ring.ids()).contains(LabRig.READING);
        MessageView reading = http.delete().uri("/rings/readings/messages/" + LabRig.READING).exchange()
                .expectStatus().isOk().expectBody(MessageView.class).returnResult().getResponseBody();
        assertThat(reading.text()).matches("\\d+\\.\\d");

        await("lines through the serial bridge").atMost(PATIENCE).untilAsserted(() -> {
            SerialPortStatus rig = get("/serial/ports/rig", SerialPortStatus.class);
            assertThat(rig.connected()).isTrue();
            assertThat(rig.path()).isEqualTo("sim:lab-rig");
            assertThat(rig.linesOut()).as("'read' lines to the rig").isGreaterThanOrEqualTo(5);
            assertThat(rig.linesIn()).as("'sensor' lines from the rig").isGreaterThanOrEqualTo(5);
            assertThat(rig.droppedLines()).isZero();
        });
    }

    @Test
    @Order(2)
    void anEventTriggeredOverRestReachesItsHandlerAndSoDoesALineSentToTheRig() {
        TriggerResult pressed = http.post().uri("/events/button").exchange()
                .expectStatus().isOk().expectBody(TriggerResult.class).returnResult().getResponseBody();
        assertThat(pressed.woken()).isEqualTo(1);
        await("checkpoint marked").atMost(PATIENCE).until(() -> runs("button", "LabRig.onButton") == 1);
        assertThat(get("/rings/readings", RingView.class).ids()).contains(LabRig.CHECKPOINT);

        http.post().uri("/serial/ports/rig/lines").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("line", "press")).exchange().expectStatus().isAccepted();
        await("the rig's button, pressed by command").atMost(PATIENCE)
                .until(() -> runs("button", "LabRig.onButton") == 2);
    }

    @Test
    @Order(3)
    void aTaskCancelledOverRestStopsRunningAndTheWatchdogNotices() {
        int poller = task("kind=repeat", "LabRig.poll").id();
        long silences = runs("silence", "LabRig.onSilence");

        http.delete().uri("/tasks/" + poller).exchange().expectStatus().isNoContent();
        http.get().uri("/tasks/" + poller).exchange().expectStatus().isEqualTo(HttpStatus.NOT_FOUND);

        await("the watchdog reports the silence").atMost(PATIENCE)
                .until(() -> runs("silence", "LabRig.onSilence") > silences);
        assertThat(get("/rings/readings", RingView.class).ids()).contains(LabRig.SILENCE);
    }

    @Test
    @Order(0)
    void theOpenApiDocumentCarriesTheLabRigsOwnTitle() {
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("Lab rig")
                .jsonPath("$.info.version").isNotEmpty()
                .jsonPath("$.info.description").value(String.class, d -> assertThat(d).contains("serial port"))
                .jsonPath("$.paths['/microevents/tasks'].get").exists();
    }
}
