package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The admin's chain: reads need an authenticated user, changes need role MICROEVENTS_ADMIN; the
 * host app's own security (Spring Boot's default chain here) still applies to its paths.
 */
class SecurityTest extends AdminHttpTestSupport {

    @Test
    void anonymousCallersGet401AsAProblemWithABasicChallenge() {
        anonymous.get().uri(BASE + "/tasks").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"microevents\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo(BASE + "/tasks");
        anonymous.post().uri(BASE + "/events/door").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri(BASE + "/summary").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aWrongPasswordIs401() {
        RestTestClient intruder = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(AdminTestApplication.ADMIN, "guess"))
                .build();
        intruder.get().uri(BASE + "/tasks").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aUserWithoutTheAdminRoleMayReadButNotChange() {
        int id = work.repeat(() -> { }, 1000, 1000);

        viewer.get().uri(BASE + "/tasks/{id}", id).exchange().expectStatus().isOk();
        viewer.get().uri(BASE + "/events").exchange().expectStatus().isOk();
        viewer.get().uri(BASE + "/rings").exchange().expectStatus().isOk();
        viewer.get().uri(BASE + "/summary").exchange().expectStatus().isOk();

        viewer.delete().uri(BASE + "/tasks/{id}", id).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Role MICROEVENTS_ADMIN required");
        viewer.post().uri(BASE + "/tasks/{id}/run", id).exchange().expectStatus().isForbidden();
        viewer.put().uri(BASE + "/tasks/{id}/interval", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"interval\": 5}").exchange().expectStatus().isForbidden();
        viewer.post().uri(BASE + "/events/door").exchange().expectStatus().isForbidden();
        viewer.delete().uri(BASE + "/rings/sensor/messages/1").exchange().expectStatus().isForbidden();

        assertThat(work.status(id).orElseThrow().interval()).isEqualTo(1000);
        assertThat(work.pendingCount()).isEqualTo(1);
    }

    @Test
    void theAdminRoleMayChange() {
        int id = work.repeat(() -> { }, 1000, 1000);
        admin.post().uri(BASE + "/tasks/{id}/run", id).exchange().expectStatus().isAccepted();
        admin.delete().uri(BASE + "/tasks/{id}", id).exchange().expectStatus().isNoContent();
        admin.post().uri(BASE + "/events/door").exchange().expectStatus().isOk();
    }

    @Test
    void theHostAppsOwnChainStillProtectsItsPaths() {
        anonymous.get().uri("/hello").exchange().expectStatus().isUnauthorized();
        viewer.get().uri("/hello").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("hello");
    }

    @Test
    void crossSiteRequestsAreRefusedEvenWithTheAdminsCredentials() {
        int id = work.repeat(() -> { }, 60_000, 60_000);
        int queued = work.status(id).orElseThrow().queuedTriggers();
        admin.post().uri(BASE + "/tasks/{id}/run", id).header("Sec-Fetch-Site", "cross-site").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("Cross-site"));
        admin.post().uri(BASE + "/tasks/{id}/run", id).contentType(MediaType.TEXT_PLAIN).body("x")
                .header("Origin", "http://evil.example").exchange()
                .expectStatus().isForbidden();
        assertThat(work.status(id).orElseThrow().queuedTriggers()).isEqualTo(queued);

        admin.post().uri(BASE + "/tasks/{id}/run", id).header("Origin", "https://ops.example").exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://ops.example");
    }

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoCredentials() {
        anonymous.options().uri(BASE + "/tasks/1/run")
                .header("Origin", "https://ops.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://ops.example")
                .expectHeader().valueEquals("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void protectedModeStandsAsideWhenSpringSecurityGuardsTheAdmin() {
        viewer.get().uri(BASE + "/tasks").header("X-Forwarded-For", "203.0.113.7").exchange().expectStatus().isOk();
        anonymous.get().uri(BASE + "/tasks").header("X-Forwarded-For", "203.0.113.7").exchange()
                .expectStatus().isUnauthorized();
    }
}
