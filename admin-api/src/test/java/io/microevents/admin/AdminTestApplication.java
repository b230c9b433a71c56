package io.microevents.admin;

import io.microevents.ManualTicker;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host app as a user writes it: the microevents starter (its {@code Work} on virtual time, as a
 * {@link ManualTicker} bean asks, so no loop thread: tests drive it; rings from
 * {@code application.properties}), Spring MVC, Spring Security with Boot's default chain,
 * springdoc, and its own controller.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AdminTestApplication.HostController.class)
class AdminTestApplication {

    static final String ADMIN = "admin";
    static final String VIEWER = "viewer";
    static final String PASSWORD = "secret";

    @Bean
    ManualTicker ticker() {
        return new ManualTicker();
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
}
