package io.microevents.admin;

import io.microevents.ManualTicker;
import io.microevents.Ring;
import io.microevents.Work;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The shared context of the HTTP tests: every subclass runs against the same app on a random
 * port (one Spring context for all of them, the OpenAPI contract and the generated client
 * included). Each test starts with no task and empty rings.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"microevents.admin.max-payload-size=1KB", "microevents.admin.max-page-size=100",
            "microevents.work.max-queued-triggers=8", "microevents.admin.allowed-origins=https://ops.example",
            "server.forward-headers-strategy=native"})
abstract class AdminHttpTestSupport {

    static final String BASE = "/microevents";

    @LocalServerPort
    int port;

    @Autowired
    Work work;

    @Autowired
    ManualTicker time;

    @Autowired
    @Qualifier("sensor")
    Ring sensor;

    @Autowired
    @Qualifier("audit")
    Ring audit;

    RestTestClient admin;
    RestTestClient viewer;
    RestTestClient anonymous;

    @BeforeEach
    void cleanSlate() {
        work.stop();
        sensor.clear();
        audit.clear();
        admin = client(AdminTestApplication.ADMIN);
        viewer = client(AdminTestApplication.VIEWER);
        anonymous = client(null);
    }

    RestTestClient client(String user) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> {
                    if (user != null) {
                        h.setBasicAuth(user, AdminTestApplication.PASSWORD);
                    }
                })
                .build();
    }
}
