package io.microevents.samples.labrig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lab rig in a JVM of its own with a 512 MB heap, flooded over loopback HTTP by 20 clients that
 * POST 60 KB argument arrays to {@code /microevents/events/alarm}, whose listener cannot take them
 * (it wants a number). With the default bounds the app stays healthy: it still answers, the loop
 * is alive, and every trigger either ran (as a failed run, logged in one bounded line) or was
 * dropped and counted.
 */
class LabRigFloodTest {

    private static final int CLIENTS = 20;
    private static final int REQUESTS_PER_CLIENT = 40;
    private static final int ARGUMENT_CHARS = 60_000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private Process app;

    @TempDir
    Path dir;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twentyClientsPostingSixtyKilobyteArgumentsLeaveTheAppHealthyWithEveryDropCounted() throws Exception {
        int port = freePort();
        Path log = dir.resolve("lab-rig.log");
        app = startApp(port, log);
        String base = "http://127.0.0.1:" + port;
        await("the app answers").atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(app.isAlive()).as("the app is running; its log: " + log).isTrue();
            return status(base + "/actuator/health") == 200;
        });

        String body = "[\"" + "9".repeat(ARGUMENT_CHARS / 2) + "x" + "9".repeat(ARGUMENT_CHARS / 2 - 1) + "\"]";
        AtomicLong woken = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        long floodStart = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create(base + "/microevents/events/alarm"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        woken.addAndGet(json.readTree(response.body()).get("woken").asLong());
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        long sent = (long) CLIENTS * REQUESTS_PER_CLIENT;
        assertThat(answered).hasValue(sent);
        System.out.printf("Flood: %d triggers of %d chars in %d ms, %d run, %d dropped%n", sent, ARGUMENT_CHARS,
                (System.nanoTime() - floodStart) / 1_000_000, woken.get(), sent - woken.get());

        JsonNode alarm = await("the queued triggers have run").atMost(PATIENCE)
                .until(() -> alarmTask(base), task -> task.get("queuedTriggers").asInt() == 0);
        assertThat(alarm.get("failures").asLong()).as("every accepted trigger ran, and failed on its argument")
                .isEqualTo(woken.get());
        assertThat(alarm.get("droppedTriggers").asLong()).as("every refused trigger is counted")
                .isEqualTo(sent - woken.get());
        String lastError = alarm.get("lastError").get("message").asString();
        // the starter states the argument's length; the admin cuts the stored message again, to
        // its own bound, and states that message's length
        assertThat(lastError).hasSizeLessThan(1000).startsWith("LabRig.onAlarm: cannot convert argument 0")
                .contains(" chars in all)").doesNotContain("9".repeat(1000));

        JsonNode health = json.readTree(get(base + "/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("microevents").get("status").asString())
                .as("the loop is alive and on time").isEqualTo("UP");
        assertThat(app.isAlive()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError")
                .doesNotContain("9".repeat(1000));
    }

    private JsonNode alarmTask(String base) throws IOException, InterruptedException {
        JsonNode page = json.readTree(get(base + "/microevents/tasks?event=alarm"));
        for (JsonNode task : page.get("content")) {
            if (task.get("job").asString().equals("LabRig.onAlarm")) {
                return task;
            }
        }
        throw new AssertionError("no task LabRig.onAlarm in " + page);
    }

    private Process startApp(int port, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", classpath, LabRigApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--lab-rig.threshold=1000", "--lab-rig.simulator.button-every=0",
                "--spring.main.banner-mode=off");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
    }

    private int status(String uri) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
