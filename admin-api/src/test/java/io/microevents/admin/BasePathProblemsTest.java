package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * Every error under the base path is an RFC 9457 problem detail, whoever raises it: an admin
 * controller, Spring MVC before any controller was chosen, or Tomcat before the application saw
 * the request. Sent over a plain socket where an HTTP client would refuse or rewrite the target.
 */
@ExtendWith(OutputCaptureExtension.class)
class BasePathProblemsTest extends AdminHttpTestSupport {

    private static final String VIEWER_AUTH = "Authorization: Basic dmlld2VyOnNlY3JldA==";
    private static final String ADMIN_AUTH = "Authorization: Basic YWRtaW46c2VjcmV0";

    private RawHttp.Response raw(String method, String target, String... headers) throws Exception {
        return RawHttp.send(port, method, target, headers);
    }

    private static void assertProblem(RawHttp.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).contains("\"status\":" + status).contains(detail).doesNotContain("trace");
    }

    @Test
    void aQueryStringThatIsNotPercentEncodedIs400WithoutAStackTrace(CapturedOutput output) throws Exception {
        assertProblem(raw("GET", BASE + "/tasks?state=%ZZ", VIEWER_AUTH), 400, "not valid percent-encoded UTF-8");
        assertProblem(raw("GET", BASE + "/tasks?%ZZ=1", VIEWER_AUTH), 400, "not valid percent-encoded UTF-8");
        assertThat(output.getAll()).doesNotContain("unexpected error");
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblems() throws Exception {
        assertProblem(raw("GET", BASE + "/nope", VIEWER_AUTH), 404, "No endpoint GET " + BASE + "/nope");
        assertProblem(raw("GET", BASE, VIEWER_AUTH), 404, "No endpoint");

        RawHttp.Response notAllowed = raw("DELETE", BASE + "/tasks", ADMIN_AUTH);
        assertProblem(notAllowed, 405, "Method 'DELETE' is not supported");
        assertThat(notAllowed.headers()).containsEntry("allow", "GET");

        assertProblem(raw("GET", BASE + "/tasks", VIEWER_AUTH, "Accept: application/xml"), 406,
                "application/json");
        assertProblem(raw("GET", BASE + "/tasks", VIEWER_AUTH, "Accept: text/html"), 406, "application/json");
        assertProblem(raw("GET", BASE + "/nope", VIEWER_AUTH, "Accept: text/html"), 404, "No endpoint");
        assertProblem(raw("DELETE", BASE + "/tasks/4242", ADMIN_AUTH, "Accept: text/html"), 404,
                "No task with id 4242");

        int id = work.repeat(() -> { }, 1000, 1000);
        admin.put().uri(BASE + "/tasks/{id}/interval", id).contentType(MediaType.TEXT_PLAIN).body("500").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void tomcatsOwnRefusalsOnTheBasePathAreProblems() throws Exception {
        assertProblem(raw("GET", BASE + "/tasks/a%00b", VIEWER_AUTH), 400, "refused this request");
        assertProblem(raw("POST", BASE + "/events/a%2Fb", ADMIN_AUTH), 400, "refused this request");
        assertProblem(raw("GET", BASE + "/tasks\\1", VIEWER_AUTH), 400, "refused this request");
        assertProblem(raw("GET", BASE + "/%2e%2e/x%00", VIEWER_AUTH), 400, "refused this request");
    }

    @Test
    void theHostAppsPathsKeepTheirErrorPages() throws Exception {
        assertThat(raw("GET", "/hello%00", VIEWER_AUTH).contentType()).startsWith("text/html");
        RawHttp.Response unknown = raw("GET", "/nope", VIEWER_AUTH);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/json");
        assertThat(unknown.body()).contains("\"path\":\"/nope\"");
    }

    @Test
    void aSemicolonInThePathIsRefusedNotCutOff() throws Exception {
        List<Object> seen = new ArrayList<>();
        work.on(args -> seen.add("door"), "door", true);
        work.on(args -> seen.add("door;x"), "door;x", true);

        assertProblem(raw("POST", BASE + "/events/door;x", ADMIN_AUTH), 400, "Write a literal ';' in a name as %3B");
        assertProblem(raw("POST", BASE + ";x/events/door", ADMIN_AUTH), 400, "';'");
        work.advanceBy(10);
        assertThat(seen).isEmpty();

        // Spring Security's firewall refuses an encoded ';' as well (without it, %3B is a literal ';')
        assertProblem(raw("POST", BASE + "/events/door%3Bx", ADMIN_AUTH), 400, "firewall rejected");
        assertProblem(raw("GET", BASE + "//tasks", VIEWER_AUTH), 400, "firewall rejected");
        work.advanceBy(10);
        assertThat(seen).isEmpty();
    }

    @Test
    void anIntervalMustBeAJsonInteger() {
        int id = work.repeat(() -> { }, 1000, 1000);
        String path = BASE + "/tasks/" + id + "/interval";
        for (String body : List.of("{\"interval\": 0.5}", "{\"interval\": 1.9}", "{\"interval\": 5e2}",
                "{\"interval\": \"500\"}", "{\"interval\": true}", "{\"interval\": [500]}")) {
            admin.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo("Malformed JSON body: interval must be a JSON "
                            + "integer that fits Long");
        }
        assertThat(work.status(id).orElseThrow().interval()).isEqualTo(1000);

        admin.put().uri(path).contentType(MediaType.APPLICATION_JSON).body("{\"interval\": 0}").exchange()
                .expectStatus().isOk();
        assertThat(work.status(id).orElseThrow().interval()).isZero();
    }

    @Test
    void runNowBeyondTheTriggerBoundIs429AndTheDropIsCounted() {
        int id = work.repeat(() -> { }, 60_000, 60_000);
        int room = 8 - work.status(id).orElseThrow().queuedTriggers();
        assertThat(room).isPositive();
        for (int i = 0; i < room; i++) {
            admin.post().uri(BASE + "/tasks/{id}/run", id).exchange().expectStatus().isAccepted();
        }
        admin.post().uri(BASE + "/tasks/{id}/run", id).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("Run of task " + id + " dropped", "counted in the task's droppedTriggers"));

        TaskStatus status = work.status(id).orElseThrow();
        assertThat(status.queuedTriggers()).isEqualTo(8);
        assertThat(status.droppedTriggers()).isEqualTo(1);
        viewer.get().uri(BASE + "/tasks/{id}", id).exchange()
                .expectBody().jsonPath("$.droppedTriggers").isEqualTo(1);
    }

    @Test
    void aTriggerThatAListenerDropsSaysSo() {
        int id = work.on(args -> { }, "flood", true);
        for (int i = 0; i < 8; i++) {
            admin.post().uri(BASE + "/events/flood").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.woken").isEqualTo(1).jsonPath("$.dropped").isEqualTo(0);
        }
        admin.post().uri(BASE + "/events/flood").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.woken").isEqualTo(0).jsonPath("$.dropped").isEqualTo(1);
        assertThat(work.status(id).orElseThrow().droppedTriggers()).isEqualTo(1);
    }

    @Test
    void aHugeErrorMessageIsShownBoundedOnceEscaped() {
        String message = "bad value " + "x".repeat(60_000) + "\n12:00:00.000 ERROR forged line";
        int id = work.repeat(() -> {
            throw new IllegalStateException(message);
        }, 0, 1000);
        work.advanceBy(10);

        String body = viewer.get().uri(BASE + "/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body.length()).isLessThan(2_000);
        assertThat(body).contains("\"lastError\"", "\"lastExecution\"", "chars in all)").doesNotContain("forged");
        viewer.get().uri(BASE + "/tasks/{id}", id).exchange()
                .expectBody().jsonPath("$.lastError.message").value(String.class, m -> assertThat(m)
                        .startsWith("bad value xxx").hasSizeLessThan(300));
    }
}
