package io.microevents.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live dashboard (microevents.dashboard.*).
 *
 * <pre>
 * microevents.dashboard.charts.sensor.event=sensor
 * microevents.dashboard.charts.sensor.threshold=30.0
 * microevents.dashboard.max-clients=8
 * </pre>
 */
@ConfigurationProperties(prefix = "microevents.dashboard")
public class MicroeventsDashboardProperties {

    /** Whether the dashboard page and its stream are registered at all. */
    private boolean enabled = true;

    /**
     * Most streams open at once; one more is answered with a 503 problem. Each open stream holds
     * one sender thread of the dashboard's own.
     */
    private int maxClients = 16;

    /**
     * Shortest time between two updates of the page: however many triggers happen in between,
     * they reach each browser as one update (at most 1000 / interval updates a second).
     */
    private Duration updateInterval = Duration.ofMillis(250);

    /** How long a stream stays quiet before it gets a heartbeat comment (proxies drop silent connections). */
    private Duration heartbeat = Duration.ofSeconds(15);

    /**
     * How long a stream lives before the server ends it; the browser reconnects at once and
     * resumes with Last-Event-ID, so this only rebalances long-lived connections.
     */
    private Duration streamTimeout = Duration.ofMinutes(30);

    /**
     * How many past updates are kept so that a browser that reconnects gets only what it missed
     * (Last-Event-ID); one that missed more gets a full snapshot.
     */
    private int history = 64;

    /** How far back charts reach. */
    private Duration chartWindow = Duration.ofMinutes(5);

    /** Most points kept per chart (the oldest go first). */
    private int chartPoints = 1200;

    /** Charts of numeric event arguments, by name: {@code charts.<name>.event=sensor}. */
    private final Map<String, Chart> charts = new LinkedHashMap<>();

    /**
     * Whether the dashboard is registered.
     *
     * @return true by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the dashboard is registered.
     *
     * @param enabled false to register nothing
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Most streams open at once.
     *
     * @return 16 by default
     */
    public int getMaxClients() {
        return maxClients;
    }

    /**
     * Sets the most streams open at once.
     *
     * @param maxClients between 1 and 1000
     * @throws IllegalArgumentException if it is out of range
     */
    public void setMaxClients(int maxClients) {
        if (maxClients < 1 || maxClients > 1000) {
            throw new IllegalArgumentException("microevents.dashboard.max-clients must be between 1 and 1000, but was "
                    + maxClients);
        }
        this.maxClients = maxClients;
    }

    /**
     * Shortest time between two updates.
     *
     * @return 250ms by default
     */
    public Duration getUpdateInterval() {
        return updateInterval;
    }

    /**
     * Sets the shortest time between two updates.
     *
     * @param updateInterval at least 10ms
     * @throws IllegalArgumentException if it is shorter or null
     */
    public void setUpdateInterval(Duration updateInterval) {
        this.updateInterval = atLeast(updateInterval, Duration.ofMillis(10), "update-interval");
    }

    /**
     * Quiet time before a heartbeat.
     *
     * @return 15s by default
     */
    public Duration getHeartbeat() {
        return heartbeat;
    }

    /**
     * Sets the quiet time before a heartbeat.
     *
     * @param heartbeat at least 100ms
     * @throws IllegalArgumentException if it is shorter or null
     */
    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = atLeast(heartbeat, Duration.ofMillis(100), "heartbeat");
    }

    /**
     * How long a stream lives.
     *
     * @return 30m by default
     */
    public Duration getStreamTimeout() {
        return streamTimeout;
    }

    /**
     * Sets how long a stream lives.
     *
     * @param streamTimeout at least 1s
     * @throws IllegalArgumentException if it is shorter or null
     */
    public void setStreamTimeout(Duration streamTimeout) {
        this.streamTimeout = atLeast(streamTimeout, Duration.ofSeconds(1), "stream-timeout");
    }

    /**
     * How many past updates are kept for resuming.
     *
     * @return 64 by default
     */
    public int getHistory() {
        return history;
    }

    /**
     * Sets how many past updates are kept for resuming.
     *
     * @param history between 1 and 10000
     * @throws IllegalArgumentException if it is out of range
     */
    public void setHistory(int history) {
        if (history < 1 || history > 10_000) {
            throw new IllegalArgumentException("microevents.dashboard.history must be between 1 and 10000, but was "
                    + history);
        }
        this.history = history;
    }

    /**
     * How far back charts reach.
     *
     * @return 5m by default
     */
    public Duration getChartWindow() {
        return chartWindow;
    }

    /**
     * Sets how far back charts reach.
     *
     * @param chartWindow at least 1s
     * @throws IllegalArgumentException if it is shorter or null
     */
    public void setChartWindow(Duration chartWindow) {
        this.chartWindow = atLeast(chartWindow, Duration.ofSeconds(1), "chart-window");
    }

    /**
     * Most points kept per chart.
     *
     * @return 1200 by default
     */
    public int getChartPoints() {
        return chartPoints;
    }

    /**
     * Sets the most points kept per chart.
     *
     * @param chartPoints between 2 and 100000
     * @throws IllegalArgumentException if it is out of range
     */
    public void setChartPoints(int chartPoints) {
        if (chartPoints < 2 || chartPoints > 100_000) {
            throw new IllegalArgumentException("microevents.dashboard.chart-points must be between 2 and 100000, but was "
                    + chartPoints);
        }
        this.chartPoints = chartPoints;
    }

    /**
     * The charts by name.
     *
     * @return a mutable map, in configuration order
     */
    public Map<String, Chart> getCharts() {
        return charts;
    }

    private static Duration atLeast(Duration value, Duration min, String name) {
        if (value == null || value.compareTo(min) < 0) {
            throw new IllegalArgumentException("microevents.dashboard." + name + " must be at least " + min
                    + ", but was " + value);
        }
        return value;
    }

    /** One chart: a numeric argument of an event over time (microevents.dashboard.charts.&lt;name&gt;.*). */
    public static class Chart {

        /** The event whose triggers are charted. */
        private String event;

        /** Which argument of the trigger holds the number (0 is the first); numbers and numeric text count. */
        private int arg = 0;

        /** Label of the value axis, for example a unit; the chart's name when empty. */
        private String label;

        /** A level drawn across the chart, for example an alarm threshold; none when empty. */
        private Double threshold;

        /**
         * The charted event.
         *
         * @return the event name
         */
        public String getEvent() {
            return event;
        }

        /**
         * Sets the charted event.
         *
         * @param event the event name
         */
        public void setEvent(String event) {
            this.event = event;
        }

        /**
         * Which argument holds the number.
         *
         * @return 0 by default
         */
        public int getArg() {
            return arg;
        }

        /**
         * Sets which argument holds the number.
         *
         * @param arg 0 or more
         * @throws IllegalArgumentException if it is negative
         */
        public void setArg(int arg) {
            if (arg < 0) {
                throw new IllegalArgumentException("microevents.dashboard.charts.<name>.arg must be >= 0, but was " + arg);
            }
            this.arg = arg;
        }

        /**
         * The value axis label.
         *
         * @return the label, or null
         */
        public String getLabel() {
            return label;
        }

        /**
         * Sets the value axis label.
         *
         * @param label for example {@code C}
         */
        public void setLabel(String label) {
            this.label = label;
        }

        /**
         * The level drawn across the chart.
         *
         * @return the level, or null
         */
        public Double getThreshold() {
            return threshold;
        }

        /**
         * Sets the level drawn across the chart.
         *
         * @param threshold the level, or null for none
         */
        public void setThreshold(Double threshold) {
            this.threshold = threshold;
        }
    }
}
