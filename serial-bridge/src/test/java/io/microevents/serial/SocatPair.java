package io.microevents.serial;

import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair made by {@code socat}: the bridge opens {@link #a()}, the test plays
 * the rig on {@link #b()}. Each pair lives in a directory of its own (a JUnit {@code @TempDir}), so
 * link paths never collide between tests; {@link #close()} kills socat.
 */
public final class SocatPair implements AutoCloseable {

    private final Path a;
    private final Path b;
    private final Path log;
    private Process process;
    private Rig rig;

    private SocatPair(Path dir) {
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
        this.log = dir.resolve("socat.log");
    }

    /**
     * Starts socat and waits until both links exist.
     *
     * @param dir a directory of this test's own
     * @return the running pair
     */
    public static SocatPair start(Path dir) throws IOException {
        SocatPair pair = new SocatPair(dir);
        pair.launch();
        return pair;
    }

    /** The end the bridge opens. */
    public Path a() {
        return a;
    }

    /** The far end: the rig. */
    public Path b() {
        return b;
    }

    /** The rig on the far end, opened on first use (again after a {@link #restart()}). */
    public Rig rig() throws IOException {
        if (rig == null) {
            rig = new Rig(b);
        }
        return rig;
    }

    /** Kills socat (as an unplug does) and waits until its links are gone. */
    public void kill() throws InterruptedException {
        if (rig != null) {
            rig.close();
            rig = null;
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
        await("socat links removed").atMost(Duration.ofSeconds(5))
                .until(() -> !Files.exists(a, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(b, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** A new pair on the same paths (as a replug does: new device nodes behind the same links). */
    public void restart() throws IOException {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Process started = process;
        await("socat links " + a + " and " + b).atMost(Duration.ofSeconds(10))
                .failFast("socat exited; see " + log, () -> !started.isAlive())
                .until(() -> Files.exists(a) && Files.exists(b));
    }

    /** The rig's side of the pair: plain file I/O on the pty, lines read by a thread of its own. */
    public static final class Rig implements AutoCloseable {
        private final OutputStream out;
        private final InputStream in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Rig(Path path) throws IOException {
            this.out = new FileOutputStream(path.toFile());
            this.in = new FileInputStream(path.toFile());
            Thread reader = new Thread(this::readLines, "rig-reader-" + path);
            reader.setDaemon(true);
            reader.start();
        }

        /** Writes text as it is (add the delimiter yourself). */
        public void print(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes raw bytes. */
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** The lines the bridge wrote to the rig, as they arrive. */
        public BlockingQueue<String> lines() {
            return lines;
        }

        private void readLines() {
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[1024];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines.add(line.toString());
                            line.setLength(0);
                        } else {
                            line.append((char) (buffer[i] & 0xFF));
                        }
                    }
                }
            } catch (IOException e) {
                // the pty went away: the pair was killed
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
