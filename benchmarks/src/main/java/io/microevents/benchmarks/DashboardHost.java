package io.microevents.benchmarks;

import io.microevents.Work;
import io.microevents.WorkObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot app with the starter, the REST admin and the dashboard on a loopback port, one
 * listener of the event {@code burst}, and the loop's lateness of that listener's runs; plus
 * dashboard streams opened and read over plain sockets by threads in this JVM (their reading is
 * counted against the app as well). Shared by {@link DashboardStreamBenchmark} and {@link DashboardLoadRun}.
 */
final class DashboardHost implements AutoCloseable {

    static final int BURST = 10_000;

    /** The host app. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    private final ConfigurableApplicationContext app;
    private final Work work;
    private final int port;
    private final LongAdder latenessNanos = new LongAdder();
    private final LongAdder measuredRuns = new LongAdder();
    private final AtomicLong latenessMaxNanos = new AtomicLong();
    private final LongAdder updates = new LongAdder();
    private final List<Socket> sockets = new ArrayList<>();
    private volatile long ran;
    private long sent;

    DashboardHost() {
        app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "microevents.dashboard.max-clients=64",
                        "microevents.work.thread-name=bench-loop")
                .run();
        work = app.getBean(Work.class);
        int listener = work.on(args -> ran++, "burst", true);
        work.addObserver(new WorkObserver() {
            @Override
            public void taskRan(int taskId, String job, long lateness, long duration, Throwable error) {
                if (taskId == listener) {
                    latenessNanos.add(lateness);
                    measuredRuns.increment();
                    latenessMaxNanos.accumulateAndGet(lateness, Math::max);
                }
            }
        });
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /** Opens {@code n} streams and waits until each has its snapshot. */
    void openStreams(int n) throws IOException, InterruptedException {
        CountDownLatch snapshots = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.getOutputStream().write(("GET /microevents/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                socket.close();
                throw new IllegalStateException("stream " + i + " answered " + status);
            }
            sockets.add(socket);
            Thread reader = new Thread(() -> read(in, snapshots), "sse-client-" + i);
            reader.setDaemon(true);
            reader.start();
        }
        if (!snapshots.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every stream got its snapshot");
        }
    }

    /** Closes every open stream and waits until the server has let go of them (at its next write). */
    void closeStreams() throws IOException, InterruptedException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (serverStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The streams the dashboard holds open (its internal count, read reflectively: the class is not public). */
    int serverStreams() {
        try {
            Object stream = app.getBean("microeventsDashboardStream");
            Method count = stream.getClass().getDeclaredMethod("clientCount");
            count.setAccessible(true);
            return (Integer) count.invoke(stream);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read(BufferedReader body, CountDownLatch snapshots) {
        try (BufferedReader in = body) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event:") && line.contains("snapshot")) {
                    snapshots.countDown();
                } else if (line.startsWith("event:") && line.contains("delta")) {
                    updates.increment();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Triggers one burst from this thread and waits (parked, not spinning) until its last run is done. */
    long burst() {
        for (int i = 0; i < BURST; i++) {
            work.triggerEvent("burst", i);
        }
        long target = sent += BURST;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ran < target) {   // a spinning waiter would take the loop's core on a small machine
            LockSupport.parkNanos(20_000);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the burst did not finish within 30 s: " + ran + " of " + target);
            }
        }
        return target;
    }

    /** Forgets the lateness and updates counted so far. */
    void resetCounters() {
        latenessNanos.reset();
        measuredRuns.reset();
        latenessMaxNanos.set(0);
        updates.reset();
    }

    long runs() {
        return measuredRuns.sum();
    }

    double latenessMeanMicros() {
        long n = measuredRuns.sum();
        return n == 0 ? 0 : latenessNanos.sum() / 1e3 / n;
    }

    double latenessMaxMillis() {
        return latenessMaxNanos.get() / 1e6;
    }

    long updates() {
        return updates.sum();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
        app.close();
    }
}
