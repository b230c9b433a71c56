package io.microevents.samples.labrig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.microevents.serial.PortConnection;
import io.microevents.serial.SerialPortConfig;
import org.junit.jupiter.api.Test;

/** The simulated rig as the serial bridge sees it: bytes in, lines out, on a clock of the test's own. */
class SimulatedRigTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SerialPortConfig config = SerialPortConfig.builder("rig", "sim:test").build();

    private SimulatedRig rig(long seed, Duration buttonEvery) {
        LabRigProperties.Simulator settings = new LabRigProperties.Simulator();
        settings.setSeed(seed);
        settings.setButtonEvery(buttonEvery);
        return new SimulatedRig(settings, nanos::get);
    }

    private static void send(PortConnection board, String line) throws Exception {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(board.write(bytes, 0, bytes.length)).isEqualTo(bytes.length);
    }

    /** Reads through a small buffer, as a reader would, until a whole line has come (null: none came). */
    private static String readLine(PortConnection board) throws Exception {
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[5];
        while (true) {
            int n = board.read(buffer);
            if (n <= 0) {
                return line.length() == 0 ? null : line.toString();
            }
            String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
            line.append(chunk);
            if (chunk.endsWith("\n")) {
                return line.substring(0, line.length() - 1);
            }
        }
    }

    private static List<Double> readings(PortConnection board, int count) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            send(board, "read");
            String line = readLine(board);
            assertThat(line).matches("sensor \\d+\\.\\d");
            values.add(Double.parseDouble(line.substring("sensor ".length())));
        }
        return values;
    }

    @Test
    void claimsSimPathsOnly() {
        SimulatedRig rig = rig(1, Duration.ZERO);
        assertThat(rig.supports("sim:lab-rig")).isTrue();
        assertThat(rig.supports("/dev/ttyUSB0")).isFalse();
        assertThat(rig.supports("COM3")).isFalse();
    }

    @Test
    void readingsDriftAndCrossTheThresholdNowAndThenAndTheSameSeedTellsTheSameStory() throws Exception {
        List<Double> first = readings(rig(57, Duration.ZERO).open(config), 100);
        List<Double> again = readings(rig(57, Duration.ZERO).open(config), 100);
        List<Double> other = readings(rig(58, Duration.ZERO).open(config), 100);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).allSatisfy(celsius -> assertThat(celsius).isBetween(20.0, 40.0));
        int crossings = 0;
        boolean above = false;
        for (double celsius : first) {
            if (!above && celsius > 30.0) {
                crossings++;
                above = true;
            } else if (above && celsius < 29.0) {
                above = false;
            }
        }
        assertThat(crossings).as("alarms in 100 readings").isBetween(2, 20);
    }

    @Test
    void obeysHeatAndPressAndIgnoresWhatItDoesNotKnow() throws Exception {
        PortConnection board = rig(3, Duration.ZERO).open(config);
        send(board, "led on");
        send(board, "dance");
        assertThat(readLine(board)).isNull();

        send(board, "press");
        assertThat(readLine(board)).isEqualTo("button");

        send(board, "heat");
        assertThat(readings(board, 4)).last().satisfies(celsius -> assertThat(celsius).isGreaterThan(30.0));
    }

    @Test
    void itsButtonIsPressedFromTimeToTimeAndNeverWhenSwitchedOff() throws Exception {
        PortConnection board = rig(5, Duration.ofSeconds(2)).open(config);
        assertThat(readLine(board)).isNull();
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());       // the longest wait is 1.5 x 2 s
        assertThat(readLine(board)).isEqualTo("button");
        assertThat(readLine(board)).isNull();

        PortConnection quiet = rig(5, Duration.ZERO).open(config);
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(readLine(quiet)).isNull();
    }

    @Test
    void aClosedBoardReportsTheEndOfTheConnection() throws Exception {
        PortConnection board = rig(1, Duration.ZERO).open(config);
        board.close();
        assertThat(board.read(new byte[16])).isEqualTo(-1);
    }
}
