package io.microevents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.microevents.Work;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in real headless Chromium against a running app (a real loop, the sensor read every
 * 100 ms): it loads cleanly, the chart moves, changes made over REST show without a reload, its
 * own buttons go through the REST admin, and it survives the server dropping its stream.
 */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "microevents.dashboard.heartbeat=2s")
class DashboardPageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Work work;

    @Autowired
    DashboardStream stream;

    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.get();
        browser.get(base());
        Browser.consoleErrors(browser);   // start each test with an empty console
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#tasks tbody tr")).isEmpty());
    }

    private String base() {
        return "http://localhost:" + port + "/microevents/";
    }

    private WebElement row(int id) {
        return browser.findElement(By.cssSelector("#tasks tr[data-task-id='" + id + "']"));
    }

    private String cell(int id, String name) {
        return row(id).findElement(By.cssSelector("td." + name)).getText();
    }

    private int post(String path, String json) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path));
        r = json == null ? r.POST(HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void thePageLoadsWithNoConsoleErrorsAndShowsEverySection() throws Exception {
        browser.navigate().refresh();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
            assertThat(browser.findElement(By.id("summary-tasks")).getText()).matches("\\d+ / 256");
            assertThat(browser.findElement(By.id("summary-loop")).getText()).isEqualTo("running");
            assertThat(browser.findElements(By.cssSelector("#rings [data-ring='readings'] meter"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#events tr[data-event='sensor']"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#chart-sensor canvas"))).isNotEmpty();
        });
        assertThat(browser.getTitle()).isEqualTo("microevents dashboard");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
        Browser.screenshot(browser, "dashboard-test-app.png");
    }

    @Test
    void theChartGainsPointsAsReadingsArrive() {
        WebElement chart = browser.findElement(By.id("chart-sensor"));
        await().atMost(Duration.ofSeconds(5)).until(() -> points(chart) > 0);
        int before = points(chart);
        await().atMost(Duration.ofSeconds(5)).until(() -> points(chart) >= before + 5);
        assertThat(chart.findElement(By.className("latest")).getText()).startsWith("latest ");
        assertThat(chart.getText()).contains("threshold 30");
    }

    private static int points(WebElement chart) {
        String n = chart.getDomAttribute("data-points");
        return n == null ? 0 : Integer.parseInt(n);
    }

    @Test
    void aTriggerPostedOverRestShowsInTheRunCountWithinASecondWithoutAReload() throws Exception {
        int id = work.on(args -> { }, "doorbell", true);
        await().atMost(Duration.ofSeconds(2)).until(() -> !browser.findElements(
                By.cssSelector("#tasks tr[data-task-id='" + id + "']")).isEmpty());
        assertThat(cell(id, "runs")).isEqualTo("0");
        browser.findElement(By.tagName("body")).getDomProperty("id");   // nothing reloads: the same document
        Object marker = Browser.script(browser, "return window.__marker = 'same page';");

        assertThat(post("events/doorbell", null)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(1)).until(() -> cell(id, "runs").equals("1"));
        assertThat(Browser.script(browser, "return window.__marker;")).isEqualTo(marker);
        work.cancel(id);
    }

    @Test
    void cancellingFromThePageRemovesTheTask() {
        int id = work.repeat(() -> { }, 60_000, 60_000);
        await().atMost(Duration.ofSeconds(2)).until(() -> !browser.findElements(
                By.cssSelector("#tasks tr[data-task-id='" + id + "']")).isEmpty());
        assertThat(cell(id, "next")).startsWith("in ");

        row(id).findElement(By.cssSelector("button.cancel")).click();

        await().atMost(Duration.ofSeconds(2)).until(() -> browser.findElements(
                By.cssSelector("#tasks tr[data-task-id='" + id + "']")).isEmpty());
        assertThat(work.status(id)).isEmpty();
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Task " + id + " cancelled");
    }

    @Test
    void anIntervalSetFromThePageChangesTheTaskAndARefusalShowsTheProblemDetail() {
        int id = work.repeat(() -> { }, 60_000, 60_000);
        await().atMost(Duration.ofSeconds(2)).until(() -> !browser.findElements(
                By.cssSelector("#tasks tr[data-task-id='" + id + "']")).isEmpty());
        WebElement input = row(id).findElement(By.cssSelector("input.interval-input"));

        input.sendKeys("30000");
        row(id).findElement(By.cssSelector("button.set-interval")).click();
        await().atMost(Duration.ofSeconds(2)).until(() -> work.status(id).orElseThrow().interval() == 30_000);
        await().atMost(Duration.ofSeconds(2)).until(() -> cell(id, "interval").equals("30.0 s"));

        input.clear();
        input.sendKeys("-5");
        row(id).findElement(By.cssSelector("button.set-interval")).click();
        WebElement message = browser.findElement(By.id("message"));
        await().atMost(Duration.ofSeconds(2)).until(() -> message.getText().endsWith("(400)"));
        assertThat(message.getDomAttribute("class")).isEqualTo("error");
        assertThat(work.status(id).orElseThrow().interval()).isEqualTo(30_000);
        Browser.consoleErrors(browser);   // the refused request is logged as a failed load: expected here
        work.cancel(id);
    }

    @Test
    void theTriggerFormSendsArgumentsThroughTheRestAdmin() {
        List<Object> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        int id = work.on(args -> got.addAll(List.of(args)), "dial", true);
        browser.findElement(By.id("trigger-event")).sendKeys("dial");
        browser.findElement(By.id("trigger-args")).sendKeys("[42.5, \"x\"]");
        browser.findElement(By.id("trigger-button")).click();
        await().atMost(Duration.ofSeconds(2)).until(() -> got.size() == 2);
        assertThat(got).containsExactly(42.5, "x");
        work.cancel(id);
    }

    @Test
    void afterTheServerDropsTheStreamThePageReconnectsAndCatchesUp() {
        int id = work.on(args -> { }, "knock", true);
        await().atMost(Duration.ofSeconds(2)).until(() -> !browser.findElements(
                By.cssSelector("#tasks tr[data-task-id='" + id + "']")).isEmpty());
        int connects = Integer.parseInt(browser.findElement(By.id("connection")).getDomAttribute("data-connects"));

        stream.disconnectAll();
        work.triggerEvent("knock");
        work.triggerEvent("knock");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(Integer.parseInt(browser.findElement(By.id("connection")).getDomAttribute("data-connects")))
                    .isGreaterThan(connects);
            assertThat(cell(id, "runs")).isEqualTo("2");
            assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
        });
        work.cancel(id);
    }

    @Test
    void aBurstOf10000TriggersReachesAStreamAsAFewUpdatesASecond() throws Exception {
        work.on(args -> { }, "burst", true);
        try (SseClient client = SseClient.open(base() + "stream", null)) {
            client.next();
            client.next();
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            for (int i = 0; i < 10_000; i++) {
                work.triggerEvent("burst", i);
            }
            int updates = 0;
            SseClient.Event e;
            while (System.nanoTime() < end && (e = client.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000))) != null) {
                if ("delta".equals(e.name())) {
                    updates++;
                }
            }
            // update-interval 250 ms: at most 4 updates a second (5 with a tick at each edge), whatever the burst
            assertThat(updates).isBetween(1, 5);
        }
    }
}
