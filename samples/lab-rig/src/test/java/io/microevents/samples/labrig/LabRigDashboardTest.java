package io.microevents.samples.labrig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.microevents.dashboard.Browser;
import io.microevents.serial.SerialBridge;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lab rig's dashboard in headless Chromium: what a newcomer sees after the demo command. The
 * sensor chart moves with the simulated readings (a reading every 250 ms here; the demo's 1 s
 * gives its first points within seconds too), a heat burst crosses the drawn threshold, the port
 * shows as connected. Saves the page as {@code target/dashboard-lab-rig.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lab-rig.poll=250ms", "lab-rig.simulator.button-every=0", "lab-rig.simulator.heat-chance=0"})
class LabRigDashboardTest {

    @LocalServerPort
    int port;

    @Autowired
    SerialBridge bridge;

    @Test
    void theSensorChartMovesAndTheAlarmThresholdIsDrawn() throws Exception {
        WebDriver browser = Browser.get();
        browser.get("http://localhost:" + port + "/microevents/");
        WebElement chart = await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElements(By.id("chart-sensor")), l -> !l.isEmpty()).get(0);
        await("first readings on the chart").atMost(Duration.ofSeconds(10)).until(() -> points(chart) >= 3);

        bridge.send("rig", "heat");   // the rig warms up for a few readings: the chart crosses 30 C
        bridge.send("rig", "press");  // and a checkpoint lands in the ring
        int before = points(chart);
        await("more readings").atMost(Duration.ofSeconds(15)).until(() -> points(chart) >= before + 14);

        assertThat(chart.getText()).contains("threshold 30");
        assertThat(browser.findElement(By.cssSelector("#ports [data-port='rig'] .link")).getText())
                .contains("sim:lab-rig").contains("connected since");
        assertThat(browser.findElement(By.cssSelector("#events tr[data-event='sensor']")).getText())
                .contains("LabRig.onReading");
        assertThat(browser.findElement(By.id("summary-loop")).getText()).isEqualTo("running");
        assertThat(Browser.consoleErrors(browser)).isEmpty();

        browser.manage().window().setSize(new Dimension(1400, 1500));   // the whole page, serial port included
        Path shot = Browser.screenshot(browser, "dashboard-lab-rig.png");
        assertThat(Files.size(shot)).isPositive();
    }

    private static int points(WebElement chart) {
        String n = chart.getDomAttribute("data-points");
        return n == null ? 0 : Integer.parseInt(n);
    }
}
