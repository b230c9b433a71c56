package io.microevents.serial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.admin.MicroeventsAdminAutoConfiguration;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.serial.autoconfigure.SerialBridgeAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The serial endpoints come with the admin, and only with it. */
class SerialBridgeAdminAutoConfigurationTest {

    private final AutoConfigurations configurations = AutoConfigurations.of(MicroeventsAutoConfiguration.class,
            SerialBridgeAutoConfiguration.class, MicroeventsAdminAutoConfiguration.class,
            SerialBridgeAdminAutoConfiguration.class);

    @Test
    void readAndWriteEndpointsInAWebAppWithTheAdmin() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(configurations);
        web.run(context -> assertThat(context)
                .hasSingleBean(SerialPortsReadController.class)
                .hasSingleBean(SerialPortsWriteController.class));
        web.withPropertyValues("microevents.admin.read-only=true").run(context -> assertThat(context)
                .hasSingleBean(SerialPortsReadController.class)
                .doesNotHaveBean(SerialPortsWriteController.class));
    }

    @Test
    void noEndpointsWithoutTheAdmin() {
        new ApplicationContextRunner().withConfiguration(configurations)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SerialPortsReadController.class));
        new WebApplicationContextRunner().withConfiguration(configurations)
                .withPropertyValues("microevents.admin.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SerialPortsReadController.class));
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class,
                        SerialBridgeAutoConfiguration.class, SerialBridgeAdminAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.microevents.admin"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SerialPortsReadController.class));
    }
}
