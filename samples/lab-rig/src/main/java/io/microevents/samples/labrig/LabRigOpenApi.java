package io.microevents.samples.labrig;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The lab rig's own title, version and description in its OpenAPI document ({@code /v3/api-docs},
 * Swagger UI). The microevents admin adds its operations to whatever document the application
 * has; naming the document is the application's choice.
 */
@Configuration(proxyBeanMethods = false)
class LabRigOpenApi {

    /**
     * The document's head.
     *
     * @return the OpenAPI model springdoc fills with the operations
     */
    @Bean
    OpenAPI labRigApiDocument() {
        String version = LabRigOpenApi.class.getPackage().getImplementationVersion();
        return new OpenAPI().info(new Info()
                .title("Lab rig")
                .version(version == null ? "development" : version)
                .description("A sensor polled over a serial port, its readings kept in a ring, an alarm that "
                        + "lights the rig's LED, a button that marks checkpoints and a watchdog for silence. "
                        + "The microevents REST admin (tasks, events, rings, serial ports) is under /microevents."));
    }
}
