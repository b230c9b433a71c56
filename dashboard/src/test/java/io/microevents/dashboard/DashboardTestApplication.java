package io.microevents.dashboard;

import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Component;

/**
 * A host app as a user writes it: the starter, the admin and the dashboard, a ring, and a sensor
 * that the app polls: {@code sensor} is triggered with a reading every {@code test.sensor.every}
 * (a sawtooth between 24 and 32, so it crosses the chart's threshold of 30), and each reading goes
 * into the ring. Users for the tests that turn Spring Security on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DashboardTestApplication.Sensor.class)
class DashboardTestApplication {

    static final String ADMIN = "admin";
    static final String VIEWER = "viewer";
    static final String PASSWORD = "secret";

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("MICROEVENTS_ADMIN").build(),
                User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("USER").build());
    }

    /** The polled sensor and its handler, both on the loop thread. */
    @Component
    static class Sensor {
        private final Work work;
        private final Ring readings;
        private int n;

        Sensor(Work work, @Qualifier("readings") Ring readings) {
            this.work = work;
            this.readings = readings;
        }

        @Repeat(everyString = "${test.sensor.every:100ms}")
        void poll() {
            n++;
            work.triggerEvent("sensor", String.format(Locale.ROOT, "%.1f", 24 + (n % 40) * 0.2));
        }

        @On("sensor")
        void onReading(double celsius) {
            readings.offer(1, Double.toString(celsius).getBytes(StandardCharsets.UTF_8));
        }
    }
}
