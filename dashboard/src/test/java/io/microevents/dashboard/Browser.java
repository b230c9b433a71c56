package io.microevents.dashboard;

import io.microevents.testsupport.ExternalProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium for every browser test in the JVM (Debian's {@code chromium} and
 * {@code chromium-driver}), through plain WebDriver: no DevTools protocol, which Debian's
 * browser updates move. Started on first use and quit when the JVM ends. Tests that need it call
 * {@link #get()}, which skips them without the browser (and fails them under {@code CI=true}).
 * Shared with the samples' tests through this module's test-jar.
 */
public final class Browser {

    private static Browser shared;

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(Path chromium, Path chromedriver) throws IOException {
        profile = Files.createTempDirectory("microevents-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--window-size=1400,1100", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        Runtime.getRuntime().addShutdownHook(new Thread(this::quit, "chromium-quit"));
    }

    /** The shared browser; skips (or, under CI, fails) the calling test when it is not installed. */
    public static synchronized WebDriver get() {
        Path chromium = ExternalProgram.require("chromium", "apt-get install -y chromium chromium-driver",
                "/usr/bin/chromium");
        Path chromedriver = ExternalProgram.require("chromedriver", "apt-get install -y chromium chromium-driver",
                "/usr/bin/chromedriver");
        if (shared == null) {
            try {
                shared = new Browser(chromium, chromedriver);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared.driver;
    }

    /** Console messages at SEVERE level since the last call (errors and failed loads). */
    public static List<String> consoleErrors(WebDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    public static Object script(WebDriver driver, String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a PNG of the page under {@code target/}. */
    public static Path screenshot(WebDriver driver, String name) throws IOException {
        Path file = Path.of("target", name);
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    private void quit() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // the JVM is ending anyway
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
