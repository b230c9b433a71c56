package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Every client error is an RFC 9457 problem detail with the right status; never a 500. */
class ProblemDetailsTest extends AdminHttpTestSupport {

    private static void problem(RestTestClient.ResponseSpec response, int status, String path, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains(detail))
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void anUnknownTaskIs404OnEveryTaskEndpoint() {
        String path = BASE + "/tasks/4242";
        problem(viewer.get().uri(path).exchange(), 404, path, "No task with id 4242");
        problem(admin.delete().uri(path).exchange(), 404, path, "No task with id 4242");
        problem(admin.post().uri(path + "/run").exchange(), 404, path + "/run", "No task with id 4242");
        problem(admin.put().uri(path + "/interval").contentType(MediaType.APPLICATION_JSON)
                .body("{\"interval\": 10}").exchange(), 404, path + "/interval", "No task with id 4242");
        problem(admin.put().uri(path + "/params").contentType(MediaType.APPLICATION_JSON)
                .body("[1]").exchange(), 404, path + "/params", "No task with id 4242");
    }

    @Test
    void anUnknownRingOrMessageIs404() {
        problem(viewer.get().uri(BASE + "/rings/nope").exchange(), 404, BASE + "/rings/nope", "No ring named 'nope'");
        problem(viewer.get().uri(BASE + "/rings/nope/peek").exchange(), 404, BASE + "/rings/nope/peek", "nope");
        problem(admin.delete().uri(BASE + "/rings/nope/messages/1").exchange(), 404,
                BASE + "/rings/nope/messages/1", "nope");
        problem(admin.delete().uri(BASE + "/rings/sensor/messages/9").exchange(), 404,
                BASE + "/rings/sensor/messages/9", "No message with id 9 in ring 'sensor'");
    }

    @Test
    void badIdsAre400AndNameTheArgument() {
        problem(viewer.get().uri(BASE + "/tasks/abc").exchange(), 400, BASE + "/tasks/abc",
                "id must be an integer, but was 'abc'");
        problem(viewer.get().uri(BASE + "/tasks/99999999999").exchange(), 400, BASE + "/tasks/99999999999",
                "id must be an integer");
        problem(viewer.get().uri(BASE + "/tasks/0").exchange(), 400, BASE + "/tasks/0", "id must be > 0");
        problem(admin.delete().uri(BASE + "/tasks/-3").exchange(), 400, BASE + "/tasks/-3", "id must be > 0");
        problem(admin.delete().uri(BASE + "/rings/sensor/messages/0").exchange(), 400,
                BASE + "/rings/sensor/messages/0", "id must be between 1 and 65535");
        problem(admin.delete().uri(BASE + "/rings/sensor/messages/70000").exchange(), 400,
                BASE + "/rings/sensor/messages/70000", "but was 70000");
    }

    @Test
    void badFiltersAndPagingAre400() {
        problem(viewer.get().uri(BASE + "/tasks?state=sleeping").exchange(), 400, BASE + "/tasks",
                "state must be one of [SCHEDULED, WAITING, RUNNING], but was 'sleeping'");
        problem(viewer.get().uri(BASE + "/tasks?kind=cron").exchange(), 400, BASE + "/tasks", "kind must be one of");
        problem(viewer.get().uri(BASE + "/tasks?page=-1").exchange(), 400, BASE + "/tasks", "page must be >= 0");
        problem(viewer.get().uri(BASE + "/tasks?size=0").exchange(), 400, BASE + "/tasks",
                "size must be between 1 and 100, but was 0");
        problem(viewer.get().uri(BASE + "/tasks?size=101").exchange(), 400, BASE + "/tasks", "but was 101");
        problem(viewer.get().uri(BASE + "/tasks?page=x").exchange(), 400, BASE + "/tasks", "page must be an integer");
    }

