package io.microevents.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * A real pseudo-terminal pair made from Java through libc ({@code posix_openpt}, {@code grantpt},
 * {@code unlockpt}, {@code ptsname}), standing in for a device on a serial port.
 *
 * <p>The code under test opens {@link #path()}: a symbolic link to the pair's terminal end
 * ({@code /dev/pts/N}), as {@code /dev/serial/by-id/...} links lead to a device. The test plays
 * the device on the master end: {@link #print} and {@link #write} send bytes to the port,
 * {@link #lines()} receives what the port wrote, cut at {@code \n}. The pair is in raw mode, so
 * bytes pass unchanged both ways (no {@code \r\n} rewriting, no echo).
 *
 * <p>{@link #unplug()} closes the master: the port sees a hang-up and its node vanishes, as when a
 * USB device is pulled, while the link stays (dangling). {@link #replug()} makes a fresh pair and
 * points the same link at it. {@link #close()} unplugs and removes the link.
 *
 * <p>Made by {@link PseudoTerminals}, which also skips the test where there are no pseudo-terminals.
 */
public final class PseudoTerminal implements AutoCloseable {

    private static final int POLL_MS = 50;

    private final Path path;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile Master master;

    private PseudoTerminal(Path path) {
        this.path = path;
    }

    /**
     * Makes a pair and a link to it.
     *
     * @param link where the link goes; must not exist
     * @return the open pair
     * @throws IOException if the link cannot be made
     * @throws IllegalStateException if libc refuses a pseudo-terminal
     */
    static PseudoTerminal open(Path link) throws IOException {
        Objects.requireNonNull(link, "link");
        PseudoTerminal pty = new PseudoTerminal(link);
        pty.plug();
        return pty;
    }

    /**
     * The path the code under test opens: a link to the terminal end of the current pair.
     *
     * @return the link
     */
    public Path path() {
        return path;
    }

    /**
     * The terminal end the link leads to now ({@code /dev/pts/N} on Linux).
     *
     * @return the device node
     * @throws IllegalStateException while unplugged
     */
    public Path device() {
        return current().device;
    }

    /**
     * Writes text as UTF-8, as it is (add the delimiter yourself).
     *
     * @param text the text
     */
    public void print(String text) {
        write(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes raw bytes to the port; blocks while the port's input buffer is full.
     *
     * @param bytes the bytes
     */
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        current().write(bytes);
    }

    /**
     * The lines the port wrote, without {@code \n} (a {@code \r} before it is kept), decoded as
     * UTF-8, as they arrive; from every pair this link has led to.
     *
     * @return the queue of lines
     */
    public BlockingQueue<String> lines() {
        return lines;
    }

    /**
     * Closes the master end, as pulling the device's plug does: the port reads a hang-up, the
     * device node vanishes, the link stays and leads nowhere. Does nothing while unplugged.
     */
    public synchronized void unplug() {
        Master m = master;
        master = null;
        if (m != null) {
            m.close();
        }
    }

    /**
     * Plugs a new pair in behind the same link (atomically re-pointed), as a replugged device gets
     * a new node behind its {@code by-id} link. Unplugs the current pair first.
     *
     * @throws IOException if the link cannot be re-pointed
     */
    public synchronized void replug() throws IOException {
        unplug();
        plug();
    }

    /** Unplugs and removes the link. */
    @Override
    public synchronized void close() {
        unplug();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        Master m = master;
        return "PseudoTerminal[" + path + " -> " + (m == null ? "unplugged" : m.device) + "]";
    }

    private synchronized void plug() throws IOException {
        Master m = Master.open(lines, path.getFileName().toString());
        try {
            Path next = path.resolveSibling(path.getFileName() + ".next");
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, m.device);
            Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        master = m;
    }

    private Master current() {
        Master m = master;
        if (m == null) {
            throw new IllegalStateException(path + " is unplugged");
        }
        return m;
    }

    /** One master fd and the thread that reads it. */
    private static final class Master {
        private final int fd;
        private final Path device;
        private final Thread reader;
        private final BlockingQueue<String> lines;
        private volatile boolean closing;

        private Master(int fd, Path device, BlockingQueue<String> lines, String name) {
            this.fd = fd;
            this.device = device;
            this.lines = lines;
            this.reader = new Thread(this::readLines, "pty-" + name);
            this.reader.setDaemon(true);
        }

        static Master open(BlockingQueue<String> lines, String name) {
            LibC c = LibC.INSTANCE;
            int fd = c.posix_openpt(LibC.O_RDWR | (Platform.isMac() ? LibC.O_NOCTTY_MAC : LibC.O_NOCTTY_LINUX));
            if (fd < 0) {
                throw failure("posix_openpt");
            }
            try {
                check(c.grantpt(fd), "grantpt");
                check(c.unlockpt(fd), "unlockpt");
                makeRaw(fd);
                String slave;
                synchronized (LibC.class) {      // ptsname returns a static buffer
                    slave = c.ptsname(fd);
                }
                if (slave == null) {
                    throw failure("ptsname");
                }
                Master m = new Master(fd, Path.of(slave), lines, name);
                m.reader.start();
                return m;
            } catch (RuntimeException e) {
                c.close(fd);
                throw e;
            }
        }

        /** Raw mode on the pair (termios calls on a master act on its terminal end). */
        private static void makeRaw(int fd) {
            try (Memory termios = new Memory(LibC.TERMIOS_BYTES)) {
                termios.clear();
                check(LibC.INSTANCE.tcgetattr(fd, termios), "tcgetattr");
                LibC.INSTANCE.cfmakeraw(termios);
                check(LibC.INSTANCE.tcsetattr(fd, LibC.TCSANOW, termios), "tcsetattr");
            }
        }

        void write(byte[] bytes) {
            int done = 0;
            while (done < bytes.length) {
                byte[] rest = done == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, done, bytes.length);
                long n = LibC.INSTANCE.write(fd, rest, new NativeLong(rest.length)).longValue();
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == LibC.EINTR || errno == LibC.EAGAIN) {
                        continue;
                    }
                    throw new IllegalStateException("write to the pseudo-terminal failed: errno " + errno);
                }
                done += (int) n;
            }
        }

        /** Polls with a timeout, so that closing never races a blocked read on the same fd. */
        private void readLines() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try (Memory pollfd = new Memory(8)) {
                while (!closing) {
                    pollfd.setInt(0, fd);
                    pollfd.setShort(4, LibC.POLLIN);
                    pollfd.setShort(6, (short) 0);
                    int ready = LibC.INSTANCE.poll(pollfd, 1, POLL_MS);
                    if (ready <= 0) {
                        continue;
                    }
                    short events = pollfd.getShort(6);
                    if ((events & LibC.POLLIN) == 0) {
                        // hang-up: nobody has the terminal end open (yet, or any more)
                        sleep();
                        continue;
                    }
                    long n = LibC.INSTANCE.read(fd, buffer, new NativeLong(buffer.length)).longValue();
                    if (n <= 0) {
                        sleep();
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
            }
        }

        private void sleep() {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                closing = true;
            }
        }

        void close() {
            closing = true;
            try {
                reader.join(10L * POLL_MS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LibC.INSTANCE.close(fd);
        }

        private static void check(int result, String call) {
            if (result != 0) {
                throw failure(call);
            }
        }

        private static IllegalStateException failure(String call) {
            return new IllegalStateException(call + " failed: errno " + Native.getLastError());
        }
    }

    /** The libc calls the pair needs. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int O_RDWR = 2;
        int O_NOCTTY_LINUX = 0400;
        int O_NOCTTY_MAC = 0x20000;
        int TCSANOW = 0;
        short POLLIN = 1;
        int EINTR = 4;
        int EAGAIN = Platform.isMac() ? 35 : 11;
        /** More than any platform's {@code struct termios} (60 bytes on Linux, 72 on macOS). */
        int TERMIOS_BYTES = 256;

        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);

        int tcgetattr(int fd, Pointer termios);

        void cfmakeraw(Pointer termios);

        int tcsetattr(int fd, int action, Pointer termios);

        int poll(Pointer fds, int count, int timeoutMillis);

        NativeLong read(int fd, byte[] buffer, NativeLong count);

        NativeLong write(int fd, byte[] buffer, NativeLong count);

        int close(int fd);
    }
}
