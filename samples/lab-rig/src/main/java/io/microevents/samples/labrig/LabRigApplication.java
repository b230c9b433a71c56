package io.microevents.samples.labrig;

import io.microevents.serial.SerialBridge;
import io.microevents.serial.SerialPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * The lab rig: a sensor polled over a serial port, its readings kept in a ring, an alarm that
 * lights the rig's LED, a button that marks checkpoints and a watchdog for silence, with the
 * microevents REST admin, Swagger UI and actuator health. Without hardware the rig is simulated
 * ({@code microevents.serial.ports.rig.path=sim:lab-rig}); point the path at a device
 * ({@code --microevents.serial.ports.rig.path=/dev/ttyUSB0}) and the same app talks to it.
 */
@SpringBootApplication
@EnableConfigurationProperties(LabRigProperties.class)
public class LabRigApplication {

    private static final Logger log = LoggerFactory.getLogger(LabRigApplication.class);

    /**
     * Starts the lab rig.
     *
     * @param args Spring Boot command-line arguments ({@code --name=value})
     */
    public static void main(String[] args) {
        SpringApplication.run(LabRigApplication.class, args);
    }

    /**
     * The simulated rig: the serial bridge opens every port whose path starts with {@code sim:}
     * through it, and every other path through jSerialComm.
     *
     * @param settings the {@code lab-rig} settings
     * @return the connector
     */
    @Bean
    SimulatedRig simulatedRig(LabRigProperties settings) {
        return new SimulatedRig(settings.getSimulator());
    }

    /**
     * Tells the newcomer what is running and where to look.
     *
     * @param event the application is ready
     */
    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        LabRigProperties settings = event.getApplicationContext().getBean(LabRigProperties.class);
        SerialBridge bridge = event.getApplicationContext().getBean(SerialBridge.class);
        String path = bridge.status(settings.getPort()).map(SerialPortStatus::path).orElse("?");
        String url = "http://localhost:" + env.getProperty("local.server.port", "8080");
        String poll = "-".equals(settings.getPoll()) ? "never (lab-rig.poll is -)" : "every " + settings.getPoll();
        log.info("Lab rig running: asking the rig on port '{}' ({}) for a reading {}; alarm above {} C; "
                + "watchdog after {} ms of silence", settings.getPort(), path, poll, settings.getThreshold(),
                settings.getSilence().toMillis());
        log.info("Open the live dashboard: {}/microevents/", url);
        log.info("Look inside: {}/swagger-ui.html  {}/microevents/tasks  {}/microevents/rings/readings  {}/actuator/health",
                url, url, url, url);
    }
}
