package io.microevents.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A load run for a busy machine: one app ({@link DashboardHost}), bursts of 10,000 triggers back
 * to back, in phases of {@code seconds} with no stream open and with {@code clients} streams open,
 * alternated A B B A so that a drift in the machine's load falls on both alike. Prints the loop's
 * mean lateness per run of each phase, and the median and mean of the ratio with / without
 * streams over the pairs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.microevents.benchmarks.DashboardLoadRun [clients] [pairs] [seconds]
 * </pre>
 * (defaults 50 clients, 8 pairs, 2 s per phase, after 8 s of warm-up with and without streams).
 */
public final class DashboardLoadRun {

    private DashboardLoadRun() {
    }

    /**
     * Runs the load.
     *
     * @param args clients, pairs, seconds per phase
     * @throws Exception if the app cannot start or a stream is refused
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        try (DashboardHost host = new DashboardHost()) {
            phase(host, 4);   // warm-up of both paths: the JIT compiles the streams' code too
            host.openStreams(clients);
            phase(host, 4);
            host.closeStreams();
            List<Double> ratios = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                boolean streamsFirst = p % 2 == 1;   // A B, B A, A B, ...
                double without = 0;
                double with = 0;
                for (int half = 0; half < 2; half++) {
                    boolean streams = (half == 0) == streamsFirst;
                    if (streams) {
                        host.openStreams(clients);
                    }
                    host.resetCounters();
                    long bursts = phase(host, seconds);
                    double mean = host.latenessMeanMicros();
                    System.out.printf(Locale.ROOT, "pair %d %-11s %4d bursts, lateness per run mean %8.1f us, max %6.1f ms,"
                                    + " %5d updates%n", p + 1, streams ? clients + " streams" : "no streams", bursts,
                            mean, host.latenessMaxMillis(), host.updates());
                    if (streams) {
                        with = mean;
                        host.closeStreams();   // and waits until the server has let go of them
                    } else {
                        without = mean;
                    }
                }
                ratios.add(with / without);
            }
            List<Double> sorted = new ArrayList<>(ratios);
            sorted.sort(null);
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%nlateness with %d streams / without, over %d pairs: median %+.1f%%,"
                    + " mean %+.1f%%%n", clients, pairs, (median - 1) * 100, (mean - 1) * 100);
        }
    }

    private static long phase(DashboardHost host, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long bursts = 0;
        while (System.nanoTime() < end) {
            host.burst();
            bursts++;
        }
        return bursts;
    }
}
