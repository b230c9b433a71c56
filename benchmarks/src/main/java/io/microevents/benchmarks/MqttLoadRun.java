package io.microevents.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.microevents.Work;
import io.microevents.mqtt.EmbeddedBroker;
import io.microevents.mqtt.MqttBridge;
import io.microevents.mqtt.MqttProperties;

/**
 * A load run of events across hosts: node A's {@code triggerEvent} to node B's handler over the
 * embedded broker, at QoS 0 and QoS 1, next to a floor measured in the same run: a plain HiveMQ
 * client publishing to another plain client subscribed on the same broker, with a payload of the
 * same size. Not a JMH benchmark (latency across two clients and a broker is not a method call);
 * see docs/performance.md for the command and the figures.
 *
 * <p>Three phases per path and QoS: a burst (as fast as the sender can go; throughput is events
 * received per second from the first send to the last arrival, and any loss is reported), a
 * paced run at a modest rate (latency from the send to the handler's start, p50 and p99), and a
 * paced run at the target rate (does it keep up, and with what latency).
 *
 * <p>Arguments ({@code name=value}): {@code burst} (events per burst, default 200000),
 * {@code rate} (events/s of the latency run, default 2000), {@code sustained} (events/s of the
 * target-rate run, default 20000), {@code seconds} (of each paced run, default 5), {@code rounds}
 * (measured rounds after one warm-up round, default 3).
 */
public final class MqttLoadRun {

    private static final String EVENT = "bench";
    /** The floor's payload is padded to about the size of the bridge's JSON payload. */
    private static final int FLOOR_PAYLOAD = 150;

    private MqttLoadRun() {
    }

