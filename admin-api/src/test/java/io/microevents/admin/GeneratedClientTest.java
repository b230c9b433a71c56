package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.microevents.Job;
import io.microevents.admin.client.ApiClient;
import io.microevents.admin.client.ApiException;
import io.microevents.admin.client.api.MicroeventsEventsApi;
import io.microevents.admin.client.api.MicroeventsRingsApi;
import io.microevents.admin.client.api.MicroeventsTasksApi;
import io.microevents.admin.client.model.MicroeventsArgument;
import io.microevents.admin.client.model.MicroeventsIntervalChange;
import io.microevents.admin.client.model.MicroeventsMessage;
import io.microevents.admin.client.model.MicroeventsRing;
import io.microevents.admin.client.model.MicroeventsTask;
import io.microevents.admin.client.model.MicroeventsTaskPage;
import io.microevents.admin.client.model.MicroeventsTriggerResult;
import io.microevents.admin.client.model.ProblemDetail;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the running admin through a Java client generated from the committed OpenAPI document
 * (openapi-generator, {@code native} library, Jackson; generated at generate-test-sources into
 * {@code target/}): what a user who generates a client gets must work, errors included, which
 * arrive as typed problem details.
 */
class GeneratedClientTest extends AdminHttpTestSupport {

    private MicroeventsTasksApi tasks;
    private MicroeventsEventsApi events;
    private MicroeventsRingsApi rings;
    private ApiClient client;

    @BeforeEach
    void client() {
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        String credentials = Base64.getEncoder().encodeToString(
                (AdminTestApplication.ADMIN + ":" + AdminTestApplication.PASSWORD).getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + credentials));
        tasks = new MicroeventsTasksApi(client);
        events = new MicroeventsEventsApi(client);
        rings = new MicroeventsRingsApi(client);
    }

    @Test
    void listsTasks() throws Exception {
        int beat = work.repeat(Job.named("heartbeat", args -> { }), 1000, 1000);
        int door = work.on(Job.named("doorbell", args -> { }), "door", true);

        MicroeventsTaskPage page = tasks.microeventsListTasks(null, null, null, 0, 10);

        assertThat(page.getContent()).extracting(MicroeventsTask::getId).containsExactly(beat, door);
        assertThat(page.getContent()).extracting(MicroeventsTask::getJob).containsExactly("heartbeat", "doorbell");
        assertThat(page.getPage().getTotalElements()).isEqualTo(2);
        assertThat(tasks.microeventsListTasks("waiting", null, null, null, null).getContent())
                .extracting(MicroeventsTask::getId).containsExactly(door);
    }

    @Test
    void triggersAnEventWithArguments() throws Exception {
        List<List<Object>> received = new ArrayList<>();
        work.on(args -> received.add(Arrays.asList(args.clone())), "door", true);

        MicroeventsTriggerResult result = events.microeventsTriggerEvent("door", List.of(
                new MicroeventsArgument(new BigDecimal("42")), new MicroeventsArgument("open"),
                new MicroeventsArgument(true), new MicroeventsArgument(new BigDecimal("21.5"))));
        work.advanceBy(10);

        assertThat(result.getEvent()).isEqualTo("door");
        assertThat(result.getWoken()).isEqualTo(1);
        assertThat(result.getDropped()).isZero();
        assertThat(received).containsExactly(List.of(42, "open", true, 21.5));
    }

    @Test
    void changesAnIntervalAndCancelsATask() throws Exception {
        int id = work.repeat(() -> { }, 1000, 1000);

        MicroeventsTask changed = tasks.microeventsSetTaskInterval(id, new MicroeventsIntervalChange().interval(500L));
        assertThat(changed.getInterval()).isEqualTo(500L);
        assertThat(work.status(id).orElseThrow().interval()).isEqualTo(500);

        tasks.microeventsCancelTask(id);
        assertThat(work.status(id)).isEmpty();
    }

    @Test
    void readsARing() throws Exception {
        sensor.put(5, "21.5 C".getBytes(StandardCharsets.UTF_8));

        MicroeventsRing ring = rings.microeventsGetRing("sensor");
        MicroeventsMessage next = rings.microeventsPeekMessage("sensor");

        assertThat(ring.getIds()).containsExactly(5);
        assertThat(ring.getMessageCount()).isEqualTo(1);
        assertThat(next.getId()).isEqualTo(5);
        assertThat(next.getText()).isEqualTo("21.5 C");
        assertThat(next.getBytes()).isEqualTo("21.5 C".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void errorsArriveAsTypedProblemDetails() throws Exception {
        ApiException missing = catchThrowableOfType(ApiException.class, () -> tasks.microeventsGetTask(4242));
        ProblemDetail notFound = problem(missing);
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getDetail()).isEqualTo("No task with id 4242");
        assertThat(notFound.getInstance()).isEqualTo("/microevents/tasks/4242");

        int id = work.repeat(() -> { }, 1000, 1000);
        ApiException negative = catchThrowableOfType(ApiException.class,
                () -> tasks.microeventsSetTaskInterval(id, new MicroeventsIntervalChange().interval(-5L)));
        ProblemDetail badRequest = problem(negative);
        assertThat(negative.getCode()).isEqualTo(400);
        assertThat(badRequest.getStatus()).isEqualTo(400);
        assertThat(badRequest.getTitle()).isEqualTo("Bad Request");
        assertThat(badRequest.getDetail()).startsWith("interval must be between 0 and");
    }

    private ProblemDetail problem(ApiException e) throws Exception {
        assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return client.getObjectMapper().readValue(e.getResponseBody(), ProblemDetail.class);
    }
}
