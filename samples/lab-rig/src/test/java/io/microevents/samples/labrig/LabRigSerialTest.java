package io.microevents.samples.labrig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import io.microevents.testsupport.PseudoTerminal;
import io.microevents.testsupport.PseudoTerminals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lab rig on a real pseudo-terminal pair instead of the simulated rig: the test plays
 * the device at the far end. The poller and the watchdog are off, so the only lines are the test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"lab-rig.poll=-", "lab-rig.watchdog=-"})
@DirtiesContext
class LabRigSerialTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @RegisterExtension
    static final PseudoTerminals ptys = new PseudoTerminals();

    static PseudoTerminal pair;

    @Autowired
    SerialBridge bridge;

    @BeforeAll
    static void plugInTheRig() {
        pair = ptys.open("rig");
    }

    @DynamicPropertySource
    static void rigOnThePty(DynamicPropertyRegistry registry) {
        registry.add("microevents.serial.ports.rig.path", () -> pair.path().toString());
    }

    @Test
    void aHotReadingFromTheDeviceRaisesTheAlarmAndTheLedLineComesBack() throws Exception {
        await("port open").atMost(PATIENCE)
                .until(() -> bridge.status("rig").map(SerialPortStatus::connected).orElse(false));
        PseudoTerminal rig = pair;

        rig.print("sensor 24.0\r\nsensor 35.5\r\n");
        assertThat(rig.lines().poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("led on");

        rig.print("sensor 22.0\r\n");
        assertThat(rig.lines().poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("led off");
        await("lines counted").atMost(PATIENCE).until(() -> bridge.status("rig").orElseThrow().linesIn() == 3);
    }
}
