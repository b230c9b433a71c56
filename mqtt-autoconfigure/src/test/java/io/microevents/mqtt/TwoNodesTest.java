package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.microevents.Work;
import io.microevents.annotation.On;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two nodes on one broker: A runs the embedded broker (no url) and has a rig on its serial port;
 * B points at A's broker. Events cross in both directions through the auto-configured bridges.
 */
class TwoNodesTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    /** A's rig and its LED: an alarm from anywhere lights it. */
    @Configuration(proxyBeanMethods = false)
    static class RigNode {
        @Bean
        MemoryRig memoryRig() {
            return new MemoryRig();
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        LedAnswer ledAnswer(Work work) {
            return new LedAnswer(work);
        }
    }

    static class LedAnswer {
        private final Work work;

        LedAnswer(Work work) {
            this.work = work;
        }

        @On("alarm")
        void onAlarm(double celsius) {
            work.triggerEvent("led", "on");
        }
    }

    /** B watches readings and raises the alarm above 30 C. */
    @Configuration(proxyBeanMethods = false)
    static class StationNode {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        Threshold threshold(Work work) {
            return new Threshold(work);
        }
    }

    static class Threshold {
        private final Work work;

        Threshold(Work work) {
            this.work = work;
        }

        @On("sensor")
        void check(double celsius) {
            if (celsius > 30.0) {
                work.triggerEvent("alarm", celsius);
            }
        }
    }

    @BeforeAll
    static void startNodes() {
        a = Nodes.start("node-a", List.of(RigNode.class),
                "microevents.mqtt.embedded.port=0",
                "microevents.mqtt.publish=sensor,ping,count",
                "microevents.mqtt.subscribe=alarm,ping",
                "microevents.serial.ports.rig.path=mem:rig",
                "microevents.serial.ports.rig.forward=led");
        EmbeddedBroker broker = a.getBean(EmbeddedBroker.class);
        b = Nodes.start("node-b", List.of(StationNode.class),
                "microevents.mqtt.url=" + broker.url(),
                "microevents.mqtt.publish=alarm,ping",
                "microevents.mqtt.subscribe=sensor,ping,count");
        await().atMost(ARRIVAL).until(() -> bridge(a).isConnected() && bridge(b).isConnected());
    }

    @AfterAll
    static void stopNodes() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static MqttBridge bridge(ConfigurableApplicationContext context) {
        return context.getBean(MqttBridge.class);
    }

    private static Recorder recorder(ConfigurableApplicationContext context) {
        return context.getBean(Recorder.class);
    }

    @Test
    void aReadingOnAsSerialPortRunsBsHandlerAndBsAlarmLightsAsLed() throws Exception {
        MemoryRig rig = a.getBean(MemoryRig.class);
        await().atMost(ARRIVAL).until(() -> rig.open);
        // the subscription is in place once a first event makes it across
        rig.print("sensor 20.5");
        await().atMost(ARRIVAL).until(() -> recorder(b).readings.contains(20.5));

        rig.print("sensor 31.0");

        await().atMost(ARRIVAL).until(() -> recorder(b).readings.contains(31.0));
        assertThat(recorder(a).readings).contains(31.0);
        assertThat(rig.written.poll(ARRIVAL.toSeconds(), TimeUnit.SECONDS)).isEqualTo("led on\n");
        // a message is counted after its trigger returns, which may be after the handler ran
        await().atMost(ARRIVAL).until(() -> bridge(b).status().messagesOut() > 0 && bridge(a).status().messagesIn() > 0);
    }

    @Test
    void twoNodesThatPublishAndSubscribeTheSameEventDoNotPingPong() {
        List<String> pingsA = recorder(a).pings;
        List<String> pingsB = recorder(b).pings;
        int beforeA = pingsA.size();
        int beforeB = pingsB.size();

        a.getBean(Work.class).triggerEvent("ping");

        await().atMost(ARRIVAL).until(() -> pingsB.size() == beforeB + 1);
        await().during(Duration.ofMillis(700)).atMost(ARRIVAL)
                .until(() -> pingsA.size() == beforeA + 1 && pingsB.size() == beforeB + 1);

        b.getBean(Work.class).triggerEvent("ping");

        await().atMost(ARRIVAL).until(() -> pingsA.size() == beforeA + 2);
        await().during(Duration.ofMillis(700)).atMost(ARRIVAL)
                .until(() -> pingsA.size() == beforeA + 2 && pingsB.size() == beforeB + 2);
        assertThat(bridge(a).dropped(MqttDropReason.DUPLICATE)).isZero();
    }

    @Test
    void aBurstOfTenThousandEventsArrivesAtQos1WithNoLossInOrder() {
        Work work = a.getBean(Work.class);
        List<Integer> counts = recorder(b).counts;
        counts.clear();

        for (int i = 0; i < 10_000; i++) {
            work.triggerEvent("count", i);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> counts.size() >= 10_000);
        assertThat(counts).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
        MqttStatus status = bridge(a).status();
        assertThat(status.drops().get(MqttDropReason.BUFFER_FULL)).isZero();
        assertThat(status.drops().get(MqttDropReason.PUBLISH_FAILED)).isZero();
    }
}
