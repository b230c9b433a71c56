package io.microevents.samples.labrig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lab rig's settings, under {@code lab-rig}. The defaults are the demo's: a reading every
 * second, an alarm above 30 C, a watchdog that complains after 3 s without a reading.
 */
@ConfigurationProperties("lab-rig")
public class LabRigProperties {

    /** The serial port (a name under {@code microevents.serial.ports}) that the rig is on. */
    private String port = "rig";

    /** How often the rig is asked for a reading; {@code -} switches the poller off. */
    private String poll = "1s";

    /** Readings above this (in C) raise the alarm. */
    private double threshold = 30.0;

    /** The alarm clears when a reading falls this far (in C) below the threshold. */
    private double hysteresis = 1.0;

    /** How often the watchdog looks at the time of the last reading; {@code -} switches it off. */
    private String watchdog = "1s";

    /** How long without a reading before the watchdog raises {@code silence}. */
    private Duration silence = Duration.ofSeconds(3);

    /** The simulated rig that answers on {@code sim:} paths. */
    private final Simulator simulator = new Simulator();

    /** @return the {@code port} setting */
    public String getPort() {
        return port;
    }

    /** @param port the {@code port} setting */
    public void setPort(String port) {
        this.port = port;
    }

    /** @return the {@code poll} setting */
    public String getPoll() {
        return poll;
    }

    /** @param poll the {@code poll} setting */
    public void setPoll(String poll) {
        this.poll = poll;
    }

    /** @return the {@code threshold} setting */
    public double getThreshold() {
        return threshold;
    }

    /** @param threshold the {@code threshold} setting */
    public void setThreshold(double threshold) {
        this.threshold = threshold;
    }

    /** @return the {@code hysteresis} setting */
    public double getHysteresis() {
        return hysteresis;
    }

    /** @param hysteresis the {@code hysteresis} setting */
    public void setHysteresis(double hysteresis) {
        this.hysteresis = hysteresis;
    }

    /** @return the {@code watchdog} setting */
    public String getWatchdog() {
        return watchdog;
    }

    /** @param watchdog the {@code watchdog} setting */
    public void setWatchdog(String watchdog) {
        this.watchdog = watchdog;
    }

    /** @return the {@code silence} setting */
    public Duration getSilence() {
        return silence;
    }

    /** @param silence the {@code silence} setting */
    public void setSilence(Duration silence) {
        this.silence = silence;
    }

    /** @return the {@code simulator} settings */
    public Simulator getSimulator() {
        return simulator;
    }

    /** The simulated rig. */
    public static class Simulator {

        /** Seed of the simulated rig's randomness: the same seed gives the same readings. */
        private long seed = 57;

        /** The temperature (in C) that readings drift around. */
        private double baseline = 26.0;

        /** Chance per reading that a heat burst begins, pushing readings over the threshold for a while. */
        private double heatChance = 0.08;

        /** Average time between two presses of the rig's button; {@code 0} never presses it. */
        private Duration buttonEvery = Duration.ofSeconds(8);

        /** @return the {@code seed} setting */
        public long getSeed() {
            return seed;
        }

        /** @param seed the {@code seed} setting */
        public void setSeed(long seed) {
            this.seed = seed;
        }

        /** @return the {@code baseline} setting */
        public double getBaseline() {
            return baseline;
        }

        /** @param baseline the {@code baseline} setting */
        public void setBaseline(double baseline) {
            this.baseline = baseline;
        }

        /** @return the {@code heat-chance} setting */
        public double getHeatChance() {
            return heatChance;
        }

        /** @param heatChance the {@code heat-chance} setting */
        public void setHeatChance(double heatChance) {
            this.heatChance = heatChance;
        }

        /** @return the {@code button-every} setting */
        public Duration getButtonEvery() {
            return buttonEvery;
        }

        /** @param buttonEvery the {@code button-every} setting */
        public void setButtonEvery(Duration buttonEvery) {
            this.buttonEvery = buttonEvery;
        }
    }
}
