package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.Job;
import io.microevents.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The task endpoints, happy paths, on virtual time. */
class TasksApiTest extends AdminHttpTestSupport {

    @Autowired
    WorkClock clock;

    private final List<List<Object>> received = new ArrayList<>();

    private Job recorder(String name) {
        return Job.named(name, args -> received.add(Arrays.asList(args.clone())));
    }

    @Test
    void listsTasksByIdWithFiltersAndPaging() {
        int beat = work.repeat(recorder("heartbeat"), 0, 1000);
        int door = work.on(recorder("doorbell"), "door", true);
        int later = work.at(recorder("later"), 5000, "x");

        viewer.get().uri(BASE + "/tasks").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content[*].id").isEqualTo(List.of(beat, door, later))
                .jsonPath("$.content[*].job").isEqualTo(List.of("heartbeat", "doorbell", "later"))
                .jsonPath("$.page.totalElements").isEqualTo(3)
                .jsonPath("$.page.size").isEqualTo(50)
                .jsonPath("$.page.number").isEqualTo(0)
                .jsonPath("$.page.totalPages").isEqualTo(1);

        viewer.get().uri(BASE + "/tasks?state=waiting").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.content[*].id").isEqualTo(List.of(door));
        viewer.get().uri(BASE + "/tasks?kind=AT").exchange()
                .expectBody().jsonPath("$.content[*].id").isEqualTo(List.of(later));
        viewer.get().uri(BASE + "/tasks?event=door").exchange()
                .expectBody().jsonPath("$.content[*].id").isEqualTo(List.of(door));
        viewer.get().uri(BASE + "/tasks?state=SCHEDULED&kind=repeat").exchange()
                .expectBody().jsonPath("$.content[*].id").isEqualTo(List.of(beat));

        viewer.get().uri(BASE + "/tasks?size=2&page=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content[*].id").isEqualTo(List.of(later))
                .jsonPath("$.page.totalElements").isEqualTo(3)
                .jsonPath("$.page.totalPages").isEqualTo(2);
        viewer.get().uri(BASE + "/tasks?page=5").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.content").isEmpty();
    }

    @Test
    void oneTaskShowsItsStatusWithActuatorStyleExecutionTimes() {
        int id = work.repeat(recorder("heartbeat"), 0, 1000, 7, "seven");
        work.advanceBy(250);

        viewer.get().uri(BASE + "/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.job").isEqualTo("heartbeat")
                .jsonPath("$.kind").isEqualTo("REPEAT")
                .jsonPath("$.state").isEqualTo("SCHEDULED")
                .jsonPath("$.interval").isEqualTo(1000)
                .jsonPath("$.params").isEqualTo(List.of(7, "seven"))
                .jsonPath("$.runs").isEqualTo(1)
                .jsonPath("$.failures").isEqualTo(0)
                .jsonPath("$.nextExecution.inMillis").isEqualTo(750)
                .jsonPath("$.nextExecution.time").isEqualTo(clock.toInstant(work.nowMillis() + 750).toString())
                .jsonPath("$.lastExecution.status").isEqualTo("SUCCESS")
                .jsonPath("$.lastExecution.time").isEqualTo(clock.toInstant(work.nowMillis() - 250).toString())
                .jsonPath("$.lastExecution.exception").doesNotExist()
                .jsonPath("$.event").doesNotExist()
                .jsonPath("$.lastError").doesNotExist();
    }

    @Test
    void aFailedRunShowsAsLastExecutionErrorAndLastError() {
        int id = work.at(() -> {
            throw new IllegalStateException("sensor not ready");
        }, 100);
        int listener = work.on(recorder("listener"), "never");
        viewer.get().uri(BASE + "/tasks/{id}", listener).exchange()
                .expectBody()
                .jsonPath("$.state").isEqualTo("WAITING")
                .jsonPath("$.event").isEqualTo("never")
                .jsonPath("$.nextExecution").doesNotExist()
                .jsonPath("$.lastExecution").doesNotExist();

        int keep = work.repeat(() -> {
            throw new IllegalStateException("sensor not ready");
        }, 100, 1000);
        work.advanceBy(100);

        assertThat(work.status(id)).isEmpty();
        viewer.get().uri(BASE + "/tasks/{id}", keep).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.failures").isEqualTo(1)
                .jsonPath("$.lastExecution.status").isEqualTo("ERROR")
                .jsonPath("$.lastExecution.exception.type").isEqualTo("java.lang.IllegalStateException")
                .jsonPath("$.lastExecution.exception.message").isEqualTo("sensor not ready")
                .jsonPath("$.lastError.message").isEqualTo("sensor not ready");
    }

    @Test
    void paramsThatAreNotJsonAreShownAsText() {
        Object notJson = new Object() {
            @Override
            public String toString() {
                return "a socket";
            }
        };
        int id = work.doNow(recorder("odd"), notJson, new int[] {1, 2}, Map.of("k", List.of(true)));

        viewer.get().uri(BASE + "/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.params[0]").isEqualTo("a socket")
                .jsonPath("$.params[1]").isEqualTo(List.of(1, 2))
                .jsonPath("$.params[2].k[0]").isEqualTo(true);
    }

    @Test
    void cancelRemovesTheTask() {
        int id = work.repeat(recorder("heartbeat"), 0, 1000);

        admin.delete().uri(BASE + "/tasks/{id}", id).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        assertThat(work.taskCount()).isZero();
        viewer.get().uri(BASE + "/tasks/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void changingTheIntervalMovesTheNextRun() {
        long start = work.nowMillis();
        int id = work.repeat(() -> received.add(List.of(work.nowMillis() - start)), 0, 1000);
        work.runDue();

        admin.put().uri(BASE + "/tasks/{id}/interval", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"interval\": 300}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.interval").isEqualTo(300)
                .jsonPath("$.nextExecution.inMillis").isEqualTo(300);

        work.advanceBy(600);
        assertThat(received).containsExactly(List.of(0L), List.of(300L), List.of(600L));
    }

    @Test
    void replacingParamsChangesWhatTheNextRunReceives() {
        int id = work.repeat(recorder("heartbeat"), 1000, 1000, "old");

        admin.put().uri(BASE + "/tasks/{id}/params", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("[1, \"two\", 3.5, {\"four\": 4}, null]")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.params[1]").isEqualTo("two");

        work.advanceBy(1000);
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).containsExactly(1, "two", 3.5, Map.of("four", 4), null);
    }

    @Test
    void runNowQueuesOneExtraRunAndKeepsTheSchedule() {
        int id = work.repeat(recorder("heartbeat"), 1000, 1000, "p");

        admin.post().uri(BASE + "/tasks/{id}/run", id).exchange()
                .expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.nextExecution.inMillis").isEqualTo(0);

        assertThat(work.runDue()).isEqualTo(1);
        assertThat(received).containsExactly(List.of("p"));
        TaskStatus status = work.status(id).orElseThrow();
        assertThat(status.runs()).isEqualTo(1);
        assertThat(status.nextRun()).isEqualTo(1000);
    }
}
