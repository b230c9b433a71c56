package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.Work;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A context of its own (read-only mode leaves beans out): read-only mode on a custom base path,
 * reads open to anyone, and the opt-in OpenAPI group. The other HTTP tests share
 * {@link AdminHttpTestSupport}'s context, except {@link ProtectedModeTest}, which runs without
 * Spring Security.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "microevents.admin.read-only=true",
            "microevents.admin.base-path=/ops/scheduler",
            "microevents.admin.security.read-access=anyone",
            "microevents.admin.openapi.group=true"
        })
class ReadOnlyModeTest {

    private static final String BASE = "/ops/scheduler";

    @LocalServerPort
    int port;

    @Autowired
    Work work;

    RestTestClient admin;
    RestTestClient anonymous;
    int id;

    @BeforeEach
    void setUp() {
        work.stop();
        id = work.repeat(() -> { }, 1000, 1000);
        admin = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(AdminTestApplication.ADMIN, AdminTestApplication.PASSWORD))
                .build();
        anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void readsWorkOnTheConfiguredBasePathForAnyone() {
        anonymous.get().uri(BASE + "/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id);
        anonymous.get().uri(BASE + "/summary").exchange().expectStatus().isOk();
        anonymous.get().uri(BASE + "/rings/sensor/peek").exchange().expectStatus().isNoContent();
        admin.get().uri("/microevents/tasks").exchange().expectStatus().isNotFound();
    }

    @Test
    void mutationsAreNotRegistered() {
        admin.delete().uri(BASE + "/tasks/{id}", id).exchange().expectStatus().isEqualTo(405);
        admin.post().uri(BASE + "/tasks/{id}/run", id).exchange().expectStatus().isNotFound();
        admin.put().uri(BASE + "/tasks/{id}/interval", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"interval\": 5}").exchange().expectStatus().isNotFound();
        admin.put().uri(BASE + "/tasks/{id}/params", id).contentType(MediaType.APPLICATION_JSON)
                .body("[1]").exchange().expectStatus().isNotFound();
        admin.post().uri(BASE + "/events/door").exchange().expectStatus().isNotFound();
        admin.delete().uri(BASE + "/rings/sensor/messages/1").exchange().expectStatus().isNotFound();

        assertThat(work.taskCount()).isEqualTo(1);
        anonymous.delete().uri(BASE + "/tasks/{id}", id).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theDocumentHasOnlyTheReadsAndTheOptInGroupHasOnlyTheAdmin() {
        admin.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/hello']").exists()
                .jsonPath("$.paths['/ops/scheduler/tasks/{id}'].get").exists()
                .jsonPath("$.paths['/ops/scheduler/tasks/{id}'].delete").doesNotExist()
                .jsonPath("$.paths['/ops/scheduler/tasks/{id}/run']").doesNotExist()
                .jsonPath("$.paths['/ops/scheduler/events/{event}']").doesNotExist()
                .jsonPath("$.paths['/ops/scheduler/rings/{name}/messages/{id}']").doesNotExist()
                .jsonPath("$.paths['/ops/scheduler/tasks'].get.security").doesNotExist();

        admin.get().uri("/v3/api-docs/microevents").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/ops/scheduler/summary']").exists()
                .jsonPath("$.paths['/hello']").doesNotExist();
        admin.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.urls[*].url").isEqualTo(List.of("/v3/api-docs/microevents"));
    }
}
