package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.map;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.LoopThread;
import io.microevents.Work;
import io.microevents.serial.autoconfigure.SerialBridgeHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The connector seam: a port is opened by the first connector that supports its path (else by
 * jSerialComm), and what an in-memory connection carries goes through the same line pipeline as
 * a serial port: parser, prefix, drop counters, forwarding, reconnects.
 */
class PortConnectorTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Work work;
    private LoopThread loop;
    private SerialBridge bridge;
    private final List<List<Object>> temps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startLoop() {
        work = new Work();
        loop = LoopThread.runUntilStopped(work);
        work.on(args -> temps.add(Arrays.asList(args.clone())), "rig.temp", true);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (bridge != null) {
            bridge.stop();
        }
        loop.close();
    }

    private static SerialPortConfig.Builder port(String name, String path) {
        return SerialPortConfig.builder(name, path)
                .reconnectInterval(Duration.ofMillis(50)).maxReconnectInterval(Duration.ofMillis(100));
    }

    private SerialPortStatus status(String port) {
        return bridge.status(port).orElseThrow();
    }

    @Test
    void theFirstConnectorThatSupportsThePathOpensItAndOtherPathsGoToJSerialComm() throws Exception {
        Memory memory = new Memory("mem:");
        Memory shadowed = new Memory("mem:");
        String missing = dir.resolve("missing").toString();
        bridge = SerialBridge.builder(work)
                .connector(memory).connector(shadowed)
                .port(port("rig", "mem:rig").eventPrefix("rig.").forward(List.of("led")).build())
                .port(port("serial", missing).build())
                .build();
        bridge.start();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());
        Memory.Connection rig = memory.next();

        rig.receive("temp 23.5\r\n" + "\n" + "temp \u0001\n" + "temp 24");
        rig.receive(" C\n");
        work.triggerEvent("led", "on");

        await().atMost(ARRIVAL).until(() -> temps.size() == 2);
        assertThat(temps).containsExactly(List.of("23.5"), List.of("24", "C"));
        assertThat(rig.written.poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("led on\n");
        await().atMost(ARRIVAL).untilAsserted(() -> {
            SerialPortStatus status = status("rig");
            assertThat(status.linesIn()).isEqualTo(2);
            assertThat(status.linesOut()).isEqualTo(1);
            assertThat(status.droppedByReason()).containsEntry(DropReason.NO_EVENT, 1L).containsEntry(DropReason.BINARY, 1L);
        });
        assertThat(shadowed.opened).hasValue(0);
        await().atMost(ARRIVAL).until(() -> status("serial").lastError() != null);
        assertThat(status("serial").lastError()).isEqualTo("cannot open " + missing + ": not present");
    }

    @Test
    void aFailingConnectionIsReopenedWithItsReasonRecorded() throws Exception {
        Memory memory = new Memory("mem:");
        memory.failNextOpen = "rig is powered off";
        bridge = SerialBridge.builder(work).connector(memory)
                .port(port("rig", "mem:rig").eventPrefix("rig.").build()).build();
        bridge.start();

        Memory.Connection first = memory.next();
        assertThat(memory.opened).hasValue(2);
        first.fail("rig reset itself");
        Memory.Connection second = memory.next();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());
        second.receive("temp 1\n");

        await().atMost(ARRIVAL).until(() -> temps.size() == 1);
        SerialPortStatus status = status("rig");
        assertThat(status.disconnects()).isEqualTo(1);
        assertThat(status.lastError()).isEqualTo("rig reset itself");
        assertThat(first.closed).isTrue();
    }

    @Test
    void anErrorFromTheConnectionIsAPortFailureShownInStatusAndHealthAndThePortIsReopened() throws Exception {
        Memory memory = new Memory("mem:");
        bridge = SerialBridge.builder(work).connector(memory)
                .port(port("rig", "mem:rig").eventPrefix("rig.").build()).build();
        SerialBridgeHealthIndicator health = new SerialBridgeHealthIndicator(bridge);
        bridge.start();
        Memory.Connection first = memory.next();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        memory.refuseOpen = "rig is powered off";
        first.fail(new OutOfMemoryError("simulated: the driver ran out of memory"));

        await().atMost(ARRIVAL).until(() -> !status("rig").connected() && status("rig").disconnects() == 1);
        assertThat(first.closed).isTrue();
        await().atMost(ARRIVAL).until(() -> "cannot open mem:rig: rig is powered off".equals(status("rig").lastError()));
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("rig")).asInstanceOf(map(String.class, Object.class))
                .containsEntry("connected", false).containsEntry("disconnects", 1L);

        memory.refuseOpen = null;
        Memory.Connection second = memory.next();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());
        second.receive("temp 2\n");
        await().atMost(ARRIVAL).until(() -> temps.size() == 1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theWriterSurvivesAnErrorAndItsQueueIsBoundedInBytes() throws Exception {
        Memory memory = new Memory("mem:");
        bridge = SerialBridge.builder(work).connector(memory)
                .port(port("rig", "mem:rig").writeQueueCapacity(1000).writeQueueBytes(100).build()).build();
        bridge.start();
        Memory.Connection rig = memory.next();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());

        rig.writeError = new OutOfMemoryError("simulated: no heap left while writing");
        assertThat(bridge.send("rig", "lost")).isTrue();
        await().atMost(ARRIVAL).until(() -> status("rig").droppedWrites() == 1);
        assertThat(status("rig").lastError()).contains("write failed: java.lang.OutOfMemoryError");

        CountDownLatch gate = new CountDownLatch(1);
        rig.writeGate = gate;                                    // the device stops taking bytes
        assertThat(bridge.send("rig", "first")).isTrue();
        assertThat(rig.atGate.await(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        String nineteen = "x".repeat(19);                         // 20 bytes with its delimiter
        for (int i = 0; i < 5; i++) {
            assertThat(bridge.send("rig", nineteen)).as("line %d", i).isTrue();
        }
        assertThat(bridge.send("rig", nineteen)).isFalse();        // 120 bytes would be queued
        assertThat(status("rig").droppedWrites()).isEqualTo(2);
        assertThat(status("rig").lastError()).isEqualTo("write queue full (100 bytes): line dropped");
        assertThatThrownBy(() -> bridge.send("rig", "y".repeat(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write-queue-bytes");

        gate.countDown();
        await().atMost(ARRIVAL).until(() -> status("rig").linesOut() == 6);
        assertThat(bridge.send("rig", nineteen)).isTrue();         // the bytes were given back
        await().atMost(ARRIVAL).until(() -> status("rig").linesOut() == 7);
    }

    @Test
    void aNullConnectorIsRefused() {
        assertThatThrownBy(() -> SerialBridge.builder(work).connector(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connector");
    }

    /** Connections in memory for paths with a prefix; each opened connection is handed to the test. */
    static final class Memory implements PortConnector {
        private final String prefix;
        final AtomicInteger opened = new AtomicInteger();
        private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
        volatile String failNextOpen;
        volatile String refuseOpen;

        Memory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public boolean supports(String path) {
            return path.startsWith(prefix);
        }

        Connection next() throws InterruptedException {
            Connection connection = connections.poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(connection).as("a connection opened").isNotNull();
            return connection;
        }

        @Override
        public PortConnection open(SerialPortConfig config) throws IOException {
            opened.incrementAndGet();
            String failure = failNextOpen;
            if (failure != null) {
                failNextOpen = null;
                throw new IOException(failure);
            }
            String refusal = refuseOpen;
            if (refusal != null) {
                throw new IOException(refusal);
            }
            Connection connection = new Connection();
            connections.add(connection);
            return connection;
        }

        /** Bytes the test hands in come out of read; what the bridge writes is kept, line by line. */
        static final class Connection implements PortConnection {
            private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
            final BlockingQueue<String> written = new LinkedBlockingQueue<>();
            private volatile String failure;
            private volatile Error readError;
            volatile Error writeError;
            volatile CountDownLatch writeGate;
            final CountDownLatch atGate = new CountDownLatch(1);
            volatile boolean closed;

            void receive(String text) {
                inbound.add(text.getBytes(StandardCharsets.UTF_8));
            }

            void fail(String why) {
                failure = why;
            }

            void fail(Error error) {
                readError = error;
            }

            @Override
            public int read(byte[] buffer) throws IOException {
                if (failure != null) {
                    throw new IOException(failure);
                }
                Error error = readError;
                if (error != null) {
                    throw error;
                }
                byte[] bytes;
                try {
                    bytes = inbound.poll(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                if (bytes == null) {
                    return 0;
                }
                System.arraycopy(bytes, 0, buffer, 0, bytes.length);
                return bytes.length;
            }

            @Override
            public int write(byte[] bytes, int offset, int length) {
                Error error = writeError;
                if (error != null) {
                    writeError = null;
                    throw error;
                }
                CountDownLatch gate = writeGate;
                if (gate != null) {
                    atGate.countDown();
                    try {
                        gate.await(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                written.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
                return length;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }
}
