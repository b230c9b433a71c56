package io.microevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that makes {@link PseudoTerminal} pairs: real serial-port stand-ins made in
 * Java, with nothing to install. Register it in a field; every pair gets a link of its own in a
 * temporary directory of the extension's own.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PseudoTerminals ptys = new PseudoTerminals();
 *
 * @Test
 * void readsALine() {
 *     PseudoTerminal rig = ptys.open("rig");     // open rig.path() as the serial port
 *     rig.print("temp 23.5\n");
 * }
 * }</pre>
 *
 * <p>Pairs opened during a test are closed after it; pairs opened before the tests (in a
 * {@code @BeforeAll} method, for a Spring context's {@code @DynamicPropertySource}) after the
 * class. Where the operating system has no pseudo-terminals (Windows), the tests are skipped with
 * a reason; on Linux and macOS they always run.
 */
public final class PseudoTerminals implements ExecutionCondition, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private final List<PseudoTerminal> perClass = new ArrayList<>();
    private final List<PseudoTerminal> perTest = new ArrayList<>();
    private Path dir;
    private boolean inTest;
    private int opened;

    /**
     * Whether this operating system has pseudo-terminals that this extension can make.
     *
     * @return false on Windows
     */
    public static boolean supported() {
        return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * Makes a pair, with its link named after {@code name} (made unique).
     *
     * @param name a name for the link, such as the port's name
     * @return the open pair
     * @throws IllegalStateException if there are no pseudo-terminals here, or libc refuses one
     */
    public synchronized PseudoTerminal open(String name) {
        Objects.requireNonNull(name, "name");
        if (!supported()) {
            throw new IllegalStateException("no pseudo-terminals on " + System.getProperty("os.name"));
        }
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("microevents-pty");
            }
            PseudoTerminal pty = PseudoTerminal.open(dir.resolve(name + "-" + ++opened));
            (inTest ? perTest : perClass).add(pty);
            return pty;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A path in this extension's directory that leads nowhere: a port that is not plugged in.
     *
     * @param name a name for it
     * @return a path where nothing is
     */
    public synchronized Path missing(String name) {
        Objects.requireNonNull(name, "name");
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("microevents-pty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name + "-missing-" + ++opened);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return supported()
                ? ConditionEvaluationResult.enabled("pseudo-terminals are available")
                : ConditionEvaluationResult.disabled("needs pseudo-terminals (Linux, macOS), which "
                        + System.getProperty("os.name") + " does not have");
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        inTest = true;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws IOException {
        inTest = false;
        closeAll(perTest);
        if (perClass.isEmpty()) {
            deleteDir();        // registered in an instance field, this extension sees no afterAll
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        closeAll(perTest);
        closeAll(perClass);
        deleteDir();
    }

    private void deleteDir() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            dir = null;
        }
    }

    private static void closeAll(List<PseudoTerminal> ptys) {
        for (PseudoTerminal pty : ptys) {
            pty.close();
        }
        ptys.clear();
    }
}
