package io.microevents.samples.labrig;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.microevents.serial.PortConnection;
import io.microevents.serial.PortConnector;
import io.microevents.serial.SerialPortConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab rig in software, for a machine with no hardware: it claims the ports whose path starts
 * with {@value #PATH_PREFIX} and plays the device at the far end of the line, so its lines go
 * through the serial bridge exactly as a real port's would (line assembler, parser, counters,
 * forwarding, the admin's serial endpoints).
 *
 * <p>The rig understands these lines:
 * <ul>
 *   <li>{@code read}: answers {@code sensor <celsius>}, a temperature that drifts around the
 *       baseline; now and then a heat burst pushes it up by several degrees for a few readings;</li>
 *   <li>{@code led on}, {@code led off}: switches its LED;</li>
 *   <li>{@code heat}: starts a heat burst now;</li>
 *   <li>{@code press}: presses its button, so it prints {@code button}.</li>
 * </ul>
 * By itself it prints {@code button} from time to time, as if someone pressed it. The same seed
 * gives the same readings.
 */
public final class SimulatedRig implements PortConnector {

    /** The paths this connector takes start with this. */
    public static final String PATH_PREFIX = "sim:";

    private static final Logger log = LoggerFactory.getLogger(SimulatedRig.class);

    /** How long a read waits for the rig to print something. */
    private static final long READ_WAIT_MS = 100;
    /** Degrees a heat burst adds to the temperature the readings move towards. */
    private static final double HEAT_RISE = 7.0;
    /** How far a reading moves towards its target temperature: the sensor's inertia. */
    private static final double INERTIA = 0.35;
    /** Spread of the noise on each reading, in degrees. */
    private static final double NOISE = 0.25;

    private final LabRigProperties.Simulator settings;
    private final LongSupplier nanoTime;

    /**
     * A rig on the system clock.
     *
     * @param settings seed, baseline, heat chance and button interval
     */
    public SimulatedRig(LabRigProperties.Simulator settings) {
        this(settings, System::nanoTime);
    }

    SimulatedRig(LabRigProperties.Simulator settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    @Override
    public boolean supports(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    @Override
    public PortConnection open(SerialPortConfig config) {
        log.info("Simulated rig on '{}' switched on (seed {}): it answers 'read' with 'sensor <celsius>', "
                + "obeys 'led on|off', 'heat' and 'press', and its button gets pressed now and then",
                config.path(), settings.getSeed());
        return new Board(config, settings, nanoTime);
    }

    @Override
    public String toString() {
        return "simulated rig, seed " + settings.getSeed();
    }

    /** The rig's firmware: obeys the lines it is sent, prints its answers and button presses. */
    static final class Board implements PortConnection {
        private final String delimiter;
        private final Charset charset;
        private final double baseline;
        private final double heatChance;
        private final long buttonEveryNanos;
        private final LongSupplier nanoTime;
        private final SplittableRandom sensor;
        private final SplittableRandom button;
        private final BlockingQueue<byte[]> printed = new LinkedBlockingQueue<>();
        private byte[] pending;
        private int pendingOffset;
        private double temperature;
        private int heat;
        private long nextPressAt;
        private volatile boolean closed;

        Board(SerialPortConfig config, LabRigProperties.Simulator settings, LongSupplier nanoTime) {
            this.delimiter = config.delimiter();
            this.charset = config.charset();
            this.baseline = settings.getBaseline();
            this.heatChance = settings.getHeatChance();
            Duration every = settings.getButtonEvery();
            this.buttonEveryNanos = every == null ? 0 : Math.max(0, every.toNanos());
            this.nanoTime = nanoTime;
            SplittableRandom seeded = new SplittableRandom(settings.getSeed());
            this.sensor = seeded.split();     // readings do not depend on when the button is pressed
            this.button = seeded.split();
            this.temperature = baseline;
            scheduleButton();
        }

        @Override
        public int read(byte[] buffer) {
            if (closed) {
                return -1;
            }
            if (pending == null) {
                pressButtonIfDue();
                try {
                    pending = printed.poll(READ_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                pendingOffset = 0;
                if (pending == null) {
                    return 0;
                }
            }
            int count = Math.min(buffer.length, pending.length - pendingOffset);
            System.arraycopy(pending, pendingOffset, buffer, 0, count);
            pendingOffset += count;
            if (pendingOffset == pending.length) {
                pending = null;
            }
            return count;
        }

        @Override
        public int write(byte[] bytes, int offset, int length) {
            String text = new String(bytes, offset, length, charset);
            for (String line : text.split(Pattern.quote(delimiter))) {
                obey(line.strip());
            }
            return length;
        }

        @Override
        public void close() {
            closed = true;
            log.info("Simulated rig switched off");
        }

        private synchronized void obey(String command) {
            if (command.isEmpty()) {
                return;
            }
            switch (command) {
                case "read" -> print("sensor " + String.format(Locale.ROOT, "%.1f", nextReading()));
                case "led on" -> log.info("Rig: LED is ON");
                case "led off" -> log.info("Rig: LED is off");
                case "heat" -> startHeatBurst("someone switched the heater on");
                case "press" -> press("someone pressed the button (by command)");
                default -> log.info("Rig: ignores '{}' (it knows read, led on, led off, heat, press)", command);
            }
        }

        /** The next temperature: drifts towards the baseline, or above it during a heat burst. */
        private double nextReading() {
            if (heat == 0 && sensor.nextDouble() < heatChance) {
                startHeatBurst("something is warming the sensor");
            }
            double target = baseline + (heat > 0 ? HEAT_RISE : 0);
            if (heat > 0) {
                heat--;
            }
            temperature += (target - temperature) * INERTIA + sensor.nextGaussian() * NOISE;
            return temperature;
        }

        private void startHeatBurst(String why) {
            heat = 4 + sensor.nextInt(4);
            log.info("Rig: {}", why);
        }

        private synchronized void pressButtonIfDue() {
            if (buttonEveryNanos > 0 && nanoTime.getAsLong() - nextPressAt >= 0) {
                press("someone pressed the button");
                scheduleButton();
            }
        }

        private void press(String why) {
            log.info("Rig: {}", why);
            print("button");
        }

        private void scheduleButton() {
            if (buttonEveryNanos > 0) {
                nextPressAt = nanoTime.getAsLong() + (long) (buttonEveryNanos * (0.5 + button.nextDouble()));
            }
        }

        private void print(String line) {
            printed.add((line + delimiter).getBytes(charset));
        }
    }
}
