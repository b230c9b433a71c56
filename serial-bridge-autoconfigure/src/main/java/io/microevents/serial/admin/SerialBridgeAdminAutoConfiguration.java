package io.microevents.serial.admin;

import io.microevents.serial.SerialBridge;
import io.microevents.serial.autoconfigure.SerialBridgeAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The serial ports in the REST admin, when the admin module is active: {@code GET
 * <base-path>/serial/ports} and {@code /serial/ports/{name}} (the admin's read access), and
 * {@code POST <base-path>/serial/ports/{name}/lines} (the admin role; left out in the admin's
 * read-only mode). They share the admin's base path, security chain and problem details.
 */
@AutoConfiguration(after = SerialBridgeAutoConfiguration.class,
        afterName = SerialBridgeAdminAutoConfiguration.ADMIN_AUTO_CONFIGURATION)
@ConditionalOnClass(name = SerialBridgeAdminAutoConfiguration.ADMIN_AUTO_CONFIGURATION)
@ConditionalOnBean(value = SerialBridge.class, type = SerialBridgeAdminAutoConfiguration.ADMIN_AUTO_CONFIGURATION)
public class SerialBridgeAdminAutoConfiguration {

    /** The admin's auto-configuration: present and applied means the admin is on. */
    static final String ADMIN_AUTO_CONFIGURATION = "io.microevents.admin.MicroeventsAdminAutoConfiguration";

    /** Creates the auto-configuration; Spring Boot does. */
    public SerialBridgeAdminAutoConfiguration() {
    }

    @Bean
    SerialPortsReadController microeventsAdminSerialPortsReadController(SerialBridge bridge) {
        return new SerialPortsReadController(bridge);
    }

    /** The writing endpoint, left out in the admin's read-only mode. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "microevents.admin.read-only", havingValue = false, matchIfMissing = true)
    static class WriteEndpoint {

        @Bean
        SerialPortsWriteController microeventsAdminSerialPortsWriteController(SerialBridge bridge) {
            return new SerialPortsWriteController(bridge);
        }
    }
}
