package io.microevents.admin;

import io.microevents.ManualTicker;
import io.microevents.OverflowPolicy;
import io.microevents.Ring;
import io.microevents.Work;
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
 * A host app as a user writes it: Spring MVC, Spring Security with Boot's default chain, springdoc,
 * its own controller, and a {@link Work} on virtual time (no loop thread: tests drive it).
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
    Work work(ManualTicker ticker) {
        return Work.builder().ticker(ticker).errorHandler((id, job, e) -> { }).build();
    }

    @Bean
    Ring sensor() {
        return new Ring(64);
    }

    @Bean
    Ring audit() {
        return new Ring(1024, OverflowPolicy.DROP_OLDEST);
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
