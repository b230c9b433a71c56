package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.Work;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The admin without Spring Security (its auto-configuration excluded, so no filter chain exists):
 * protected mode answers loopback clients only, and cross-site browser requests are refused.
 * The app runs as behind a reverse proxy on this machine ({@code server.forward-headers-strategy=native}),
 * so a request carrying {@code X-Forwarded-For} reaches it over loopback with a remote client address,
 * as a remote client's request through such a proxy does.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "server.forward-headers-strategy=native",
            "microevents.admin.allowed-origins=https://ops.example"
        })
class ProtectedModeTest {

    private static final String BASE = "/microevents";
    private static final String REMOTE = "203.0.113.7";

    @LocalServerPort
    int port;

    @Autowired
    Work work;

    @Autowired
    MicroeventsAdminProperties properties;

    RestTestClient local;
    int id;

    @BeforeEach
    void setUp() {
        work.stop();
        properties.setProtectedMode(true);
        local = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        id = work.repeat(() -> { }, 60_000, 60_000);
    }

    private RestTestClient.ResponseSpec run(String... headers) {
        return local.post().uri(BASE + "/tasks/{id}/run", id).headers(h -> {
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
            }
        }).exchange();
    }

    @Test
    void aLoopbackClientIsAnswered() {
        local.get().uri(BASE + "/tasks/{id}", id).exchange().expectStatus().isOk();
        run().expectStatus().isAccepted();
    }

    @Test
    void aRemoteClientGets403SayingHowToSecureTheAdminOrOptOut() {
        for (RestTestClient.ResponseSpec response : List.of(
                local.get().uri(BASE + "/tasks").header("X-Forwarded-For", REMOTE).exchange(),
                local.get().uri(BASE + "/nope").header("X-Forwarded-For", REMOTE).exchange(),
                run("X-Forwarded-For", REMOTE),
                local.post().uri(BASE + "/events/door").header("X-Forwarded-For", "2001:db8::1").exchange())) {
            response.expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                            .contains("protected mode", "spring-boot-starter-security",
                                    "microevents.admin.protected-mode=false"));
        }
        assertThat(work.status(id).orElseThrow().queuedTriggers()).isEqualTo(1);
        local.get().uri("/hello").header("X-Forwarded-For", REMOTE).exchange().expectStatus().isOk();
    }

    @Test
    void protectedModeOffLetsRemoteClientsIn() {
        properties.setProtectedMode(false);
        try {
            local.get().uri(BASE + "/tasks").header("X-Forwarded-For", REMOTE).exchange().expectStatus().isOk();
        } finally {
            properties.setProtectedMode(true);
        }
    }

    @Test
    void crossSiteBrowserRequestsAreRefusedOnMutatingEndpoints() {
        String self = "http://localhost:" + port;
        run("Sec-Fetch-Site", "cross-site").expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("Sec-Fetch-Site: cross-site", "microevents.admin.allowed-origins"));
        run("Sec-Fetch-Site", "same-site", "Origin", "http://other.localhost:" + port).expectStatus().isForbidden();
        run("Origin", "http://evil.example").expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("Origin http://evil.example is not this server"));
        run("Origin", "null").expectStatus().isForbidden();
        local.post().uri(BASE + "/tasks/{id}/run", id).contentType(MediaType.TEXT_PLAIN).body("x")
                .header("Origin", "http://evil.example").exchange().expectStatus().isForbidden();
        local.put().uri(BASE + "/tasks/{id}/interval", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"interval\": 0}").header("Sec-Fetch-Site", "cross-site").exchange()
                .expectStatus().isForbidden();
        local.delete().uri(BASE + "/tasks/{id}", id).header("Sec-Fetch-Site", "cross-site").exchange()
                .expectStatus().isForbidden();
        assertThat(work.status(id)).hasValueSatisfying(s -> {
            assertThat(s.queuedTriggers()).isEqualTo(1);
            assertThat(s.interval()).isEqualTo(60_000);
        });

        run("Sec-Fetch-Site", "same-origin", "Origin", self).expectStatus().isAccepted();
        run("Sec-Fetch-Site", "none").expectStatus().isAccepted();
        run("Origin", self).expectStatus().isAccepted();
        run().expectStatus().isAccepted();
        run("Sec-Fetch-Site", "cross-site", "Origin", "https://ops.example").expectStatus().isAccepted();
        run("Origin", "https://ops.example").expectStatus().isAccepted();
        local.get().uri(BASE + "/tasks/{id}", id).header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "http://evil.example").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        local.get().uri(BASE + "/tasks/{id}", id).header("Origin", "https://ops.example").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://ops.example");
    }

    @Test
    void aCorsPreflightFromAnAllowedOriginIsAnswered() {
        local.options().uri(BASE + "/tasks/{id}/run", id)
                .header("Origin", "https://ops.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://ops.example")
                .expectHeader().value("Access-Control-Allow-Methods", methods -> assertThat(methods).contains("POST"));
        local.options().uri(BASE + "/tasks/{id}/run", id)
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        local.options().uri(BASE + "/tasks/{id}/run", id)
                .header("Origin", "https://ops.example")
                .header("Access-Control-Request-Method", "PATCH")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void withoutSpringSecurityAnEncodedSemicolonIsALiteralOne() throws Exception {
        List<String> seen = new ArrayList<>();
        work.on(args -> seen.add("door;x"), "door;x", true);
        RawHttp.Response response = RawHttp.send(port, "POST", BASE + "/events/door%3Bx");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"event\":\"door;x\"", "\"woken\":1");
        RawHttp.Response cut = RawHttp.send(port, "POST", BASE + "/events/door;x");
        assertThat(cut.status()).isEqualTo(400);
        assertThat(cut.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }
}
