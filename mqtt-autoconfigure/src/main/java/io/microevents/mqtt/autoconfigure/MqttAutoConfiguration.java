package io.microevents.mqtt.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.hivemq.client.mqtt.MqttClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.Work;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.mqtt.EmbeddedBroker;
import io.microevents.mqtt.MqttBridge;
import io.microevents.mqtt.MqttProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the MQTT bridge: an {@link MqttBridge} connected to
 * {@code microevents.mqtt.url}, or to an {@link EmbeddedBroker} on 127.0.0.1 when no url is set;
 * started and stopped with the application context; an {@code mqtt} health indicator and
 * {@code microevents.mqtt.*} meters when Spring Boot's health support and Micrometer are present.
 * Off with {@code microevents.mqtt.enabled=false}, and when there is no {@code Work} bean.
 */
@AutoConfiguration(after = MicroeventsAutoConfiguration.class)
@ConditionalOnClass(MqttClient.class)
@ConditionalOnBean(Work.class)
@ConditionalOnBooleanProperty(name = "microevents.mqtt.enabled", matchIfMissing = true)
@EnableConfigurationProperties
public class MqttAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does. */
    public MqttAutoConfiguration() {
    }

    /**
     * The settings under {@code microevents.mqtt}, bound onto the library's plain settings object.
     *
     * @return the settings, bound by Spring Boot
     */
    @Bean
    @ConfigurationProperties("microevents.mqtt")
    public MqttProperties mqttProperties() {
        return new MqttProperties();
    }

    /**
     * The bridge, not started (see {@link #mqttBridgeLifecycle}).
     *
     * @param work the scheduler
     * @param properties the settings
     * @param environment for {@code spring.application.name}, the default node name
     * @param broker the embedded broker, when no url is set
     * @return the bridge
     */
    @Bean
    @ConditionalOnMissingBean
    public MqttBridge mqttBridge(Work work, MqttProperties properties, Environment environment,
                                 ObjectProvider<EmbeddedBroker> broker) {
        String node = properties.getNode();
        if (node == null || node.isBlank()) {
            node = environment.getProperty("spring.application.name");
        }
        if (node == null || node.isBlank()) {
            node = hostName();
        }
        String url = properties.getUrl();
        boolean embedded = false;
        if (url == null || url.isBlank()) {
            EmbeddedBroker b = broker.getIfAvailable();
            if (b == null) {
                throw new IllegalStateException("microevents.mqtt.url is not set and the embedded broker "
                        + "(de.fraunhofer.iosb.io.moquette:moquette-broker) is not on the class path: set the url of a broker");
            }
            url = b.url();
            embedded = true;
        }
        try {
            return new MqttBridge(work, properties, node, url, embedded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid settings under microevents.mqtt: " + e.getMessage(), e);
        }
    }

    /**
     * Connects the bridge when the context starts and disconnects it when it stops.
     *
     * @param bridge the bridge
     * @return its lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    public MqttBridgeLifecycle mqttBridgeLifecycle(MqttBridge bridge) {
        return new MqttBridgeLifecycle(bridge);
    }

    static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    /** The embedded broker, started at once, when no url is set and Moquette is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.moquette.broker.Server")
    @Conditional(NoUrl.class)
    static class EmbeddedBrokerConfiguration {

        /** Moquette logs every MQTT packet at INFO through this logger. */
        static final String PACKET_LOGGER = "io.moquette.broker.metrics.MQTTMessageLogger";

        @Bean(initMethod = "start", destroyMethod = "stop")
        @ConditionalOnMissingBean
        EmbeddedBroker mqttEmbeddedBroker(MqttProperties properties, Environment environment,
                                          ObjectProvider<LoggingSystem> logging) {
            // one log line per packet would drown the application's log and cost more than the packet:
            // off unless the user chose a level for it
            if (environment.getProperty("logging.level." + PACKET_LOGGER) == null) {
                logging.ifAvailable(system -> system.setLogLevel(PACKET_LOGGER, LogLevel.WARN));
            }
            try {
                return new EmbeddedBroker(properties.getEmbedded().getPort(), properties.getEmbedded().getSessionQueueSize());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Invalid settings under microevents.mqtt.embedded: " + e.getMessage(), e);
            }
        }
    }

    /** Matches when {@code microevents.mqtt.url} is not set. */
    static class NoUrl extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("microevents.mqtt.url");
            return url == null || url.isBlank()
                    ? ConditionOutcome.match("microevents.mqtt.url is not set")
                    : ConditionOutcome.noMatch("microevents.mqtt.url is set");
        }
    }

    /** The {@code mqtt} health indicator, when Spring Boot's health support is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("mqtt")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "mqttHealthIndicator")
        MqttHealthIndicator mqttHealthIndicator(MqttBridge bridge) {
            return new MqttHealthIndicator(bridge);
        }
    }

    /** The {@code microevents.mqtt.*} meters, when Micrometer is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MqttMetrics mqttMetrics(MqttBridge bridge) {
            return new MqttMetrics(bridge);
        }
    }
}
