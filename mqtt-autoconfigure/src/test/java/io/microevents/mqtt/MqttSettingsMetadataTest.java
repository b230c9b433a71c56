package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings class lives in the plain library and is bound here: the generated metadata still
 * carries every setting's description and default, which IDEs show for {@code microevents.mqtt.*}.
 */
class MqttSettingsMetadataTest {

    @Test
    void everySettingUnderMicroeventsMqttIsDescribedWithItsDefault() throws Exception {
        Map<String, JsonNode> properties = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata of this module").isNotNull();
            for (JsonNode p : JsonMapper.builder().build().readTree(in).get("properties")) {
                properties.put(p.get("name").asString(), p);
            }
        }
        assertThat(properties).containsKeys("microevents.mqtt.url", "microevents.mqtt.buffer.max-events",
                "microevents.mqtt.tls.verify-hostname", "microevents.mqtt.embedded.port");
        assertThat(properties.values()).allSatisfy(p ->
                assertThat(p.path("description").asString("")).as(p.get("name").asString()).isNotBlank());
        assertThat(properties.get("microevents.mqtt.buffer.max-events").get("defaultValue").asInt()).isEqualTo(10_000);
        assertThat(properties.get("microevents.mqtt.prefix").get("defaultValue").asString()).isEqualTo("microevents");
    }
}
