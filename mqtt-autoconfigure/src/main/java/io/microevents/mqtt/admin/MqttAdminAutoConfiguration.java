package io.microevents.mqtt.admin;

import io.microevents.mqtt.MqttBridge;
import io.microevents.mqtt.autoconfigure.MqttAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The MQTT connection in the REST admin, when the admin module is active: {@code GET
 * <base-path>/mqtt} (the admin's read access), under the admin's base path, security chain and
 * problem details.
 */
@AutoConfiguration(after = MqttAutoConfiguration.class, afterName = MqttAdminAutoConfiguration.ADMIN_AUTO_CONFIGURATION)
@ConditionalOnClass(name = MqttAdminAutoConfiguration.ADMIN_AUTO_CONFIGURATION)
@ConditionalOnBean(value = MqttBridge.class, type = MqttAdminAutoConfiguration.ADMIN_AUTO_CONFIGURATION)
public class MqttAdminAutoConfiguration {

    /** The admin's auto-configuration: present and applied means the admin is on. */
    static final String ADMIN_AUTO_CONFIGURATION = "io.microevents.admin.MicroeventsAdminAutoConfiguration";

    /** Creates the auto-configuration; Spring Boot does. */
    public MqttAdminAutoConfiguration() {
    }

    @Bean
    MqttController microeventsAdminMqttController(MqttBridge bridge) {
        return new MqttController(bridge);
    }
}
