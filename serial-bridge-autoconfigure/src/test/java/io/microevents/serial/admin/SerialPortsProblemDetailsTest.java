package io.microevents.serial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The admin's error handling covers the serial endpoints as every other path under its base path:
 * a wrong method, media type or path there is a problem detail too. One port whose device is
 * missing is enough (no pseudo-terminal needed); Spring Security is left out, so the admin's
 * protected mode answers this loopback client.
 */
@SpringBootTest(classes = SerialPortsProblemDetailsTest.HostApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude="
                + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
class SerialPortsProblemDetailsTest {

    private static final String PORTS = "/microevents/serial/ports";

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("microevents.serial.ports.ghost.path", () -> dir.resolve("missing").toString());
    }

    private RestTestClient client() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private static void problem(RestTestClient.ResponseSpec response, int status, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains(detail));
    }

    @Test
    void aLineThatIsNotJsonIs415() {
        problem(client().post().uri(PORTS + "/ghost/lines").contentType(MediaType.TEXT_PLAIN).body("led on")
                .exchange(), 415, "Content-Type 'text/plain");
    }

    @Test
    void wrongMethodsAcceptHeadersAndPathsAreProblems() {
        problem(client().delete().uri(PORTS + "/ghost/lines").exchange(), 405, "Method 'DELETE' is not supported");
        problem(client().get().uri(PORTS).accept(MediaType.TEXT_HTML).exchange(), 406, "application/json");
        problem(client().get().uri(PORTS + "/ghost/nothing-here").exchange(), 404, "No endpoint GET");
        problem(client().post().uri(PORTS + "/ghost/lines").contentType(MediaType.APPLICATION_JSON)
                .header("Origin", "http://evil.example").body("{\"line\":\"x\"}").exchange(), 403, "Cross-origin");
    }

    /** The starter, the admin and the serial bridge, without Spring Security. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApp {
    }
}
