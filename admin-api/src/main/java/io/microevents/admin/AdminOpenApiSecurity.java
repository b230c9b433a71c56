package io.microevents.admin;

import io.microevents.admin.MicroeventsAdminProperties.ReadAccess;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Documents the admin's security in the OpenAPI document, when the admin's own chain is active
 * (it is created with that chain):
 * an HTTP Basic security scheme (so Swagger UI offers "Authorize") on the admin's operations, with
 * their 401 and 403 answers. The host app's operations are left as they are.
 */
final class AdminOpenApiSecurity implements GlobalOpenApiCustomizer {

    static final String SCHEME = "microeventsAdmin";

    private final MicroeventsAdminProperties properties;

    AdminOpenApiSecurity(MicroeventsAdminProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        MicroeventsAdminProperties.Security rules = properties.getSecurity();
        String prefix = properties.getBasePath() + "/";
        boolean documented = false;
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            if (!path.getKey().startsWith(prefix)) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                boolean read = op.getKey() == PathItem.HttpMethod.GET || op.getKey() == PathItem.HttpMethod.HEAD;
                if (read && rules.getReadAccess() == ReadAccess.ANYONE) {
                    continue;
                }
                Operation operation = op.getValue();
                operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                responses.addApiResponse("401", problem("Not authenticated (HTTP Basic)"));
                if (!read || rules.getReadAccess() == ReadAccess.ROLE) {
                    String role = read ? rules.getReadRole() + " or " + rules.getAdminRole() : rules.getAdminRole();
                    responses.addApiResponse("403", problem("Authenticated without role " + role));
                }
                operation.setResponses(responses);
                documented = true;
            }
        }
        if (documented) {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("HTTP Basic for the microevents admin; changes need role " + rules.getAdminRole()));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }
}
