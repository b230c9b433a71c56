package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.microevents.LoopThread;
import io.microevents.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connector seam: a port is opened by the first connector that supports its path (else by
 * jSerialComm), and what an in-memory connection carries goes through the same line pipeline as
 * a serial port: parser, prefix, drop counters, forwarding, reconnects.
 */
@ExtendWith(QuickPolls.class)
class PortConnectorTest {

    private static final Duration ARRIVAL = MemoryConnector.ARRIVAL;

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
        MemoryConnector memory = new MemoryConnector("mem:");
        MemoryConnector shadowed = new MemoryConnector("mem:");
        String missing = dir.resolve("missing").toString();
        bridge = SerialBridge.builder(work)
                .connector(memory).connector(shadowed)
                .port(port("rig", "mem:rig").eventPrefix("rig.").forward(List.of("led")).build())
                .port(port("serial", missing).build())
                .build();
        bridge.start();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());
        MemoryConnector.Connection rig = memory.next();

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
        MemoryConnector memory = new MemoryConnector("mem:");
        memory.failNextOpen = "rig is powered off";
        bridge = SerialBridge.builder(work).connector(memory)
                .port(port("rig", "mem:rig").eventPrefix("rig.").build()).build();
        bridge.start();

        MemoryConnector.Connection first = memory.next();
        assertThat(memory.opened).hasValue(2);
        first.fail("rig reset itself");
        MemoryConnector.Connection second = memory.next();
        await().atMost(ARRIVAL).until(() -> status("rig").connected());
        second.receive("temp 1\n");

        await().atMost(ARRIVAL).until(() -> temps.size() == 1);
        SerialPortStatus status = status("rig");
        assertThat(status.disconnects()).isEqualTo(1);
        assertThat(status.lastError()).isEqualTo("rig reset itself");
        assertThat(first.closed).isTrue();
    }

    @Test
    void theWriterSurvivesAnErrorAndItsQueueIsBoundedInBytes() throws Exception {
        MemoryConnector memory = new MemoryConnector("mem:");
        bridge = SerialBridge.builder(work).connector(memory)
                .port(port("rig", "mem:rig").writeQueueCapacity(1000).writeQueueBytes(100).build()).build();
        bridge.start();
        MemoryConnector.Connection rig = memory.next();
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
                .isInstanceOf(NullPointerException.class).hasMessage("connector");
    }
}
