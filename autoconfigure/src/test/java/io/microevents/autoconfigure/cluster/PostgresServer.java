package io.microevents.autoconfigure.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.microevents.testsupport.ExternalProgram;

/**
 * A throw-away PostgreSQL server: a fresh {@code initdb} in a temporary directory, listening on a
 * free loopback port, stopped and deleted by {@link #close()}. PostgreSQL refuses to run as root,
 * so as root the directory is given to the {@code postgres} user and the server runs as that user.
 * Without the Debian {@code postgresql} package the calling test is skipped (fails under CI=true).
 */
final class PostgresServer implements AutoCloseable {

    private static final String USER = "test";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /**
     * Creates a database cluster and starts a server on it.
     *
     * @return the running server
     * @throws Exception if it cannot be started
     */
    static PostgresServer start() throws Exception {
        Path initdb = ExternalProgram.require("initdb", "apt-get install -y postgresql", candidates());
        Path dir = Files.createTempDirectory("microevents-pg");
        if (asRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
        }
        PostgresServer server = new PostgresServer(initdb.getParent(), dir, freePort());
        try {
            server.run("initdb", "-D", server.data.toString(), "-A", "trust", "-U", USER, "--no-sync");
            server.run("pg_ctl", "-D", server.data.toString(), "-l", dir.resolve("log").toString(), "-w",
                    "-o", "-p " + server.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start");
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * The JDBC URL of its {@code postgres} database, for the user {@value #USER}.
     *
     * @return the URL
     */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = dir.resolve(program + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue() + ": "
                    + Files.readString(output));
        }
    }

    private static String[] candidates() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return new String[0];
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin/initdb"))
                    .sorted(Comparator.comparing(Path::toString).reversed())
                    .map(Path::toString).toArray(String[]::new);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
