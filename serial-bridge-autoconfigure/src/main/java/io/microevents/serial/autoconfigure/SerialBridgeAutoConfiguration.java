package io.microevents.serial.autoconfigure;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fazecast.jSerialComm.SerialPort;
import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.autoconfigure.RingRegistry;
import io.microevents.serial.JsonLineParser;
import io.microevents.serial.LineParser;
import io.microevents.serial.PortConnector;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortConfig;
import io.microevents.serial.TextLineParser;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the serial bridge: a {@link SerialBridge} with one port per
 * {@code microevents.serial.ports.<name>}, started and stopped with the application context, its
 * events going to the {@link Work} bean (so {@code @On} methods receive them), a {@code json}
 * line format when Jackson 3 is present, a {@code serial} health indicator when Spring Boot's
 * health support is, and the ports' meters ({@link SerialBridgeMetrics}) when Micrometer is. Ports are opened through jSerialComm, or through the first
 * {@link PortConnector} bean that supports their path. A port that copies its lines into a ring
 * finds it in the {@link RingRegistry} bean, which {@link MicroeventsAutoConfiguration} owns.
 * Off with {@code microevents.serial.enabled=false}, and when there is no
 * {@code Work} bean ({@code microevents.work.enabled=false}).
 */
@AutoConfiguration(after = MicroeventsAutoConfiguration.class)
@ConditionalOnClass(SerialPort.class)
@ConditionalOnBean(Work.class)
@ConditionalOnBooleanProperty(name = "microevents.serial.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SerialBridgeProperties.class)
@Import(MicroeventsAutoConfiguration.RingRegistryConfiguration.class)
public class SerialBridgeAutoConfiguration {

    /** The name the built-in text format is chosen by. */
    public static final String TEXT_FORMAT = "text";

    /** The name the built-in JSON format is chosen by. */
    public static final String JSON_FORMAT = "json";

    /**
     * The bean name of the built-in JSON format's parser (a {@link LineParser}; declare a bean of
     * this name to replace it).
     */
    public static final String JSON_PARSER_BEAN = "serialJsonLineParser";

    /**
     * The bridge, built from the properties; not started (see {@link #serialBridgeLifecycle}).
     *
     * @param work the scheduler the events go to
     * @param properties the settings
     * @param beanFactory where {@code LineParser} beans named in the settings are looked up
     * @param rings the rings by name, asked for only when a port copies its lines into one
     * @param connectors {@code PortConnector} beans, in bean order: each port is opened by the first
     *        one that supports its path, else through jSerialComm
     * @return the bridge
     */
    @Bean
    @ConditionalOnMissingBean
    public SerialBridge serialBridge(Work work, SerialBridgeProperties properties, ListableBeanFactory beanFactory,
                                     ObjectProvider<RingRegistry> rings, ObjectProvider<PortConnector> connectors) {
        SerialBridge.Builder builder = SerialBridge.builder(work);
        connectors.orderedStream().forEach(builder::connector);
        for (Map.Entry<String, SerialBridgeProperties.Port> entry : properties.getPorts().entrySet()) {
            SerialPortConfig config = portConfig(entry.getKey(), entry.getValue(), beanFactory, rings::getObject);
            try {
                builder.port(config);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Invalid settings under microevents.serial.ports: " + e.getMessage());
            }
        }
        return builder.build();
    }

    /**
     * Opens the ports when the context starts and closes them when it stops.
     *
     * @param bridge the bridge
     * @return its lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    public SerialBridgeLifecycle serialBridgeLifecycle(SerialBridge bridge) {
        return new SerialBridgeLifecycle(bridge);
    }

    static SerialPortConfig portConfig(String name, SerialBridgeProperties.Port port, ListableBeanFactory beanFactory,
                                       Supplier<RingRegistry> rings) {
        String key = "microevents.serial.ports." + name;
        if (port.getPath() == null || port.getPath().isBlank()) {
            throw new IllegalStateException(key + ".path must be set (e.g. /dev/ttyACM0)");
        }
        try {
            return SerialPortConfig.builder(name, port.getPath())
                    .baud(port.getBaud())
                    .dataBits(port.getDataBits())
                    .parity(port.getParity())
                    .stopBits(port.getStopBits())
                    .flowControl(port.getFlowControl())
                    .delimiter(unescape(port.getDelimiter()))
                    .charset(port.getCharset())
                    .maxLineLength(port.getMaxLineLength())
                    .reconnectInterval(port.getReconnectInterval())
                    .maxReconnectInterval(port.getMaxReconnectInterval())
                    .enabled(port.isEnabled())
                    .eventPrefix(port.getEventPrefix())
                    .parser(parser(key, port.getFormat(), beanFactory))
                    .forward(port.getForward())
                    .writeQueueCapacity(port.getWriteQueueCapacity())
                    .writeQueueBytes(intBytes(port.getWriteQueueBytes(), "writeQueueBytes"))
                    .rawLines(rawLines(key, port, rings))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid settings under " + key + ": " + e.getMessage());
        }
    }

    private static int intBytes(DataSize size, String name) {
        if (size == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + " bytes, but was " + size);
        }
        return (int) bytes;
    }

    private static LineParser parser(String key, String format, ListableBeanFactory beanFactory) {
        if (format == null || format.isBlank() || format.equals(TEXT_FORMAT)) {
            return TextLineParser.INSTANCE;
        }
        if (format.equals(JSON_FORMAT)) {
            if (!beanFactory.containsBean(JSON_PARSER_BEAN)) {
                throw new IllegalStateException(key + ".format is 'json', which needs Jackson 3 "
                        + "(tools.jackson.core:jackson-databind) on the class path");
            }
            return beanFactory.getBean(JSON_PARSER_BEAN, LineParser.class);
        }
        try {
            return beanFactory.getBean(format, LineParser.class);
        } catch (NoSuchBeanDefinitionException e) {
            TreeSet<String> known = new TreeSet<>(Arrays.asList(TEXT_FORMAT, JSON_FORMAT));
            known.addAll(Arrays.asList(beanFactory.getBeanNamesForType(LineParser.class)));
            known.remove(JSON_PARSER_BEAN);
            throw new IllegalStateException(key + ".format is '" + format + "', which is neither a built-in "
                    + "format nor the name of a LineParser bean; known: " + known);
        }
    }

    private static Consumer<String> rawLines(String key, SerialBridgeProperties.Port port,
                                             Supplier<RingRegistry> registry) {
        String name = port.getRing();
        if (name == null || name.isBlank()) {
            return null;
        }
        if (port.getRingId() < 1 || port.getRingId() > Ring.MAX_ID) {
            throw new IllegalStateException(key + ".ring-id must be 1 to " + Ring.MAX_ID + ", but was "
                    + port.getRingId());
        }
        RingRegistry rings = registry.get();
        Ring ring = rings.find(name).orElseThrow(() -> new IllegalStateException(key + ".ring is '" + name
                + "', but there is no Ring of that name (declare it with microevents.rings." + name
                + ".size); rings: " + new TreeSet<>(rings.all().keySet())));
        int id = port.getRingId();
        Charset charset = port.getCharset();
        return line -> ring.put(id, line.getBytes(charset));
    }

    /** Backslash escapes as typed into an environment variable: {@code \n}, {@code \r}, {@code \t}, {@code \\}. */
    static String unescape(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append(c).append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The {@code json} line format, when Jackson 3 is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
    static class JsonFormatConfiguration {

        @Bean(JSON_PARSER_BEAN)
        @ConditionalOnMissingBean(name = JSON_PARSER_BEAN)
        LineParser serialJsonLineParser(ObjectProvider<JsonMapper> mapper) {
            return new JsonLineParser(mapper.getIfAvailable(JsonMapper::shared));
        }
    }

    /** The ports' meters, when Micrometer is on the class path (Spring Boot binds them). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SerialBridgeMetrics serialBridgeMetrics(SerialBridge bridge) {
            return new SerialBridgeMetrics(bridge);
        }
    }

    /** The {@code serial} health indicator, when Spring Boot's health support is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("serial")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "serialHealthIndicator")
        SerialBridgeHealthIndicator serialHealthIndicator(SerialBridge bridge) {
            return new SerialBridgeHealthIndicator(bridge);
        }
    }
}
