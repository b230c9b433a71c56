package io.microevents.serial.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.microevents.Message;
import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.serial.DropReason;
import io.microevents.serial.LineEvent;
import io.microevents.serial.LineParser;
import io.microevents.serial.PortConnection;
import io.microevents.serial.PortConnector;
import io.microevents.serial.QuickPolls;
import io.microevents.serial.SerialPortConfig;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import io.microevents.testsupport.PseudoTerminals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The auto-configuration on real pseudo-terminals: ports from properties drive handlers on the
 * Work bean, forwarded events reach the rig, bad settings fail the start-up naming the property.
 */
@ExtendWith(QuickPolls.class)
class SerialBridgeAutoConfigurationTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @RegisterExtension
    static final PseudoTerminals ptys = new PseudoTerminals();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class,
                    SerialBridgeAutoConfiguration.class));

    private String port(String name, String key, Object value) {
        return "microevents.serial.ports." + name + "." + key + "=" + value;
    }

    @Test
    void portsFromPropertiesDriveHandlersAndForwardEvents() throws Exception {
        var rig1 = ptys.open("rig1");
        var rig2 = ptys.open("rig2");
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("microevents.rings.rigLog.size=4096",
                        port("rig1", "path", rig1.path()), port("rig1", "event-prefix", "rig1."),
                        port("rig1", "forward", "led"), port("rig1", "ring", "rigLog"),
                        port("rig1", "delimiter", "\\r\\n"),
                        port("rig2", "path", rig2.path()), port("rig2", "format", "json"),
                        port("rig2", "forward", "motor"),
                        port("ghost", "path", dir.resolve("missing")), port("ghost", "reconnect-interval", "50ms"),
                        port("off", "path", dir.resolve("off")), port("off", "enabled", "false"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SerialBridge bridge = context.getBean(SerialBridge.class);
                    Handlers handlers = context.getBean(Handlers.class);
                    await().atMost(ARRIVAL).until(() -> connected(bridge, "rig1") && connected(bridge, "rig2"));

                    rig1.print("temp 23.5\r\nmove 10 -3\r\n");
                    rig2.print("not json\n{\"event\":\"temp\",\"args\":[24.5]}\n");
                    await().atMost(ARRIVAL).until(() -> handlers.received.size() == 3);
                    assertThat(handlers.received)
                            .containsExactlyInAnyOrder("rig1 temp 23.5", "rig1 move 10,-3", "temp 24.5");
                    assertThat(bridge.status("rig2").orElseThrow().droppedByReason())
                            .containsEntry(DropReason.MALFORMED, 1L);
                    Message raw = context.getBean("rigLog", Ring.class).get();
                    assertThat(new String(raw.bytes(), StandardCharsets.UTF_8)).isEqualTo("temp 23.5");

                    Work work = context.getBean(Work.class);
                    work.triggerEvent("led", "on");
                    work.triggerEvent("motor", 7);
                    assertThat(rig1.lines().poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("led on\r");
                    assertThat(rig2.lines().poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS))
                            .isEqualTo("{\"event\":\"motor\",\"args\":[7]}");

                    Health health = context.getBean(SerialBridgeHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsOnlyKeys("rig1", "rig2", "ghost", "off");
                    assertThat(bridge.status("ghost").map(SerialPortStatus::lastError).orElseThrow())
                            .contains("not present");
                    assertThat(bridge.status("off").map(SerialPortStatus::healthy)).contains(true);
                });
    }

    @Test
    void aLineParserBeanNamedInFormatReadsThePort() throws Exception {
        var rig = ptys.open("rig");
        runner.withUserConfiguration(Handlers.class, CsvConfig.class)
                .withPropertyValues(port("rig", "path", rig.path()), port("rig", "format", "csv"))
                .run(context -> {
                    SerialBridge bridge = context.getBean(SerialBridge.class);
                    await().atMost(ARRIVAL).until(() -> connected(bridge, "rig"));
                    rig.print("temp,21.5\n");
                    Handlers handlers = context.getBean(Handlers.class);
                    await().atMost(ARRIVAL).until(() -> handlers.received.size() == 1);
                    assertThat(handlers.received).containsExactly("temp 21.5");
                    assertThat(context.getBean(SerialBridgeHealthIndicator.class).health().getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void aPortConnectorBeanOpensThePathsItSupports() {
        runner.withUserConfiguration(MemConnectorConfig.class)
                .withPropertyValues(port("mem", "path", "mem:rig"), port("tty", "path", dir.resolve("tty")))
                .run(context -> {
                    SerialBridge bridge = context.getBean(SerialBridge.class);
                    await().atMost(ARRIVAL).until(() -> bridge.status().stream().allMatch(s -> s.lastError() != null));
                    assertThat(bridge.status("mem").map(SerialPortStatus::lastError))
                            .contains("cannot open mem:rig: mem connector asked for rig");
                    assertThat(bridge.status("tty").map(SerialPortStatus::lastError).orElseThrow())
                            .endsWith("not present");
                });
    }

    @Test
    void badSettingsFailTheStartUpNamingTheProperty() {
        runner.withPropertyValues(port("rig", "path", "/dev/null"), port("rig", "format", "xml"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("microevents.serial.ports.rig.format is 'xml'")
                        .hasMessageContaining("[json, text]"));
        runner.withPropertyValues(port("rig", "baud", "115200"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("microevents.serial.ports.rig.path must be set"));
        runner.withPropertyValues(port("rig", "path", "/dev/null"), port("rig", "ring", "nope"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("microevents.serial.ports.rig.ring is 'nope'"));
        runner.withPropertyValues(port("a", "path", "/dev/ttyX"), port("b", "path", "/dev/ttyX"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("microevents.serial.ports")
                        .hasMessageContaining("'a' and 'b' both use path /dev/ttyX"));
        runner.withPropertyValues(port("rig", "path", "/dev/null"), port("rig", "max-line-length", "0"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("microevents.serial.ports.rig").hasMessageContaining("maxLineLength"));
        runner.withPropertyValues(port("rig", "path", "/dev/null"), port("rig", "write-queue-bytes", "3GB"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("microevents.serial.ports.rig").hasMessageContaining("writeQueueBytes"));
        SerialBridgeProperties.Port sized = new SerialBridgeProperties.Port();
        sized.setPath("/dev/null");
        sized.setWriteQueueBytes(DataSize.parse("64KB"));
        assertThat(SerialBridgeAutoConfiguration.portConfig("rig", sized, null, null).writeQueueBytes()).isEqualTo(65536);
    }

    @Test
    void jsonIsOfferedOnlyWithJackson() {
        ApplicationContextRunner noJackson = runner.withClassLoader(new FilteredClassLoader("tools.jackson"));
        noJackson.withPropertyValues(port("rig", "path", "/dev/null"), port("rig", "enabled", "false"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SerialBridge.class));
        noJackson.withPropertyValues(port("rig", "path", "/dev/null"), port("rig", "format", "json"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("needs Jackson 3"));
    }

    @Test
    void meteredWhenMicrometerIsPresent() {
        runner.withPropertyValues(port("rig", "path", "/dev/ttyX"), port("rig", "enabled", "false"))
                .run(context -> {
                    SimpleMeterRegistry meters = new SimpleMeterRegistry();
                    context.getBean(SerialBridgeMetrics.class).bindTo(meters);
                    assertThat(meters.get(SerialBridgeMetrics.LINES_DROPPED).tag("port", "rig")
                            .tag("reason", "FAILED").functionCounter().count()).isZero();
                    assertThat(meters.get(SerialBridgeMetrics.CONNECTED).tag("port", "rig").gauge().value()).isZero();
                });
        runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
                .withPropertyValues(port("rig", "path", "/dev/ttyX"), port("rig", "enabled", "false"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SerialBridgeMetrics.class));
    }

    @Test
    void backsOffWhenSwitchedOffOrReplaced() {
        runner.withPropertyValues("microevents.serial.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SerialBridge.class));
        runner.withPropertyValues("microevents.work.enabled=false", port("rig", "path", "/dev/ttyX"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SerialBridge.class));
        runner.withUserConfiguration(OwnBridge.class)
                .run(context -> assertThat(context).getBean(SerialBridge.class)
                        .isSameAs(context.getBean(OwnBridge.class).bridge));
    }

    private static boolean connected(SerialBridge bridge, String port) {
        return bridge.status(port).map(SerialPortStatus::connected).orElse(false);
    }

    /** Handlers of the events the rigs send: plain {@code @On} methods with typed parameters. */
    static class Handlers {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());

        @On("rig1.temp")
        void rig1Temperature(double celsius) {
            received.add("rig1 temp " + celsius);
        }

        @On("rig1.move")
        void rig1Move(int x, int y) {
            received.add("rig1 move " + x + "," + y);
        }

        @On("temp")
        void temperature(double celsius) {
            received.add("temp " + celsius);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CsvConfig {
        @Bean
        LineParser csv() {
            return line -> {
                String[] parts = line.split(",");
                return Optional.of(LineEvent.of(parts[0], (Object[]) Arrays.copyOfRange(parts, 1, parts.length)));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MemConnectorConfig {
        @Bean
        PortConnector memConnector() {
            return new PortConnector() {
                @Override
                public boolean supports(String path) {
                    return path.startsWith("mem:");
                }

                @Override
                public PortConnection open(SerialPortConfig config) throws IOException {
                    throw new IOException("mem connector asked for " + config.path().substring(4));
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBridge {
        final SerialBridge bridge;

        OwnBridge(Work work) {
            this.bridge = SerialBridge.builder(work).build();
        }

        @Bean
        SerialBridge mine() {
            return bridge;
        }
    }
}
