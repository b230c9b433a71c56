package io.microevents.mqtt.autoconfigure;

import java.time.Duration;

import io.microevents.mqtt.MqttBridge;
import org.springframework.context.SmartLifecycle;

/**
 * Connects the {@link MqttBridge} with the application context (after the singletons, so every
 * {@code @On} method is registered before the first message arrives) and disconnects it on
 * shutdown, before the Work loop ends.
 */
public class MqttBridgeLifecycle implements SmartLifecycle {

    /** The phase: inside the default phase, so the bridge stops before the Work loop ends. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final MqttBridge bridge;
    private volatile boolean running;

    /**
     * @param bridge the bridge to start and stop
     */
    public MqttBridgeLifecycle(MqttBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void start() {
        bridge.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        bridge.stop(Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
