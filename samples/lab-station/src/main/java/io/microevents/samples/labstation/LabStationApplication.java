package io.microevents.samples.labstation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The lab station: one more node of the lab, on another machine or next to the rigs. It triggers
 * every rig's {@code sensor} and {@code alarm} events here, over MQTT, and {@link Station} logs
 * them. Start a rig first ({@code --microevents.mqtt.enabled=true}: it runs the embedded broker
 * on 127.0.0.1:1883), then this; or point both at a broker of your own with
 * {@code --microevents.mqtt.url=tcp://broker:1883}. See docs/mqtt.md.
 */
@SpringBootApplication
public class LabStationApplication {

    /**
     * Starts the station.
     *
     * @param args Spring Boot command-line arguments ({@code --name=value})
     */
    public static void main(String[] args) {
        SpringApplication.run(LabStationApplication.class, args);
    }
}
