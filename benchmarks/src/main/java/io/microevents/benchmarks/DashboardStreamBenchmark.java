package io.microevents.benchmarks;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

/**
 * What open dashboards cost the loop: a burst of 10,000 triggers to one listener of a Spring Boot
 * app ({@link DashboardHost}: the starter's {@code Work} on its loop thread, the REST admin and the
 * dashboard, Tomcat on a loopback port), with {@code clients} dashboard streams open and reading.
 *
 * <p>Each invocation triggers 10,000 times from the benchmark thread and waits until the listener
 * ran 10,000 times. The score is the time per burst. At the end of each trial it prints the loop's
 * lateness over the measured bursts' runs (start minus due time, as {@code WorkObserver} reports
 * it: mean per run and the largest) and how many updates the streams received, to show that they
 * were live. Compare {@code clients=0} with {@code clients=50}. On a busy machine prefer
 * {@link DashboardLoadRun}, which alternates both in one JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
public class DashboardStreamBenchmark {

    /** The app and its open streams. */
    @State(Scope.Benchmark)
    public static class Host {
        @Param({"0", "50"})
        int clients;

        DashboardHost host;
        private boolean measuring;

        /** Starts the app and opens the streams; each has its snapshot before the run starts. */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            host = new DashboardHost();
            host.openStreams(clients);
        }

        /** Starts counting at the first measured iteration (warm-up runs are not counted). */
        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            if (params.getType() == IterationType.MEASUREMENT && !measuring) {
                measuring = true;
                host.resetCounters();
            }
        }

        /** Prints the loop's lateness over the measured bursts, then closes the streams and the app. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            System.out.printf(Locale.ROOT, "%nclients=%d: %d measured runs; loop lateness per run: mean %.1f us,"
                            + " max %.1f ms; %d stream updates received%n", clients, host.runs(),
                    host.latenessMeanMicros(), host.latenessMaxMillis(), host.updates());
            host.close();
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
        return host.host.burst();
    }
}
