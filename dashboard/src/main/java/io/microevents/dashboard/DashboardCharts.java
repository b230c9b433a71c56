package io.microevents.dashboard;

import io.microevents.Job;
import io.microevents.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * The charts' listeners and the run meter on the {@link Work}: one listener task per chart, whose
 * job records the chosen argument of each trigger in its series (a few stores on the loop thread,
 * no lock, no wait). Registered when the context starts (after the application's own
 * {@code @On} / {@code @Repeat} methods, so their task ids stay what they were without the
 * dashboard), cancelled when it stops.
 */
final class DashboardCharts implements SmartLifecycle, AutoCloseable {

    private final Work work;
    private final RunMeter meter;
    private final List<ChartSeries> series = new ArrayList<>();
    private final List<Integer> listeners = new ArrayList<>();
    private boolean running;

    DashboardCharts(Work work, RunMeter meter, Map<String, MicroeventsDashboardProperties.Chart> charts, int points) {
        this.work = Objects.requireNonNull(work, "work");
        this.meter = Objects.requireNonNull(meter, "meter");
        charts.forEach((name, chart) -> {
            if (chart.getEvent() == null || chart.getEvent().isBlank()) {
                throw new IllegalArgumentException("microevents.dashboard.charts." + name + ".event must name an event");
            }
            series.add(new ChartSeries(name, chart.getEvent().strip(), chart.getArg(), points));
        });
    }

    RunMeter meter() {
        return meter;
    }

    List<ChartSeries> series() {
        return List.copyOf(series);
    }

    /** Registers the meter and one listener per chart. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        work.addObserver(meter);
        for (ChartSeries s : series) {
            listeners.add(work.on(Job.named("dashboard chart '" + s.name() + "'",
                    args -> s.record(work.nowMillis(), args)), s.event(), true));
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        work.removeObserver(meter);
        listeners.forEach(work::cancel);
        listeners.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }
}
