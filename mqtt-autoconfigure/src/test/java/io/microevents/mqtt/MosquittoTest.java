package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.microevents.Work;
import io.microevents.testsupport.ExternalProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Against a real Mosquitto, started by the test on a free loopback port with its own config file,
 * and Mosquitto's own command-line clients on the other side.
 */
@ExtendWith(OutputCaptureExtension.class)
class MosquittoTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static Path mosquittoPub;
    private static Path mosquittoSub;
    private static Process mosquitto;
    private static int port;
    private static int securePort;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeAll
    static void startMosquitto() throws Exception {
        Path binary = ExternalProgram.require("mosquitto", "apt-get install -y mosquitto", "/usr/sbin/mosquitto");
        mosquittoPub = ExternalProgram.require("mosquitto_pub", "apt-get install -y mosquitto-clients", "/usr/bin/mosquitto_pub");
        mosquittoSub = ExternalProgram.require("mosquitto_sub", "apt-get install -y mosquitto-clients", "/usr/bin/mosquitto_sub");
        Path passwd = ExternalProgram.require("mosquitto_passwd", "apt-get install -y mosquitto", "/usr/bin/mosquitto_passwd");
        port = freePort();
        securePort = freePort();
        Path passwords = dir.resolve("passwords");
        assertThat(new ProcessBuilder(passwd.toString(), "-b", "-c", passwords.toString(), "rig", "s3cret-pw")
                .start().waitFor()).isZero();
        // started as root, mosquitto drops to its own user before it reads the password file
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "per_listener_settings true",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "listener " + securePort + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwords,
                "persistence false",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        mosquitto = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(ARRIVAL).ignoreExceptions().until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stopMosquitto() throws Exception {
        for (ConfigurableApplicationContext node : nodes) {
            node.close();
        }
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly();
            }
        }
    }

    private static ConfigurableApplicationContext node(String name, String... properties) {
        List<String> props = new ArrayList<>(List.of(properties));
        props.add("microevents.mqtt.url=tcp://127.0.0.1:" + port);
        ConfigurableApplicationContext node = start(name, props);
        MqttBridge bridge = node.getBean(MqttBridge.class);
        await().atMost(ARRIVAL).until(bridge::isConnected);
        return node;
    }

    private static ConfigurableApplicationContext start(String name, List<String> properties) {
        ConfigurableApplicationContext node = Nodes.start(name, List.of(Recorder.class), properties.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private static Process run(String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String output(Process process) throws Exception {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void aMessageFromMosquittoPubRunsTheHandlerAndEventsReachMosquittoSubWithUserProperties() throws Exception {
        ConfigurableApplicationContext node = node("node-m", "microevents.mqtt.subscribe=sensor",
                "microevents.mqtt.publish=alarm");
        Recorder recorder = node.getBean(Recorder.class);

        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(200)).until(() -> {
            output(run(mosquittoPub.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
                    "-t", "microevents/x/event/sensor", "-m", "{\"args\":[99.5]}"));
            return recorder.readings.contains(99.5);
        });

        Process sub = run(mosquittoSub.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv5",
                "-q", "1", "-t", "microevents/node-m/event/alarm", "-C", "1", "-W", "20", "-F", "%t|%P|%p");
        // the subscription is in place once the status (retained) can be read by a second client
        assertThat(output(run(mosquittoSub.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-t", "microevents/node-m/status", "-C", "1", "-W", "10"))).isEqualTo("online");
        node.getBean(Work.class).triggerEvent("alarm", 31.5);
        String line = output(sub);
        assertThat(line).startsWith("microevents/node-m/event/alarm|").contains("origin:node-m").contains("id:")
                .contains("{\"args\":[31.5],\"ts\":\"").contains("\"origin\":\"node-m\"");
    }

    @Test
    void aUserAndPasswordFromThePropertiesAreAcceptedAndAWrongPasswordIsNeverLogged(CapturedOutput output) {
        ConfigurableApplicationContext good = start("node-u", List.of(
                "microevents.mqtt.url=tcp://127.0.0.1:" + securePort,
                "microevents.mqtt.username=rig", "microevents.mqtt.password=s3cret-pw"));
        await().atMost(ARRIVAL).until(good.getBean(MqttBridge.class)::isConnected);

        ConfigurableApplicationContext bad = start("node-w", List.of(
                "microevents.mqtt.url=tcp://127.0.0.1:" + securePort,
                "microevents.mqtt.username=rig", "microevents.mqtt.password=wrong-pw-42"));
        MqttBridge refused = bad.getBean(MqttBridge.class);
        await().atMost(ARRIVAL).until(() -> refused.status().lastError() != null);
        assertThat(refused.isConnected()).isFalse();
        assertThat(refused.status().lastError()).containsAnyOf("NOT_AUTHORIZED", "BAD_USER_NAME_OR_PASSWORD");
        assertThat(output.getAll()).doesNotContain("wrong-pw-42").doesNotContain("s3cret-pw");
    }

    @Test
    void mqtt311DropsItsOwnMessagesByOriginSinceItHasNoNoLocal() throws Exception {
        ConfigurableApplicationContext node = node("node-3", "microevents.mqtt.protocol-version=mqtt-3-1-1",
                "microevents.mqtt.subscribe=ping,sensor", "microevents.mqtt.publish=ping");
        MqttBridge bridge = node.getBean(MqttBridge.class);
        Recorder recorder = node.getBean(Recorder.class);
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(200)).until(() -> {
            output(run(mosquittoPub.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-t", "microevents/x/event/sensor", "-m", "{\"args\":[12.5]}"));
            return recorder.readings.contains(12.5);
        });

        node.getBean(Work.class).triggerEvent("ping");

        await().atMost(ARRIVAL).until(() -> bridge.dropped(MqttDropReason.OWN_ORIGIN) == 1);
        assertThat(recorder.pings).hasSize(1);
    }
}
