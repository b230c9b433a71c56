package io.microevents.serial.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.map;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.microevents.TaskStatus;
import io.microevents.LoopThread;
import io.microevents.Work;
import io.microevents.serial.MemoryConnector;
import io.microevents.serial.QuickPolls;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortConfig;
import io.microevents.serial.SerialPortStatus;
import io.microevents.testsupport.PseudoTerminal;
import io.microevents.testsupport.PseudoTerminals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * What a port goes through shows in the {@code serial} health indicator and the ports' meters: a
 * failed connection that is reopened (an in-memory connector), and the triggers that a full
 * listener drops (a real pseudo-terminal).
 */
@ExtendWith(QuickPolls.class)
class SerialBridgeHealthAndMetricsTest {

    private static final Duration ARRIVAL = MemoryConnector.ARRIVAL;

    @RegisterExtension
    static final PseudoTerminals ptys = new PseudoTerminals();

    private Work work;
    private LoopThread loop;
    private SerialBridge bridge;

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

    private SerialPortStatus status() {
        return bridge.status("rig").orElseThrow();
    }

    @Test
    void anErrorFromTheConnectionIsAPortFailureShownInStatusAndHealthAndThePortIsReopened() throws Exception {
        MemoryConnector memory = new MemoryConnector("mem:");
        startLoop(new Work());
        List<List<Object>> temps = Collections.synchronizedList(new ArrayList<>());
        work.on(args -> temps.add(Arrays.asList(args.clone())), "rig.temp", true);
        bridge = SerialBridge.builder(work).connector(memory)
                .port(SerialPortConfig.builder("rig", "mem:rig").eventPrefix("rig.")
                        .reconnectInterval(Duration.ofMillis(50)).maxReconnectInterval(Duration.ofMillis(100)).build())
                .build();
        SerialBridgeHealthIndicator health = new SerialBridgeHealthIndicator(bridge);
        bridge.start();
        MemoryConnector.Connection first = memory.next();
        await().atMost(ARRIVAL).until(() -> status().connected());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        memory.refuseOpen = "rig is powered off";
        first.fail(new OutOfMemoryError("simulated: the driver ran out of memory"));

        await().atMost(ARRIVAL).until(() -> !status().connected() && status().disconnects() == 1);
        assertThat(first.closed).isTrue();
        await().atMost(ARRIVAL).until(() -> "cannot open mem:rig: rig is powered off".equals(status().lastError()));
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("rig")).asInstanceOf(map(String.class, Object.class))
                .containsEntry("connected", false).containsEntry("disconnects", 1L);

        memory.refuseOpen = null;
        MemoryConnector.Connection second = memory.next();
        await().atMost(ARRIVAL).until(() -> status().connected());
        second.receive("temp 2\n");
        await().atMost(ARRIVAL).until(() -> temps.size() == 1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }


    @Test
    void triggersThatAFullListenerDropsShowOnThePortAndInHealth() throws Exception {
        startLoop(Work.builder().maxQueuedTriggers(4).build());
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        int slow = work.on(args -> {
            if (runs.incrementAndGet() == 1) {
                busy.countDown();
                release.await(30, TimeUnit.SECONDS);       // the listener is busy: its triggers queue up
            }
        }, "n", true);
        work.triggerEvent("n", "first");
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        PseudoTerminal rig = ptys.open("rig");
        bridge = SerialBridge.builder(work).port(SerialPortConfig.builder("rig", rig.path().toString()).build()).build();
        bridge.start();
        await("port connected").atMost(ARRIVAL).until(() -> status().connected());

        rig.print(IntStream.range(0, 1000).mapToObj(i -> "n " + i + "\n").collect(Collectors.joining()));

        await().atMost(ARRIVAL).until(() -> status().linesIn() == 1000);
        SerialPortStatus status = status();
        long dropped = work.status(slow).map(TaskStatus::droppedTriggers).orElseThrow();
        assertThat(dropped).isEqualTo(1000 - 4);                      // 4 queued behind the busy run
        assertThat(status.droppedTriggers()).isEqualTo(dropped);
        assertThat(status.droppedLines()).isZero();
        assertThat(status.lastError()).isEqualTo("event 'n' dropped by 1 listener whose queue of triggers was full");

        Health health = new SerialBridgeHealthIndicator(bridge).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("rig")).asInstanceOf(map(String.class, Object.class))
                .containsEntry("droppedTriggers", 996L);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new SerialBridgeMetrics(bridge).bindTo(meters);
        assertThat(meters.get(SerialBridgeMetrics.TRIGGERS_DROPPED).tag("port", "rig").functionCounter().count())
                .isEqualTo(996.0);
        assertThat(meters.get(SerialBridgeMetrics.LINES_IN).tag("port", "rig").functionCounter().count())
                .isEqualTo(1000.0);

        release.countDown();
        await().atMost(ARRIVAL).until(() -> runs.get() == 5);
        assertThat(work.status(slow).map(TaskStatus::droppedTriggers)).contains(996L);
    }
}
