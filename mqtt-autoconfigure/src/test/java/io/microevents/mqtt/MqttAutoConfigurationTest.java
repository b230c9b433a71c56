package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.mqtt.autoconfigure.MqttAutoConfiguration;
import io.microevents.mqtt.autoconfigure.MqttHealthIndicator;
import io.microevents.mqtt.autoconfigure.MqttMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MqttAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class, MqttAutoConfiguration.class))
            .withPropertyValues("microevents.mqtt.embedded.port=0", "microevents.mqtt.reconnect.initial-delay=50ms");

    private static String trace(org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
        java.io.StringWriter out = new java.io.StringWriter();
        context.getStartupFailure().printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void withoutAUrlTheEmbeddedBrokerStartsOnLoopbackAndTheNodeIsNamedAfterTheApplication() {
        runner.withPropertyValues("spring.application.name=rig-7").run(context -> {
            assertThat(context).hasSingleBean(MqttBridge.class).hasSingleBean(EmbeddedBroker.class)
                    .hasSingleBean(MqttHealthIndicator.class).hasSingleBean(MqttMetrics.class);
            EmbeddedBroker broker = context.getBean(EmbeddedBroker.class);
            assertThat(broker.isRunning()).isTrue();
            MqttStatus status = context.getBean(MqttBridge.class).status();
            assertThat(status.node()).isEqualTo("rig-7");
            assertThat(status.embedded()).isTrue();
            assertThat(status.broker()).isEqualTo(broker.url()).startsWith("tcp://127.0.0.1:");
            assertThat(status.protocolVersion()).isEqualTo("5");
        });
    }

    @Test
    void withAUrlNoEmbeddedBrokerStarts() {
        runner.withPropertyValues("microevents.mqtt.url=tcp://127.0.0.1:1", "microevents.mqtt.node=rig-8",
                "microevents.mqtt.protocol-version=mqtt-3-1-1").run(context -> {
            assertThat(context).hasSingleBean(MqttBridge.class).doesNotHaveBean(EmbeddedBroker.class);
            MqttStatus status = context.getBean(MqttBridge.class).status();
            assertThat(status.embedded()).isFalse();
            assertThat(status.connected()).isFalse();
            assertThat(status.protocolVersion()).isEqualTo("3.1.1");
        });
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("microevents.mqtt.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MqttBridge.class).doesNotHaveBean(EmbeddedBroker.class));
    }

    @Test
    void anEventNameThatCannotBeATopicIsRefusedAtStartUpNamingTheSetting() {
        runner.withPropertyValues("microevents.mqtt.publish=sensor,alarm#").run(context ->
                assertThat(trace(context))
                        .contains("microevents.mqtt.publish").contains("'#'"));
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
        runner.withPropertyValues("microevents.mqtt.url=tcp://user:s3cret@127.0.0.1:1883").run(context ->
                assertThat(trace(context))
                        .contains("microevents.mqtt.username").doesNotContain("s3cret"));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        runner.withPropertyValues("microevents.mqtt.qos=3").run(context ->
                assertThat(trace(context)).contains("microevents.mqtt.qos"));
        runner.withPropertyValues("microevents.mqtt.url=http://127.0.0.1").run(context ->
                assertThat(trace(context)).contains("tcp://"));
        runner.withPropertyValues("microevents.mqtt.url=ssl://127.0.0.1", "microevents.mqtt.tls.trust-store=/no/such.p12",
                "microevents.mqtt.tls.trust-store-password=hunter2").run(context ->
                assertThat(trace(context))
                        .contains("microevents.mqtt.tls.trust-store").doesNotContain("hunter2"));
    }
}
