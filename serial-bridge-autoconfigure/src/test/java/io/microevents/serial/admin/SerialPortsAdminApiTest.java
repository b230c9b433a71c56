package io.microevents.serial.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.microevents.serial.QuickPolls;
import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import io.microevents.testsupport.PseudoTerminal;
import io.microevents.testsupport.PseudoTerminals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The serial ports in the REST admin, over HTTP on a random port: a host app with the starter, the
 * admin, Spring Security and the serial bridge, one port on a pseudo-terminal pair and one that is
 * missing. Every client error, the admin's own (wrong method, media type, path, origin) included,
 * is a problem detail.
 */
@ExtendWith(QuickPolls.class)
@SpringBootTest(classes = SerialPortsAdminApiTest.HostApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SerialPortsAdminApiTest {

    private static final String PORTS = "/microevents/serial/ports";

    @RegisterExtension
    static final PseudoTerminals ptys = new PseudoTerminals();

    static PseudoTerminal pair;

    @LocalServerPort
    int port;

    @Autowired
    SerialBridge bridge;

    @BeforeAll
    static void plugInTheRig() {
        pair = ptys.open("rig1");
    }

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("microevents.serial.ports.rig1.path", () -> pair.path().toString());
        registry.add("microevents.serial.ports.rig1.write-queue-bytes", () -> "1KB");
        registry.add("microevents.serial.ports.ghost.path", () -> ptys.missing("ghost").toString());
    }

    @BeforeEach
    void rigConnected() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.status("rig1").map(SerialPortStatus::connected).orElse(false));
    }

    private RestTestClient client(String user) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> {
                    if (user != null) {
                        headers.setBasicAuth(user, HostApp.PASSWORD);
                    }
                })
                .build();
    }

    @Test
    void readersSeeEveryPortAndItsState() {
        client(HostApp.VIEWER).get().uri(PORTS).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].name").isEqualTo(List.of("rig1", "ghost"))
                .jsonPath("$[0].connected").isEqualTo(true)
                .jsonPath("$[0].droppedByReason.TOO_LONG").isEqualTo(0)
                .jsonPath("$[1].connected").isEqualTo(false)
                .jsonPath("$[1].lastError").value(error -> assertThat((String) error).contains("not present"));
        client(HostApp.VIEWER).get().uri(PORTS + "/rig1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo(pair.path().toString());
        client(HostApp.VIEWER).get().uri(PORTS + "/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No serial port named 'nope'");
        client(null).get().uri(PORTS).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anAdminWritesALineToTheRig() throws Exception {
        client(HostApp.ADMIN).post().uri(PORTS + "/rig1/lines")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"line\":\"led on\"}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.port").isEqualTo("rig1").jsonPath("$.line").isEqualTo("led on");
        assertThat(pair.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("led on");
    }

    @Test
    void writesThatCannotBeDoneAreProblems() {
        RestTestClient admin = client(HostApp.ADMIN);
        client(HostApp.VIEWER).post().uri(PORTS + "/rig1/lines")
                .contentType(MediaType.APPLICATION_JSON).body("{\"line\":\"led on\"}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        admin.post().uri(PORTS + "/ghost/lines")
                .contentType(MediaType.APPLICATION_JSON).body("{\"line\":\"led on\"}").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").isEqualTo("Serial port 'ghost' is not connected");
        admin.post().uri(PORTS + "/rig1/lines")
                .contentType(MediaType.APPLICATION_JSON).body("{\"line\":\"two\\nlines\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("delimiter"));
        admin.post().uri(PORTS + "/rig1/lines")                   // past the write queue's byte bound (1KB here)
                .contentType(MediaType.APPLICATION_JSON).body("{\"line\":\"" + "x".repeat(2000) + "\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("write-queue-bytes"));
        admin.post().uri(PORTS + "/rig1/lines")
                .contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("line must be given"));
        admin.post().uri(PORTS + "/nope/lines")
                .contentType(MediaType.APPLICATION_JSON).body("{\"line\":\"x\"}").exchange()
                .expectStatus().isNotFound();
    }

    private static void problem(RestTestClient.ResponseSpec response, int status, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains(detail));
    }

    // The admin's error handling covers the serial endpoints as every other path under its base
    // path: a wrong method, media type or path there is a problem detail too.

    @Test
    void aLineThatIsNotJsonIs415() {
        problem(client(HostApp.ADMIN).post().uri(PORTS + "/ghost/lines").contentType(MediaType.TEXT_PLAIN)
                .body("led on").exchange(), 415, "Content-Type 'text/plain");
    }

    @Test
    void wrongMethodsAcceptHeadersAndPathsAreProblems() {
        RestTestClient admin = client(HostApp.ADMIN);
        problem(admin.delete().uri(PORTS + "/ghost/lines").exchange(), 405, "Method 'DELETE' is not supported");
        problem(admin.get().uri(PORTS).accept(MediaType.TEXT_HTML).exchange(), 406, "application/json");
        problem(admin.get().uri(PORTS + "/ghost/nothing-here").exchange(), 404, "No endpoint GET");
        problem(admin.post().uri(PORTS + "/ghost/lines").contentType(MediaType.APPLICATION_JSON)
                .header("Origin", "http://evil.example").body("{\"line\":\"x\"}").exchange(), 403, "Cross-origin");
    }

    /** A host app as a user writes it: starter, admin, security, serial bridge. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApp {

        static final String ADMIN = "admin";
        static final String VIEWER = "viewer";
        static final String PASSWORD = "secret";

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("MICROEVENTS_ADMIN").build(),
                    User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("USER").build());
        }
    }
}
