package io.microevents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With Spring Security the page, its assets and its stream sit behind the admin's chain: an
 * anonymous browser gets the HTTP Basic challenge; a signed-in browser's EventSource carries the
 * browser's credentials by itself (it cannot send headers of its own); only the admin role sees
 * actions.
 */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude=")
class DashboardSecurityPageTest {

    @LocalServerPort
    int port;

    /**
     * The page's URL, with credentials for a user. Anonymous calls go to 127.0.0.1, another origin
     * than localhost, so that the shared browser has no credentials cached for it.
     */
    private String url(String user) {
        return "http://" + (user == null ? "127.0.0.1" : user + ":" + DashboardTestApplication.PASSWORD + "@localhost")
                + ":" + port + "/microevents/";
    }

    @Test
    void anAnonymousCallerGetsTheBasicChallengeForThePageAndTheStream() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"", "stream", "assets/dashboard.js"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(null) + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"microevents\"");
        }
    }

    @Test
    void anAnonymousBrowserGetsTheLoginChallengeAndNoDashboard() {
        WebDriver browser = Browser.get();
        browser.get(url(null));
        assertThat(browser.findElements(By.id("tasks"))).isEmpty();
        assertThat(browser.getTitle()).isNotEqualTo("microevents dashboard");
        // the browser holds the Basic challenge (its sign-in dialog, not rendered headless): nothing of the page loaded
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText()).isEmpty();
        Browser.consoleErrors(browser);   // the 401 is logged as a failed load: expected here
    }

    @Test
    void aSignedInViewerSeesTheLivePageWithoutActions() {
        WebDriver browser = Browser.get();
        browser.get(url(DashboardTestApplication.VIEWER));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
            assertThat(browser.findElements(By.cssSelector("#tasks tbody tr"))).isNotEmpty();
            assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read");
        });
        assertThat(browser.findElements(By.cssSelector("#tasks button"))).isEmpty();
    }

    @Test
    void aSignedInAdminSeesActions() {
        WebDriver browser = Browser.get();
        browser.get(url(DashboardTestApplication.ADMIN));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-write");
            assertThat(browser.findElements(By.cssSelector("#tasks button.cancel"))).isNotEmpty();
        });
    }
}
