package io.microevents.benchmarks;

import io.microevents.Work;
import io.microevents.WorkObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What open dashboards cost the loop: a burst of 10,000 triggers to one listener of a Spring Boot
 * app (the starter's {@code Work} on its loop thread, the REST admin and the dashboard, Tomcat on a
 * loopback port), with {@code clients} browsers' worth of SSE streams open and reading (java.net
 * HTTP clients in this JVM, so their reading is counted against the app as well).
 *
 * <p>Each invocation triggers 10,000 times from the benchmark thread and waits until the listener
 * ran 10,000 times. The score is the time per burst. At the end of each trial it prints the loop's
 * lateness over the measured bursts' runs (start minus due time, as {@code WorkObserver} reports
 * it: mean per run and the largest) and how many updates the streams received, to show that they
 * were live. Compare {@code clients=0} with {@code clients=50}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
public class DashboardStreamBenchmark {

    static final int BURST = 10_000;

    /** A host app with the starter, the admin and the dashboard. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** The app, its listener, and the open streams. */
    @State(Scope.Benchmark)
    public static class Host {
        @Param({"0", "50"})
        int clients;

        ConfigurableApplicationContext app;
        Work work;
        final LongAdder latenessNanos = new LongAdder();
        final AtomicLong latenessMaxNanos = new AtomicLong();
        final LongAdder updates = new LongAdder();
        volatile long ran;
        long sent;
        long measuredFrom = -1;
        volatile boolean measuring;
        final List<InputStream> streams = new ArrayList<>();
        final List<Thread> readers = new ArrayList<>();

        /** Starts the app on a loopback port and opens the streams; each has its snapshot before the run starts. */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            app = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.SERVLET)
                    .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                            "logging.level.root=WARN", "microevents.dashboard.max-clients=64",
                            "microevents.work.thread-name=bench-loop", "spring.autoconfigure.exclude="
                                    + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration")
                    .run();
            work = app.getBean(Work.class);
            int listener = work.on(args -> ran++, "burst", true);
            work.addObserver(new WorkObserver() {
                @Override
                public void taskRan(int taskId, String job, long lateness, long duration, Throwable error) {
                    if (taskId == listener && measuring) {
                        latenessNanos.add(lateness);
                        latenessMaxNanos.accumulateAndGet(lateness, Math::max);
                    }
                }
            });
            String port = app.getEnvironment().getProperty("local.server.port");
            URI stream = URI.create("http://127.0.0.1:" + port + "/microevents/stream");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            CountDownLatch snapshots = new CountDownLatch(clients);
            for (int i = 0; i < clients; i++) {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(stream).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("stream " + i + " answered " + r.statusCode());
                }
                streams.add(r.body());
                Thread reader = new Thread(() -> read(r.body(), snapshots), "sse-client-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            if (!snapshots.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every stream got its snapshot");
            }
        }

        private void read(InputStream body, CountDownLatch snapshots) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("event:snapshot") || line.equals("event: snapshot")) {
                        snapshots.countDown();
                    } else if (line.startsWith("event:") && line.contains("delta") && measuring) {
                        updates.increment();
                    }
                }
            } catch (IOException e) {
                // closed at tear-down
            }
        }

        /** Starts counting at the first measured iteration (warm-up runs are not counted). */
        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            if (params.getType() == IterationType.MEASUREMENT && measuredFrom < 0) {
                measuredFrom = ran;
                latenessNanos.reset();
                latenessMaxNanos.set(0);
                updates.reset();
                measuring = true;
            }
        }

        /** Prints the loop's lateness over the measured bursts, then closes the streams and the app. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            long runs = ran - measuredFrom;
            System.out.printf(Locale.ROOT, "%nclients=%d: %d measured runs; loop lateness per run: mean %.1f us,"
                            + " max %.1f ms; %d stream updates received%n", clients, runs,
                    runs == 0 ? 0 : latenessNanos.sum() / 1e3 / runs, latenessMaxNanos.get() / 1e6, updates.sum());
            for (InputStream s : streams) {
                s.close();
            }
            app.close();
        }

        /** Triggers one burst and waits until every run of it is done. */
        long burst() {
            for (int i = 0; i < BURST; i++) {
                work.triggerEvent("burst", i);
            }
            long target = sent += BURST;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ran < target) {   // parks rather than spins: on a small machine a spinning waiter would take the loop's core
                LockSupport.parkNanos(20_000);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the burst did not finish within 30 s: " + ran + " of " + target);
                }
            }
            return target;
        }
    }

    /**
     * One burst of 10,000 triggers, until its last run is done.
     *
     * @param host the app
     * @return the runs so far
     */
    @Benchmark
    public long burst(Host host) {
        return host.burst();
    }
}
