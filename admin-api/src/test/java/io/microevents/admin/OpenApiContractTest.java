package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin's OpenAPI document is committed ({@value #SPEC}), so that every change to the API
 * shows up in review, and clients are generated from it (see {@link GeneratedClientTest}). This
 * test fails when the running admin's {@code /v3/api-docs} differs from the committed file. After
 * a deliberate change, refresh the file with:
 *
 * <pre>
 * ./mvnw -B -ntp -pl admin-api -am verify -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.refresh=true
 * </pre>
 */
class OpenApiContractTest extends AdminHttpTestSupport {

    static final String SPEC = "src/test/resources/openapi.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void theRunningDocumentIsTheCommittedOne() throws Exception {
        String served = admin.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode running = canonical(adminOnly(JSON.readTree(served)));
        Path file = Path.of(SPEC);
        if (Boolean.getBoolean("openapi.refresh")) {
            Files.writeString(file, JSON.writeValueAsString(running) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(file).as("the committed OpenAPI document").exists();
        JsonNode committed = canonical(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        assertThat(JSON.writeValueAsString(running))
                .as("/v3/api-docs differs from %s. If the change is intended, refresh the file: ./mvnw -B -ntp -pl "
                        + "admin-api -am verify -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dopenapi.refresh=true", SPEC)
                .isEqualTo(JSON.writeValueAsString(committed));
    }

    /**
     * The admin's part of the host's document, as a client generated from it sees the admin: its
     * paths (below {@value AdminHttpTestSupport#BASE}) and the top-level tags their operations use.
     * The host's own operations share nothing else with it: they have no schemas, no security and
     * no tag of their own in the list.
     */
    static JsonNode adminOnly(JsonNode document) {
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        ObjectNode paths = JSON.createObjectNode();
        Set<String> usedTags = new TreeSet<>();
        document.path("paths").propertyStream()
                .filter(path -> path.getKey().equals(BASE) || path.getKey().startsWith(BASE + "/"))
                .forEach(path -> {
                    paths.set(path.getKey(), path.getValue());
                    path.getValue().forEach(operation -> operation.path("tags").forEach(tag -> usedTags.add(tag.asString())));
                });
        copy.set("paths", paths);
        if (copy.get("tags") instanceof ArrayNode tags) {
            ArrayNode kept = JSON.createArrayNode();
            tags.forEach(tag -> {
                if (usedTags.contains(tag.path("name").asString())) {
                    kept.add(tag);
                }
            });
            copy.set("tags", kept);
        }
        return copy;
    }

    /**
     * The document with the members of every object sorted by name, and the top-level tags by
     * name: their order depends on how the application's beans were found, not on the API.
     */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            new TreeMap<>(node.propertyStream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .forEach((name, value) -> sorted.set(name, canonical(value)));
            if (sorted.get("tags") instanceof ArrayNode tags && sorted.has("openapi")) {
                List<JsonNode> byName = new ArrayList<>();
                tags.forEach(byName::add);
                byName.sort(Comparator.comparing(tag -> tag.path("name").asString()));
                sorted.set("tags", JSON.createArrayNode().addAll(byName));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
