package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin in the host app's OpenAPI document and Swagger UI (springdoc). */
class OpenApiTest extends AdminHttpTestSupport {

    @Test
    void theDefaultDocumentListsEveryAdminPathAndTheHostsOwn() {
        viewer.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/hello'].get").exists()
                .jsonPath("$.paths['/microevents/tasks'].get.summary").isEqualTo("List tasks")
                .jsonPath("$.paths['/microevents/tasks/{id}'].get.responses['404'].content['application/problem+json']")
                .exists()
                .jsonPath("$.paths['/microevents/tasks/{id}'].delete.summary").isEqualTo("Cancel a task")
                .jsonPath("$.paths['/microevents/tasks/{id}/interval'].put.requestBody").exists()
                .jsonPath("$.paths['/microevents/tasks/{id}/params'].put.responses['413']").exists()
                .jsonPath("$.paths['/microevents/tasks/{id}/run'].post.responses['202']").exists()
                .jsonPath("$.paths['/microevents/events'].get.summary").exists()
                .jsonPath("$.paths['/microevents/events/{event}'].post.summary").isEqualTo("Trigger an event")
                .jsonPath("$.paths['/microevents/rings'].get.summary").exists()
                .jsonPath("$.paths['/microevents/rings/{name}'].get.summary").exists()
                .jsonPath("$.paths['/microevents/rings/{name}/peek'].get.responses['204']").exists()
                .jsonPath("$.paths['/microevents/rings/{name}/messages/{id}'].delete.summary").exists()
                .jsonPath("$.paths['/microevents/summary'].get.summary").exists()
                .jsonPath("$.paths['/microevents/tasks'].get.tags[0]").isEqualTo("microevents: tasks")
                .jsonPath("$.paths['/microevents/tasks'].get.parameters[?(@.name == 'state')].schema.enum[0]")
                .isEqualTo("SCHEDULED")
                .jsonPath("$.components.schemas.MicroeventsTask.properties.nextExecution").exists()
                .jsonPath("$.components.schemas.ProblemDetail").exists();
    }

    @Test
    void securityIsDocumentedOnTheAdminOperationsOnly() {
        viewer.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.securitySchemes.microeventsAdmin.scheme").isEqualTo("basic")
                .jsonPath("$.paths['/microevents/tasks/{id}'].delete.security[0].microeventsAdmin").exists()
                .jsonPath("$.paths['/microevents/tasks/{id}'].delete.responses['403']").exists()
                .jsonPath("$.paths['/microevents/tasks'].get.responses['401']").exists()
                .jsonPath("$.paths['/hello'].get.security").doesNotExist()
                .jsonPath("$.paths['/hello'].get.responses['401']").doesNotExist()
                .jsonPath("$.paths['/hello'].get.responses['404']").doesNotExist();
    }

    @Test
    @SuppressWarnings("unchecked")
    void swaggerUiShowsTheDefaultDocumentBecauseTheAdminAddsNoGroup() {
        Map<String, Object> config = viewer.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(config).containsEntry("url", "/v3/api-docs").doesNotContainKey("urls");

        viewer.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        viewer.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
