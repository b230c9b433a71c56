package io.microevents.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts microevents nodes (Spring Boot contexts with the MQTT bridge) and plain MQTT clients for tests. */
final class Nodes {

    private Nodes() {
    }

    /** A node: the starter and the MQTT bridge, nothing else. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class NodeApp {
    }

    /**
     * @param name the node's name (spring.application.name)
     * @param beans extra configuration classes or components
     * @param properties name=value settings
     * @return the running context
     */
    static ConfigurableApplicationContext start(String name, List<Class<?>> beans, String... properties) {
        List<Class<?>> sources = new ArrayList<>();
        sources.add(NodeApp.class);
        sources.addAll(beans);
        List<String> props = new ArrayList<>(List.of(
                "spring.application.name=" + name,
                "spring.main.banner-mode=off",
                "microevents.work.thread-name=" + name + "-loop",
                "microevents.mqtt.reconnect.initial-delay=50ms",
                "microevents.mqtt.reconnect.max-delay=300ms",
                "logging.level.io.microevents.mqtt=INFO"));
        props.addAll(Arrays.asList(properties));
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                .properties(props.toArray(String[]::new))
                .run();
    }

    /**
     * @param port the broker's port on 127.0.0.1
     * @param id the client id
     * @return a connected MQTT 5 client
     */
    static Mqtt5AsyncClient client(int port, String id) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost(EmbeddedBroker.HOST).serverPort(port).buildAsync();
        client.connect().join();
        return client;
    }
}
