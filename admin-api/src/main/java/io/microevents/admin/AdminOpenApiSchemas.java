package io.microevents.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * The schemas the admin's operations refer to that springdoc cannot derive from Java types: one
 * argument of a trigger or a params list (a JSON string, number or boolean), and RFC 9457's
 * problem details as they go over the wire (Spring's {@code ProblemDetail} class keeps extension
 * members in a map that its JSON form flattens, so the derived schema has a {@code properties}
 * member that never appears).
 */
final class AdminOpenApiSchemas implements GlobalOpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        components.addSchemas(AdminSchemas.ARGUMENT, new Schema<>()
                .description("One argument: a JSON string, number or boolean")
                .oneOf(List.of(new StringSchema(), new NumberSchema(), new BooleanSchema())));
        components.addSchemas(AdminSchemas.PROBLEM, new Schema<>()
                .type("object")
                .description("RFC 9457 problem details: the body of every error answer")
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("Identifies the problem type; absent means about:blank"))
                .addProperty("title", new StringSchema().description("Short summary of the problem type")
                        .example("Bad Request"))
                .addProperty("status", new IntegerSchema().format("int32").minimum(BigDecimal.valueOf(100))
                        .maximum(BigDecimal.valueOf(599)).description("The HTTP status code").example(400))
                .addProperty("detail", new StringSchema().description("What went wrong with this request")
                        .example("interval must be between 0 and 9223372036854 ms, but was -5"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path of the request").example("/microevents/tasks/7/interval"))
                .additionalProperties(Boolean.TRUE));
    }
}
