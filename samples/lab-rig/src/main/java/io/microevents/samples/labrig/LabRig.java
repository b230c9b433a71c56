package io.microevents.samples.labrig;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import io.microevents.serial.SerialBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The lab rig's story, the manual's design guide in one class: temporal events (a poller, a
 * watchdog) and causal ones (a reading, a threshold crossed, a button pressed), with a ring buffer
 * as the trail they leave.
 *
 * <ol>
 *   <li>Every second {@link #poll()} asks the rig for a reading: the line {@code read} goes out
 *       through the serial bridge.</li>
 *   <li>The rig answers {@code sensor 23.4}; the bridge turns that line into the event
 *       {@code sensor}, and {@link #onReading(double)} stores the reading in the ring
 *       {@code readings} and checks the threshold: crossing it triggers {@code alarm}, falling
 *       back below it (less the hysteresis) triggers {@code all-clear}.</li>
 *   <li>{@link #onAlarm(double)} and {@link #onAllClear(double)} write {@code led on} / {@code led off}
 *       to the rig: the event {@code led} is in the port's {@code forward} list.</li>
 *   <li>The rig prints {@code button} when its button is pressed: {@link #onButton()} marks a
 *       checkpoint in the ring.</li>
 *   <li>{@link #watchdog()} looks at the time of the last reading; when readings stop, it raises
 *       {@code silence}, and {@link #onSilence(long)} reports it.</li>
 * </ol>
 *
 * <p>Every method runs on the scheduler's loop thread, one at a time, so the fields need no locks.
 */
@Component
public class LabRig {

    /** Ring message id of a reading ({@code 23.4}). */
    public static final int READING = 1;
    /** Ring message id of a checkpoint ({@code checkpoint 2 after reading 17}). */
    public static final int CHECKPOINT = 2;
    /** Ring message id of an alarm or an all-clear ({@code alarm 31.2}, {@code all clear 28.7}). */
    public static final int ALARM = 3;
    /** Ring message id of a silence the watchdog noticed ({@code silence 3000 ms}). */
    public static final int SILENCE = 4;

    private static final Logger log = LoggerFactory.getLogger(LabRig.class);

    private final Work work;
    private final SerialBridge bridge;
    private final Ring readings;
    private final String port;
    private final double threshold;
    private final double clearBelow;
    private final long silenceMillis;

    private int readingCount;
    private int checkpointCount;
    private boolean alarmOn;
    private boolean silent;
    private boolean watching;
    private long lastReadingAt;

    /**
     * @param work the scheduler
     * @param bridge the serial bridge the rig is on
     * @param readings the ring that keeps the trail of readings, checkpoints, alarms and silences
     * @param settings the {@code lab-rig} settings
     * @throws IllegalStateException if a setting is out of range or names no serial port
     */
    public LabRig(Work work, SerialBridge bridge, @Qualifier("readings") Ring readings, LabRigProperties settings) {
        if (!bridge.portNames().contains(settings.getPort())) {
            throw new IllegalStateException("lab-rig.port is '" + settings.getPort()
                    + "', but microevents.serial.ports has only " + bridge.portNames());
        }
        if (settings.getHysteresis() < 0) {
            throw new IllegalStateException("lab-rig.hysteresis must be at least 0, but was " + settings.getHysteresis());
        }
        if (settings.getSilence() == null || settings.getSilence().isNegative() || settings.getSilence().isZero()) {
            throw new IllegalStateException("lab-rig.silence must be positive, but was " + settings.getSilence());
        }
        this.work = work;
        this.bridge = bridge;
        this.readings = readings;
        this.port = settings.getPort();
        this.threshold = settings.getThreshold();
        this.clearBelow = settings.getThreshold() - settings.getHysteresis();
        this.silenceMillis = settings.getSilence().toMillis();
    }

    /** Temporal: asks the rig for a reading, every {@code lab-rig.poll} (the first one a poll after the start). */
    @Repeat(everyString = "${lab-rig.poll:1s}", atString = "${lab-rig.poll:1s}")
    void poll() {
        if (!bridge.send(port, "read")) {
            log.debug("Rig on port '{}' is not connected: no reading asked for", port);
        }
    }

    /**
     * Causal: the rig sent {@code sensor <celsius>}.
     *
     * @param celsius the reading
     */
    @On("sensor")
    void onReading(double celsius) {
        long now = work.nowMillis();
        if (silent) {
            silent = false;
            log.info("Readings are back after {} of silence", seconds(now - lastReadingAt));
        }
        lastReadingAt = now;
        readingCount++;
        trail(READING, celsius(celsius));
        log.info("Reading {}: {} C{}", readingCount, celsius(celsius), alarmOn ? " (alarm on)" : "");
        if (!alarmOn && celsius > threshold) {
            alarmOn = true;
            work.triggerEvent("alarm", celsius);
        } else if (alarmOn && celsius < clearBelow) {
            alarmOn = false;
            work.triggerEvent("all-clear", celsius);
        }
    }

    /**
     * Causal: a reading crossed the threshold (or someone raised the alarm by hand).
     *
     * @param celsius the reading that raised it
     */
    @On("alarm")
    void onAlarm(double celsius) {
        trail(ALARM, "alarm " + celsius(celsius));
        log.warn("ALARM: {} C is above {} C: switching the rig's LED on", celsius(celsius), celsius(threshold));
        work.triggerEvent("led", "on");
    }

    /**
     * Causal: readings fell back below the threshold, less the hysteresis.
     *
     * @param celsius the reading that cleared it
     */
    @On("all-clear")
    void onAllClear(double celsius) {
        trail(ALARM, "all clear " + celsius(celsius));
        log.info("All clear: {} C is below {} C again: switching the LED off", celsius(celsius), celsius(clearBelow));
        work.triggerEvent("led", "off");
    }

    /** Causal: the rig's button was pressed; marks a checkpoint in the trail. */
    @On("button")
    void onButton() {
        checkpointCount++;
        trail(CHECKPOINT, "checkpoint " + checkpointCount + " after reading " + readingCount);
        log.info("Button pressed: checkpoint {} after reading {} (ring 'readings': {} messages, {} of {} bytes)",
                checkpointCount, readingCount, readings.messageCount(), readings.used(), readings.capacity());
    }

    /** Temporal: every {@code lab-rig.watchdog}, raises {@code silence} once when readings have stopped. */
    @Repeat(everyString = "${lab-rig.watchdog:1s}")
    void watchdog() {
        if (!watching) {
            watching = true;
            if (readingCount == 0) {
                lastReadingAt = work.nowMillis();   // silence counts from the watchdog's first look
            }
            return;
        }
        long quiet = work.nowMillis() - lastReadingAt;
        if (!silent && quiet >= silenceMillis) {
            silent = true;
            work.triggerEvent("silence", quiet);
        }
    }

    /**
     * Causal: the watchdog noticed that readings stopped.
     *
     * @param millis how long there has been no reading
     */
    @On("silence")
    void onSilence(long millis) {
        trail(SILENCE, "silence " + millis + " ms");
        log.warn("Watchdog: no reading for {}: is the rig still there?", seconds(millis));
    }

    private void trail(int id, String text) {
        readings.put(id, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String celsius(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
