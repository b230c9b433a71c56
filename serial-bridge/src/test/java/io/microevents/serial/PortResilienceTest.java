package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.microevents.LoopThread;
import io.microevents.Work;
import io.microevents.WorkObserver;
import io.microevents.testsupport.PseudoTerminal;
import io.microevents.testsupport.PseudoTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A port's reader on a real pseudo-terminal survives whatever the handling of a line throws, an
 * {@code OutOfMemoryError} included. (Triggers that a full listener drops, shown on the port, in
 * its health and in its meters: {@code SerialBridgeHealthAndMetricsTest} in the Spring module.)
 */
@ExtendWith(QuickPolls.class)
class PortResilienceTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @RegisterExtension
    static final PseudoTerminals ptys = new PseudoTerminals();

    private PseudoTerminal rig;
    private Work work;
    private LoopThread loop;
    private SerialBridge bridge;

    @BeforeEach
    void plugIn() {
        rig = ptys.open("rig");
    }

    @AfterEach
    void stopAll() throws Exception {
        if (bridge != null) {
            bridge.stop();
        }
        if (work != null) {
            loop.close();
        }
    }

    private void startLoop(Work w) {
        work = w;
        loop = LoopThread.runUntilStopped(work);
    }

    private void startBridge(SerialPortConfig config) {
        bridge = SerialBridge.builder(work).port(config).build();
        bridge.start();
        await("port connected").atMost(ARRIVAL).until(() -> status().connected());
    }

    private SerialPortStatus status() {
        return bridge.status("rig").orElseThrow();
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("microevents-serial-rig") && t.isAlive());
    }

    @Test
    void errorsWhileHandlingALineCostThatLineOnlyAndThePortStaysUp() {
        startLoop(new Work());
        List<List<Object>> temps = Collections.synchronizedList(new ArrayList<>());
        work.on(args -> temps.add(Arrays.asList(args.clone())), "temp", true);
        work.on(args -> {
            throw new IllegalStateException("a listener that fails");
        }, "sink", true);
        work.addObserver(new WorkObserver() {
            @Override
            public void eventTriggered(String event, int woken) {
                if (event.equals("boom")) {
                    throw new OutOfMemoryError("simulated: no heap left while triggering");
                }
            }
        });
        LineParser parser = line -> {
            if (line.startsWith("oom")) {
                throw new OutOfMemoryError("simulated: no heap left while parsing");
            }
            return TextLineParser.INSTANCE.parse(line);
        };
        startBridge(SerialPortConfig.builder("rig", rig.path().toString())
                .parser(parser)
                .rawLines(line -> {
                    if (line.startsWith("sink")) {
                        throw new IllegalStateException("raw line sink is broken");
                    }
                })
                .build());

        rig.print("temp 1\nboom\noom 2\nsink 3\n");
        await().atMost(ARRIVAL).until(() -> status().droppedByReason().get(DropReason.FAILED) == 2
                && status().linesIn() == 2);
        rig.print("temp 4\n");

        await().atMost(ARRIVAL).until(() -> temps.size() == 2);
        assertThat(temps).containsExactly(List.of("1"), List.of("4"));
        SerialPortStatus status = status();
        assertThat(status.connected()).isTrue();
        assertThat(status.disconnects()).isZero();
        assertThat(status.linesIn()).isEqualTo(3);                  // temp 1, sink 3, temp 4
        assertThat(status.droppedByReason()).containsEntry(DropReason.FAILED, 2L)
                .containsEntry(DropReason.MALFORMED, 0L);
        assertThat(readerAlive()).isTrue();
    }

    @Test
    void anErrorOnTheTriggerIsRecordedAsTheLastError() {
        startLoop(new Work());
        work.addObserver(new WorkObserver() {
            @Override
            public void eventTriggered(String event, int woken) {
                throw new OutOfMemoryError("simulated: no heap left while triggering");
            }
        });
        startBridge(SerialPortConfig.builder("rig", rig.path().toString()).build());

        rig.print("boom 1\n");

        await().atMost(ARRIVAL).until(() -> status().droppedLines() == 1);
        assertThat(status().lastError())
                .isEqualTo("triggering event 'boom' failed: java.lang.OutOfMemoryError: simulated: no heap left while triggering");
        assertThat(status().connected()).isTrue();
        assertThat(readerAlive()).isTrue();
    }
}
