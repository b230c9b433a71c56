package io.microevents.serial.autoconfigure;

import io.microevents.serial.SerialBridge;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link SerialBridge} with the application context (after the singletons, so every
 * {@code @On} method is registered before the first line is read) and stops it on shutdown.
 */
public class SerialBridgeLifecycle implements SmartLifecycle {

    /** The phase: inside the default phase, so the bridge stops before the Work loop ends. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final SerialBridge bridge;

    /**
     * @param bridge the bridge to start and stop
     */
    public SerialBridgeLifecycle(SerialBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void start() {
        bridge.start();
    }

    @Override
    public void stop() {
        bridge.stop();
    }

    @Override
    public boolean isRunning() {
        return bridge.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
