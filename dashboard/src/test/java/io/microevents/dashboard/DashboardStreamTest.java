package io.microevents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.microevents.ManualTicker;
import io.microevents.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream without a browser, over real HTTP, on virtual time: the scheduler runs only when the
 * test says so ({@link ManualTicker}), and the publisher reads the state only when the test calls
 * {@link DashboardStream#tick()} (its own ticks are an hour apart here), so every update is
 * deterministic.
 */
@SpringBootTest(classes = {DashboardTestApplication.class, DashboardStreamTest.VirtualTime.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "microevents.dashboard.update-interval=1h",
                "microevents.dashboard.max-clients=3",
                "microevents.dashboard.history=4",
                "microevents.dashboard.heartbeat=300ms",
                "test.sensor.every=1s"})
class DashboardStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class VirtualTime {
        @Bean
        ManualTicker ticker() {
            return new ManualTicker();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Work work;

    @Autowired
    DashboardStream stream;

    private final List<SseClient> open = new ArrayList<>();

    /** Runs what is due (the sensor's first poll, at 0) so that each test starts from a quiet scheduler. */
    @org.junit.jupiter.api.BeforeEach
    void settle() {
        while (work.runDue() > 0) {
            // again: a run may trigger more
        }
        stream.tick();
    }

    @AfterEach
    void closeStreams() throws Exception {
        for (SseClient c : open) {
            c.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.clientCount() == 0);
    }

    private SseClient connect(String lastEventId) throws Exception {
        SseClient c = SseClient.open("http://localhost:" + port + "/microevents/stream", lastEventId);
        open.add(c);
        return c;
    }

    private static JsonNode data(SseClient.Event e) {
        return JSON.readTree(e.data());
    }

    private static JsonNode task(JsonNode tasks, int id) {
        for (JsonNode t : tasks) {
            if (t.get("id").asInt() == id) {
                return t;
            }
        }
        throw new AssertionError("no task " + id + " in " + tasks);
    }

    @Test
    void aStreamStartsWithWhoMayWriteAndASnapshotThenSendsOnlyWhatChanged() throws Exception {
        int id = work.on(args -> { }, "door", true);
        SseClient client = connect(null);
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        SseClient.Event hello = client.next();
        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.id()).isNull();
        assertThat(data(hello).get("write").asBoolean()).isTrue();
        assertThat(data(hello).get("readOnly").asBoolean()).isFalse();

        SseClient.Event snapshot = client.next();
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(snapshot.id()).isNotBlank();
        JsonNode full = data(snapshot);
        assertThat(task(full.get("tasks"), id).get("runs").asLong()).isZero();
        assertThat(full.get("summary").get("tasks").asInt()).isEqualTo(work.taskCount());
        assertThat(full.get("charts").get("sensor").get("threshold").asDouble()).isEqualTo(30.0);
        assertThat(full.get("rings").get(0).get("name").asString()).isEqualTo("readings");

        work.triggerEvent("door");
        work.runDue();
        stream.tick();

        SseClient.Event delta = client.next();
        assertThat(delta.name()).isEqualTo("delta");
        assertThat(sequence(delta.id())).isEqualTo(sequence(snapshot.id()) + 1);
        JsonNode changes = data(delta);
        JsonNode upsert = changes.get("tasks").get("upsert");
        assertThat(upsert).as(upsert.toString()).hasSize(1);
        assertThat(upsert.get(0).get("id").asInt()).isEqualTo(id);
        assertThat(upsert.get(0).get("runs").asLong()).isEqualTo(1);
        assertThat(changes.has("rings")).isFalse();

        work.cancel(id);
        stream.tick();
        JsonNode removal = data(client.next());
        assertThat(removal.get("tasks").get("remove").get(0).asInt()).isEqualTo(id);
    }

    @Test
    void chartsGetTheNumericArgumentOfEachTriggerAsNewPointsOnly() throws Exception {
        SseClient client = connect(null);
        client.next();
        JsonNode before = data(client.next()).get("charts").get("sensor").get("points");

        work.triggerEvent("sensor", "31.5");
        work.triggerEvent("sensor", 29);
        work.triggerEvent("sensor", "not a number");
        work.runDue();
        stream.tick();

        JsonNode chart = data(client.next()).get("charts").get("sensor");
        assertThat(chart.get("points")).hasSize(2);
        assertThat(chart.get("points").get(0).get(1).asDouble()).isEqualTo(31.5);
        assertThat(chart.get("points").get(1).get(1).asDouble()).isEqualTo(29.0);
        assertThat(chart.get("skipped").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(before.size()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aBrowserThatReconnectsWithLastEventIdGetsOnlyTheUpdatesItMissed() throws Exception {
        int id = work.on(args -> { }, "bell", true);
        SseClient first = connect(null);
        first.next();
        String seen = first.next().id();
        first.close();
        await().until(() -> stream.clientCount() == 0);

        for (int i = 0; i < 2; i++) {   // two updates while nobody watches (the stream keeps reading a while)
            work.triggerEvent("bell");
            work.runDue();
            stream.tick();
        }

        SseClient again = connect(seen);
        again.next();   // hello
        SseClient.Event missed1 = again.next();
        SseClient.Event missed2 = again.next();
        assertThat(missed1.name()).isEqualTo("delta");
        assertThat(sequence(missed1.id())).isEqualTo(sequence(seen) + 1);
        assertThat(sequence(missed2.id())).isEqualTo(sequence(seen) + 2);
        assertThat(task(data(missed2).get("tasks").get("upsert"), id).get("runs").asLong()).isEqualTo(2);
    }

    @Test
    void anIdTooOldOrFromAnotherProcessGetsAFullSnapshot() throws Exception {
        SseClient first = connect(null);
        first.next();
        String seen = first.next().id();
        for (int i = 0; i < 6; i++) {   // more updates than the history of 4 keeps
            work.triggerEvent("sensor", i);
            work.runDue();
            stream.tick();
        }

        SseClient late = connect(seen);
        late.next();
        assertThat(late.next().name()).isEqualTo("snapshot");

        SseClient stranger = connect("0123abcd-7");
        stranger.next();
        assertThat(stranger.next().name()).isEqualTo("snapshot");
    }

    @Test
    void pastMaxClientsAStreamIsRefusedWithA503Problem() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(connect(null).status()).isEqualTo(200);
        }
        await().until(() -> stream.clientCount() == 3);

        SseClient refused = connect(null);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.response().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asString()).contains("microevents.dashboard.max-clients");

        open.get(0).close();
        await().until(() -> stream.clientCount() == 2);
        assertThat(connect(null).status()).isEqualTo(200);
    }

    @Test
    void tenThousandTriggersBetweenTwoReadsReachTheBrowserAsOneUpdate() throws Exception {
        int id = work.on(args -> { }, "burst", true);
        SseClient client = connect(null);
        client.next();
        client.next();

        for (int i = 0; i < 10_000; i++) {
            work.triggerEvent("burst", i);
        }
        work.runDue();
        stream.tick();

        SseClient.Event update = client.next();
        assertThat(task(data(update).get("tasks").get("upsert"), id).get("runs").asLong()).isEqualTo(10_000);
        SseClient.Event after = client.poll(500);
        assertThat(after == null || "comment".equals(after.name())).as("only heartbeats follow, got %s", after).isTrue();
    }

    @Test
    void aQuietStreamGetsHeartbeatComments() throws Exception {
        SseClient client = connect(null);
        client.next();
        client.next();
        SseClient.Event e = client.poll(5000);
        assertThat(e).isNotNull();
        assertThat(e.name()).isEqualTo("comment");
    }

    @Test
    void thePageIsServedUnderTheBasePathWithItsAssets() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var page = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/microevents/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("assets/uplot/1.6.30/dist/uPlot.iife.min.js").doesNotContain("${");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'self'");

        for (String asset : List.of("assets/dashboard.js", "assets/dashboard.css",
                "assets/uplot/1.6.30/dist/uPlot.iife.min.js")) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/microevents/" + asset)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
        }
        var bare = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/microevents")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/microevents/");
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

}