    @Test
    void invalidIntervalsAre400() {
        int id = work.repeat(() -> { }, 1000, 1000);
        String path = BASE + "/tasks/" + id + "/interval";

        problem(putJson(path, "{\"interval\": -5}"), 400, path, "interval must be between 0 and");
        problem(putJson(path, "{\"interval\": 9223372036854775807}"), 400, path, "interval must be between 0 and");
        problem(putJson(path, "{}"), 400, path, "interval is required");
        problem(putJson(path, "{\"interval\": \"soon\"}"), 400, path,
                "Malformed JSON body: interval must be a JSON integer that fits Long");
        problem(putJson(path, "{\"interval\": 99999999999999999999999}"), 400, path, "out of range");
        assertThat(work.status(id).orElseThrow().interval()).isEqualTo(1000);
    }

    @Test
    void malformedOrMissingJsonIs400() {
        int id = work.repeat(args -> { }, 1000, 1000, "kept");
        String path = BASE + "/tasks/" + id + "/params";

        problem(putJson(path, "[1, "), 400, path, "Malformed JSON body");
        problem(putJson(path, "{\"not\": \"an array\"}"), 400, path,
                "Malformed JSON body: the body must be a JSON array");
        problem(putJson(path, "null"), 400, path, "A JSON request body is required");
        problem(admin.put().uri(path).contentType(MediaType.APPLICATION_JSON).exchange(), 400, path,
                "A JSON request body is required");
        problem(admin.post().uri(BASE + "/events/door").contentType(MediaType.APPLICATION_JSON).body("{oops")
                .exchange(), 400, BASE + "/events/door", "Malformed JSON body");
        assertThat(work.status(id).orElseThrow().params()).containsExactly("kept");
    }

    @Test
    void aBlankEventNameIs400() {
        problem(admin.post().uri(BASE + "/events/{event}", " ").exchange(), 400, BASE + "/events/%20",
                "event must not be blank");
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        int id = work.repeat(() -> { }, 1000, 1000);
        String path = BASE + "/tasks/" + id + "/params";
        problem(admin.put().uri(path).contentType(MediaType.TEXT_PLAIN).body("1,2").exchange(), 415, path,
                "Content-Type");
    }

    @Test
    void aBodyOverTheConfiguredSizeIs413() {
        int id = work.repeat(args -> { }, 1000, 1000, "kept");
        String path = BASE + "/tasks/" + id + "/params";
        String big = "[\"" + "x".repeat(1100) + "\"]";

        problem(putJson(path, big), 413, path, "larger than 1024 bytes (microevents.admin.max-payload-size)");
        problem(admin.post().uri(BASE + "/events/door").contentType(MediaType.APPLICATION_JSON).body(big)
                .exchange(), 413, BASE + "/events/door", "larger than 1024 bytes");
        assertThat(work.status(id).orElseThrow().params()).containsExactly("kept");
    }

    @Test
    void aStreamedBodyWithoutContentLengthIsCappedToo() throws Exception {
        int id = work.repeat(args -> { }, 1000, 1000, "kept");
        byte[] big = ("[\"" + "x".repeat(5000) + "\"]").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + BASE + "/tasks/" + id
                        + "/params"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (AdminTestApplication.ADMIN + ":" + AdminTestApplication.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("max-payload-size");
        assertThat(work.status(id).orElseThrow().params()).containsExactly("kept");
    }

    @Test
    void theHostAppsOwnErrorHandlingIsLeftAlone() {
        viewer.get().uri("/boom").exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(500);
    }

    @Test
    void aNullRefusedByAnArgumentCheckIs400NamingTheArgumentEscaped() {
        problem(viewer.get().uri(BASE + "/test/null-argument").exchange(), 400, BASE + "/test/null-argument",
                "name\\u001b[31m must not be null");
        viewer.get().uri(BASE + "/test/null-argument").exchange()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).doesNotContain("\u001b"));
    }

    @Test
    void aNullThatIsAFaultIs500WithoutAStackTrace() {
        problem(viewer.get().uri(BASE + "/test/null-fault").exchange(), 500, BASE + "/test/null-fault",
                "Unexpected error; the server log has the details");
    }

    private RestTestClient.ResponseSpec putJson(String path, String json) {
        return admin.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }
}