    /** One measured phase. */
    record Result(String path, int qos, String phase, int sent, int received, double perSecond, double p50Micros,
                  double p99Micros, String drops) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-12s qos %d  %-12s sent %7d  received %7d  %9.0f events/s  p50 %8.1f us  p99 %8.1f us%s",
                    path, qos, phase, sent, received, perSecond, p50Micros, p99Micros, drops.isEmpty() ? "" : "  " + drops);
        }
    }

    /** Receives one event per call, records its latency. */
    private static final class Sink {
        private long[] latencies = new long[0];
        private final AtomicInteger count = new AtomicInteger();
        private volatile CountDownLatch done = new CountDownLatch(0);
        private volatile long lastArrival;

        void reset(int expected) {
            latencies = new long[expected];
            count.set(0);
            done = new CountDownLatch(expected);
        }

        void arrived(long sentAt) {
            long now = System.nanoTime();
            int i = count.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = now - sentAt;
            }
            lastArrival = now;
            done.countDown();
        }

        /** Waits for every event, or until none arrived for a second (QoS 0 loses some), at most {@code millis}. */
        int await(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            int seen = -1;
            while (!done.await(Math.min(millis, 1000), TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                int now = count.get();
                if (now == seen) {
                    break;
                }
                seen = now;
            }
            return Math.min(count.get(), latencies.length);
        }

        double percentile(double p, int n) {
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1000.0;
        }
    }

    /** A path from a sender to a {@link Sink}. */
    private interface Path extends AutoCloseable {
        void send(long sentAt);

        /** @return drops counted since the last call, by where and why; empty when none */
        default String drops() {
            return "";
        }

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        int burst = 200_000;
        int rate = 2_000;
        int sustained = 20_000;
        int seconds = 5;
        int rounds = 3;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "burst" -> burst = Integer.parseInt(kv[1]);
                case "rate" -> rate = Integer.parseInt(kv[1]);
                case "sustained" -> sustained = Integer.parseInt(kv[1]);
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (burst=, rate=, sustained=, seconds=, rounds=)");
            }
        }
        System.out.printf("JDK %s, %d CPUs; burst %d, paced %d and %d events/s for %d s each, %d rounds after a warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), burst, rate, sustained,
                seconds, rounds);
        for (int round = 0; round <= rounds; round++) {
            System.out.println(round == 0 ? "-- warm-up" : "-- round " + round);
            for (Result r : run(round == 0 ? Math.min(burst, 20_000) : burst, rate, sustained, round == 0 ? 1 : seconds)) {
                System.out.println(r);
            }
        }
        // the clients' and the broker's event loops wind down lazily
        System.exit(0);
    }

    /**
     * One round: the floor and the bridge at QoS 0 and QoS 1, each with a burst and a paced run.
     *
     * @param burst events per burst
     * @param rate events per second of the paced run for latency
     * @param sustained events per second of the paced run for throughput (the target rate)
     * @param seconds length of each paced run
     * @return the results, in order
     * @throws Exception when the broker or a client fails
     */
    public static List<Result> run(int burst, int rate, int sustained, int seconds) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(0, Math.max(burst, 1024) * 2);
        broker.start();
        try {
            List<Result> results = new java.util.ArrayList<>();
            for (int qos = 0; qos <= 1; qos++) {
                Sink sink = new Sink();
                try (Path floor = floor(broker, qos, sink)) {
                    results.add(burst("plain client", qos, floor, sink, burst));
                    results.add(paced("plain client", qos, floor, sink, rate, seconds));
                    results.add(paced("plain client", qos, floor, sink, sustained, seconds));
                }
                try (Path bridge = bridge(broker, qos, sink, burst)) {
                    results.add(burst("microevents", qos, bridge, sink, burst));
                    results.add(paced("microevents", qos, bridge, sink, rate, seconds));
                    results.add(paced("microevents", qos, bridge, sink, sustained, seconds));
                }
            }
            return results;
        } finally {
            broker.stop();
        }
    }

    private static Result burst(String name, int qos, Path path, Sink sink, int n) throws InterruptedException {
        sink.reset(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            path.send(System.nanoTime());
        }
        long sentIn = System.nanoTime() - start;
        int received = sink.await(TimeUnit.SECONDS.toMillis(60));
        System.out.printf(Locale.ROOT, "  (%s qos %d: the sender took %.0f ms for the burst)%n", name, qos, sentIn / 1e6);
        // let stragglers of a lossy run settle, then read the last arrival
        double seconds = (sink.lastArrival - start) / 1e9;
        return new Result(name, qos, "burst", n, received, received / seconds, sink.percentile(0.5, received),
                sink.percentile(0.99, received), path.drops());
    }

    private static Result paced(String name, int qos, Path path, Sink sink, int rate, int seconds)
            throws InterruptedException {
        int n = rate * seconds;
        sink.reset(n);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            path.send(System.nanoTime());
        }
        int received = sink.await(TimeUnit.SECONDS.toMillis(30));
        double elapsed = (sink.lastArrival - start) / 1e9;
        return new Result(name, qos, "paced " + rate, n, received, received / elapsed, sink.percentile(0.5, received),
                sink.percentile(0.99, received), path.drops());
    }

    private static Path floor(EmbeddedBroker broker, int qos, Sink sink) {
        String topic = "microevents/floor/event/" + EVENT;
        MqttQos q = MqttQos.fromCode(qos);
        int n = PATHS.incrementAndGet();
        Mqtt5AsyncClient sub = client(broker, "floor-sub-" + n);
        join(sub.subscribeWith().topicFilter(topic).qos(q).callback(p -> sink.arrived(
                ByteBuffer.wrap(p.getPayloadAsBytes()).getLong())).send(), "subscribe of floor-sub-" + n);
        Mqtt5AsyncClient pub = client(broker, "floor-pub-" + n);
        return new Path() {
            @Override
            public void send(long sentAt) {
                byte[] payload = new byte[FLOOR_PAYLOAD];
                ByteBuffer.wrap(payload).putLong(sentAt);
                pub.publish(Mqtt5Publish.builder().topic(topic).qos(q).payload(payload).build());
            }

            @Override
            public void close() {
                // the figures are taken; a client that is slow to say goodbye does not spoil them
                disconnect(pub, "floor-pub-" + n);
                disconnect(sub, "floor-sub-" + n);
            }
        };
    }

    private static Path bridge(EmbeddedBroker broker, int qos, Sink sink, int burst) throws InterruptedException {
        Work a = new Work();
        Work b = new Work();
        Thread loopA = new Thread(a::runUntilStopped, "node-a-loop");
        Thread loopB = new Thread(b::runUntilStopped, "node-b-loop");
        loopA.start();
        loopB.start();
        b.on(args -> sink.arrived(((Number) args[0]).longValue()), EVENT, true);
        int n = PATHS.incrementAndGet();
        MqttBridge bridgeA = new MqttBridge(a, settings(qos, burst, List.of(EVENT), List.of()), "node-a" + n, broker.url(), true);
        MqttBridge bridgeB = new MqttBridge(b, settings(qos, burst, List.of(), List.of(EVENT)), "node-b" + n, broker.url(), true);
        bridgeB.start();
        bridgeA.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(bridgeA.isConnected() && bridgeB.isConnected()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // B's subscription is in place once one event makes it across
        sink.reset(1);
        do {
            a.triggerEvent(EVENT, System.nanoTime());
        } while (sink.await(200) == 0 && System.nanoTime() < deadline);
        return new Path() {
            private final java.util.Map<String, Long> reported = new java.util.HashMap<>();

            @Override
            public void send(long sentAt) {
                a.triggerEvent(EVENT, sentAt);
            }

            @Override
            public String drops() {
                StringBuilder out = new StringBuilder();
                for (MqttBridge node : List.of(bridgeA, bridgeB)) {
                    node.status().drops().forEach((reason, count) -> {
                        String key = node.topics().node() + " " + reason;
                        long before = reported.getOrDefault(key, 0L);
                        if (count > before) {
                            out.append(out.length() == 0 ? "dropped: " : ", ").append(key).append(' ').append(count - before);
                            reported.put(key, count);
                        }
                    });
                }
                return out.toString();
            }

            @Override
            public void close() {
                bridgeA.close();
                bridgeB.close();
                a.stop();
                b.stop();
            }
        };
    }

    private static MqttProperties settings(int qos, int burst, List<String> publish, List<String> subscribe) {
        MqttProperties p = new MqttProperties();
        p.setQos(qos);
        p.setPublish(publish);
        p.setSubscribe(subscribe);
        p.getBuffer().setMaxEvents(Math.max(burst, 10_000) * 2);
        p.getBuffer().setMaxBytes(Math.max(burst, 10_000) * 2L * 512);
        return p;
    }

    private static Mqtt5AsyncClient client(EmbeddedBroker broker, String id) {
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost(EmbeddedBroker.HOST).serverPort(broker.port()).buildAsync();
        join(c.connect(), "connect of " + id);
        return c;
    }

    /** Every client id is used once: a broker may still be winding down the session of the last one. */
    private static final AtomicInteger PATHS = new AtomicInteger();

    /**
     * Waits for a step of the broker's. A connect or subscribe that never completes is a broken
     * run, and the error says which step it was.
     */
    private static <T> T join(java.util.concurrent.CompletableFuture<T> future, String step) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the " + step, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the broker refused the " + step + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not complete the " + step + " in 30 s", e);
        }
    }

    /**
     * Disconnects a client once its figures are taken. A disconnect that does not complete (the
     * broker still flushing a QoS 1 burst to a slow consumer) is reported and left to the broker's
     * stop, which ends every connection; it does not fail the run.
     */
    private static void disconnect(Mqtt5AsyncClient client, String id) {
        try {
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.printf("  (the disconnect of %s did not complete: %s; the broker's stop ends it)%n", id, e);
        }
    }
}
