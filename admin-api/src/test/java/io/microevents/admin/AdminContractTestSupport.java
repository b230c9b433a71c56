package io.microevents.admin;

import io.microevents.Ring;
import io.microevents.Work;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The context of the API contract tests: the test host with the admin's operations alone in its
 * OpenAPI document, as the admin's document is committed and clients are generated from it.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "springdoc.paths-to-match=/microevents/**")
abstract class AdminContractTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    Work work;

    @Autowired
    @Qualifier("sensor")
    Ring sensor;

    /** A user with role MICROEVENTS_ADMIN (the host's default chain guards /v3/api-docs too). */
    RestTestClient admin;

    @BeforeEach
    void cleanSlate() {
        work.stop();
        sensor.clear();
        admin = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(AdminTestApplication.ADMIN, AdminTestApplication.PASSWORD))
                .build();
    }
}
