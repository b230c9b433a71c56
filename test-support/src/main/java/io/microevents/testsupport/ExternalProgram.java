package io.microevents.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A program outside the JDK that a test needs (a browser, a broker, a database server).
 *
 * <p>{@link #require(String, String, String...)} finds it. When it is missing, the test is
 * skipped with a message that says what to install, except under {@code CI=true}, where it fails
 * instead: CI installs these programs ({@code .ci/run}), so a missing one there is a broken
 * build, not a reason to skip.
 */
public final class ExternalProgram {

    private ExternalProgram() {
    }

    /**
     * Finds a program, or skips (locally) or fails (under {@code CI=true}) the calling test.
     *
     * @param name the program's name, looked up on the {@code PATH} unless a candidate exists
     * @param install what to install to get it, e.g. {@code "apt-get install -y mosquitto"}
     * @param candidates absolute paths tried first, in order
     * @return the program's path
     */
    public static Path require(String name, String install, String... candidates) {
        Optional<Path> found = find(name, candidates);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + name + "' is not installed; this test needs it (" + install + ")";
        if (onCi()) {
            throw new AssertionError(message + ". CI=true: failing instead of skipping");
        }
        Assumptions.abort(message + ". Skipped");
        throw new IllegalStateException("unreachable");
    }

    /**
     * Finds a program on the given paths, then on the {@code PATH}.
     *
     * @param name the program's name
     * @param candidates absolute paths tried first, in order
     * @return its path, if it exists and can be executed
     */
    public static Optional<Path> find(String name, String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the tests run under CI ({@code CI=true}), where a missing program fails a test.
     *
     * @return true under CI
     */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
