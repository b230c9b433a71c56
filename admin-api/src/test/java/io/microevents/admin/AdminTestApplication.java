package io.microevents.admin;

import io.microevents.Checks;
import io.microevents.ManualTicker;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host app as a user writes it: the microevents starter (its {@code Work} on virtual time, as a
 * {@link ManualTicker} bean asks, so no loop thread: tests drive it; rings from
 * {@code application.properties}), Spring MVC, Spring Security with Boot's default chain,
 * springdoc, and its own controller.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({AdminTestApplication.HostController.class, AdminTestApplication.NullProbeController.class})
class AdminTestApplication {

    static final String ADMIN = "admin";
    static final String VIEWER = "viewer";
    static final String PASSWORD = "secret";

    @Bean
    ManualTicker ticker() {
        return new ManualTicker();
    }

    /** The host's own title, version and servers in its OpenAPI document, as a host sets them. */
    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("microevents admin test host").version("test")
                        .description("A host application with the microevents REST admin.")
                        .contact(new Contact().name("microevents").url("https://example.org/microevents")))
                .servers(List.of(new Server().url("http://localhost:8080").description("The host application")));
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("MICROEVENTS_ADMIN").build(),
                User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("USER").build());
    }

    /** The host app's own API. */
    @RestController
    static class HostController {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalArgumentException("host failure");
        }
    }

    /**
     * An admin endpoint, left out of the OpenAPI document, whose handler meets a null: one refused
     * by an argument check, as the scheduler's methods refuse one, and one dereferenced by a fault.
     */
    @Hidden
    @RestController
    @AdminEndpoint
    static class NullProbeController {

        @GetMapping("/test/null-argument")
        String nullArgument(@RequestParam(required = false) String name) {
            return Checks.notNull(name, "name\u001b[31m");
        }

        @GetMapping("/test/null-fault")
        String nullFault(@RequestParam(required = false) String name) {
            return "length " + name.length();
        }
    }
}
