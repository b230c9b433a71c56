package io.microevents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In the admin's read-only mode the page shows everything and offers no action. */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "microevents.admin.read-only=true")
class DashboardReadOnlyPageTest {

    @LocalServerPort
    int port;

    @Test
    void readOnlyModeShowsNoActionButtons() {
        WebDriver browser = Browser.get();
        Browser.consoleErrors(browser);   // the shared browser starts with an empty console
        browser.get("http://localhost:" + port + "/microevents/");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector("#tasks tbody tr"))).isNotEmpty();
            assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-only");
        });
        assertThat(browser.findElements(By.cssSelector("#tasks button"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#tasks input"))).isEmpty();
        assertThat(browser.findElement(By.id("trigger-form")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("button")).stream().filter(b -> b.isDisplayed())).isEmpty();
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }
}
