package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.microevents.LoopThread;
import io.microevents.Work;
import io.microevents.testsupport.PseudoTerminal;
import io.microevents.testsupport.PseudoTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge on real pseudo-terminals: a pair per test, the Work loop on a thread of the test's
 * own, the rig played on the pair's master end.
 */
@ExtendWith(QuickPolls.class)
class SerialBridgeTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @RegisterExtension
    static final PseudoTerminals ptys = new PseudoTerminals();

    private PseudoTerminal pair;
    private Work work;
    private LoopThread loop;
    private SerialBridge bridge;
    private final List<List<Object>> temps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startLoop() throws Exception {
        pair = ptys.open("rig");
        work = new Work();
        loop = LoopThread.runUntilStopped(work);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (bridge != null) {
            bridge.stop();
        }
        loop.close();
    }

    private SerialPortConfig.Builder rig() {
        return SerialPortConfig.builder("rig", pair.path().toString())
                .reconnectInterval(Duration.ofMillis(50))
                .maxReconnectInterval(Duration.ofMillis(200));
    }

    private void start(SerialPortConfig config) {
        bridge = SerialBridge.builder(work).port(config).build();
        bridge.start();
        await("port connected").atMost(ARRIVAL).until(() -> status().connected());
    }

    private SerialPortStatus status() {
        return bridge.status("rig").orElseThrow();
    }

    private void recordTemps(String event) {
        work.on(args -> temps.add(Arrays.asList(args.clone())), event, true);
    }

    @Test
    void linesFromTheRigTriggerEventsWithTheirArguments() throws Exception {
        recordTemps("rig1.temp");
        start(rig().eventPrefix("rig1.").build());

        pair.print("temp 23.5\n" + "temp 24 C\r\n" + "\n" + "other 1\n");

        await().atMost(ARRIVAL).until(() -> temps.size() == 2);
        assertThat(temps).containsExactly(List.of("23.5"), List.of("24", "C"));
        await().atMost(ARRIVAL).untilAsserted(() -> {
            SerialPortStatus status = status();
            assertThat(status.linesIn()).isEqualTo(3);
            assertThat(status.droppedByReason()).containsEntry(DropReason.NO_EVENT, 1L);
            assertThat(status.lastLineAt()).isNotNull();
        });
    }

    @Test
    void forwardedEventsAndSentLinesReachTheRig() throws Exception {
        start(rig().eventPrefix("rig1.").forward(List.of("led", "rig1.motor")).build());

        work.triggerEvent("led", "on");
        work.triggerEvent("rig1.motor", 3, -1.5);
        assertThat(bridge.send("rig", "hello rig")).isTrue();
        assertThat(bridge.sendEvent("rig", "beep")).isTrue();

        List<String> received = new ArrayList<>();
        await().atMost(ARRIVAL).until(() -> {
            pair.lines().drainTo(received);
            return received.size() >= 4;
        });
        assertThat(received).containsExactlyInAnyOrder("led on", "motor 3 -1.5", "hello rig", "beep");
        assertThat(received.indexOf("led on")).isLessThan(received.indexOf("motor 3 -1.5"));
        await().atMost(ARRIVAL).until(() -> status().linesOut() == 4);
        assertThatThrownBy(() -> bridge.send("rig", "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line");
        assertThatThrownBy(() -> bridge.send("nope", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> bridge.send(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("port");
        assertThatThrownBy(() -> bridge.send("rig", null)).isInstanceOf(NullPointerException.class).hasMessage("line");
        assertThatThrownBy(() -> bridge.sendEvent("rig", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event");
        assertThatThrownBy(() -> SerialBridge.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("work");
    }

    @Test
    void garbageIsCountedAndSkippedAndTheNextGoodLineArrives() throws Exception {
        recordTemps("temp");
        start(rig().build());

        ByteArrayOutputStream garbage = new ByteArrayOutputStream();
        byte[] noise = new byte[1000];
        new Random(42).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == '\n') {
                noise[i] = (byte) 0xFF;            // one line of noise, invalid UTF-8
            }
        }
        garbage.write(noise);
        garbage.write('\n');
        byte[] huge = new byte[100 * 1024];     // 100 KB, no delimiter until the end
        Arrays.fill(huge, (byte) 'x');
        garbage.write(huge);
        garbage.write('\n');
        garbage.write(new byte[] {'t', 'e', 'm', 'p', ' ', (byte) 0xC3, 0x28, '\n'}); // invalid UTF-8
        garbage.write("temp \u0001\u0002\n".getBytes(StandardCharsets.UTF_8));       // valid UTF-8, binary
        pair.print("temp 1\n");
        pair.write(garbage.toByteArray());
        pair.print("temp 2\n");

        await().atMost(ARRIVAL).until(() -> temps.size() == 2);
        assertThat(temps).containsExactly(List.of("1"), List.of("2"));
        SerialPortStatus status = status();
        assertThat(status.droppedByReason())
                .containsEntry(DropReason.TOO_LONG, 1L)
                .containsEntry(DropReason.INVALID_ENCODING, 2L)
                .containsEntry(DropReason.BINARY, 1L);
        assertThat(status.droppedLines()).isEqualTo(4);
        assertThat(status.connected()).isTrue();
        assertThat(status.lastError()).contains("control character");
    }

    @Test
    void tenThousandLinesArriveInOrder() throws Exception {
        recordTemps("n");
        start(rig().build());

        String lines = IntStream.range(0, 10_000).mapToObj(i -> "n " + i + "\n").collect(Collectors.joining());
        pair.print(lines);

        await().atMost(Duration.ofSeconds(30)).until(() -> temps.size() == 10_000);
        List<Object> numbers;
        synchronized (temps) {
            numbers = temps.stream().map(args -> args.get(0)).collect(Collectors.toList());
        }
        assertThat(numbers).isEqualTo(IntStream.range(0, 10_000).mapToObj(String::valueOf).collect(Collectors.toList()));
        assertThat(status().droppedLines()).isZero();
    }

    @Test
    void reconnectsByItselfAfterThePortIsLost() throws Exception {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SerialBridge.class.getName());   // System.Logger's default backend
        logger.addHandler(handler);
        try {
            reconnectsAndLogsTheOutageOnce(logged);
        } finally {
            logger.removeHandler(handler);
        }
    }

    private void reconnectsAndLogsTheOutageOnce(List<String> logged) throws Exception {
        recordTemps("temp");
        start(rig().forward(List.of("led")).build());
        pair.print("temp 1\n");
        await().atMost(ARRIVAL).until(() -> temps.size() == 1);

        pair.unplug();                                      // unplugged
        await("outage seen").atMost(ARRIVAL).untilAsserted(() -> {
            SerialPortStatus status = status();
            assertThat(status.connected()).isFalse();
            assertThat(status.disconnects()).isEqualTo(1);
            assertThat(status.lastDisconnectAt()).isNotNull();
        });
        assertThat(bridge.send("rig", "lost")).isFalse();
        await("failed reopening").atMost(ARRIVAL).until(() -> status().lastError().contains("not present"));

        pair.replug();                                      // plugged in again: a new node, the same link
        await("reconnected").atMost(ARRIVAL).until(() -> status().connected());
        pair.print("temp 2\n");
        await().atMost(ARRIVAL).until(() -> temps.size() == 2);
        assertThat(temps.get(1)).isEqualTo(List.of("2"));
        work.triggerEvent("led", "off");
        assertThat(pair.lines().poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("led off");

        SerialPortStatus status = status();
        assertThat(status.disconnects()).isEqualTo(1);
        assertThat(status.droppedWrites()).isEqualTo(1);
        assertThat(status.connectedSince()).isAfter(status.lastDisconnectAt());
        String all = String.join("\n", logged);
        assertThat(all).containsOnlyOnce("Serial port 'rig' (" + pair.path() + ") lost")
                .doesNotContain("cannot be opened");
    }

    @Test
    void aLinkThatNowLeadsToAnotherDeviceIsFollowed() throws Exception {
        recordTemps("temp");
        Path link = dir.resolve("by-id-link");
        Files.createSymbolicLink(link, pair.path());
        PseudoTerminal other = ptys.open("other");
        start(SerialPortConfig.builder("rig", link.toString())
                .reconnectInterval(Duration.ofMillis(50)).maxReconnectInterval(Duration.ofMillis(200)).build());
        pair.print("temp 1\n");
        await().atMost(ARRIVAL).until(() -> temps.size() == 1);

        Path next = dir.resolve("next-link");                 // replugged: the link now names another node
        Files.createSymbolicLink(next, other.path());
        Files.move(next, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        await("moved to the new device").atMost(ARRIVAL).until(() -> status().disconnects() == 1 && status().connected());
        assertThat(status().lastError()).contains("now leads to");
        other.print("temp 2\n");
        await().atMost(ARRIVAL).until(() -> temps.size() == 2);
        assertThat(temps.get(1)).isEqualTo(List.of("2"));
    }

    @Test
    void aPortHasOneOwner() {
        start(rig().build());
        try (SerialBridge second = SerialBridge.builder(work)
                .port(SerialPortConfig.builder("again", pair.path().toString()).build()).build()) {
            second.start();
            await().atMost(ARRIVAL).until(() -> second.status("again").orElseThrow().lastError() != null);
            assertThat(second.status("again").orElseThrow().connected()).isFalse();
            assertThat(second.status("again").orElseThrow().lastError()).startsWith("cannot open " + pair.path());
        }
        assertThatThrownBy(() -> SerialBridge.builder(work)
                .port(SerialPortConfig.builder("x", "/dev/ttyX").build())
                .port(SerialPortConfig.builder("y", "/dev/ttyX").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both use path /dev/ttyX");
    }
}
