package io.microevents.dashboard;

import io.microevents.Message;
import io.microevents.Ring;
import io.microevents.SafeText;
import io.microevents.TaskStatus;
import io.microevents.Work;
import io.microevents.autoconfigure.RingRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what the page shows into plain maps and lists (a {@link State}), and tells two states
 * apart as a delta. Runs on the dashboard's publisher thread only; it reads the scheduler through
 * its thread-safe snapshot methods and never runs anything on the loop thread.
 *
 * <p>Times sent to the page are wall-clock epoch milliseconds, mapped from the scheduler's clock
 * (which may be virtual) through an anchor taken at start; the page counts down to
 * {@code nextAt} by itself between updates.
 */
final class DashboardModel {

    private static final int MAX_TEXT = 200;

    private final Work work;
    private final RingRegistry rings;
    private final List<DashboardSection> sections;
    private final List<ChartSeries> series;
    private final Map<String, MicroeventsDashboardProperties.Chart> chartSettings;
    private final RunMeter meter;
    private final long windowMillis;
    private final long wallAnchor;
    private final long workAnchor;

    DashboardModel(Work work, RingRegistry rings, List<DashboardSection> sections, List<ChartSeries> series,
                   Map<String, MicroeventsDashboardProperties.Chart> chartSettings, RunMeter meter,
                   long windowMillis, Clock wallClock) {
        this.work = Objects.requireNonNull(work, "work");
        this.rings = Objects.requireNonNull(rings, "rings");
        this.sections = List.copyOf(sections);
        this.series = List.copyOf(series);
        this.chartSettings = Map.copyOf(chartSettings);
        this.meter = Objects.requireNonNull(meter, "meter");
        this.windowMillis = windowMillis;
        this.wallAnchor = wallClock.millis();
        this.workAnchor = work.nowMillis();
    }

    /** The epoch millisecond of a reading of the scheduler's clock. */
    long wall(long workMillis) {
        return wallAnchor + (workMillis - workAnchor);
    }

    /** Reads the current state. */
    State read() {
        long now = work.nowMillis();
        List<TaskStatus> statuses = work.statuses();
        Map<Integer, Map<String, Object>> tasks = new TreeMap<>();
        Set<Integer> ids = new HashSet<>();
        int failing = 0;
        for (TaskStatus s : statuses) {
            ids.add(s.id());
            boolean failed = meter.failing(s.id());
            failing += failed ? 1 : 0;
            tasks.put(s.id(), task(s, now, failed));
        }
        meter.retain(ids);

        Map<String, Integer> waiting = new TreeMap<>(work.waitingEvents());
        List<Map<String, Object>> events = new ArrayList<>();
        waiting.forEach((event, listeners) -> events.add(map("event", event, "listeners", listeners)));

        List<Map<String, Object>> ringViews = new ArrayList<>();
        rings.all().forEach((name, ring) -> ringViews.add(ring(name, ring)));

        Map<String, Object> sectionValues = new TreeMap<>();
        for (DashboardSection section : sections) {
            Object value = section.read();
            if (value != null) {
                sectionValues.put(section.name(), value);
            }
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tasks", statuses.size());
        summary.put("maxTasks", work.maxTasks());
        summary.put("pending", work.pendingCount());
        summary.put("failing", failing);
        summary.put("waitingEvents", waiting.size());
        summary.put("running", work.isRunning());
        summary.put("runs", meter.runs());
        summary.put("latenessLastMs", round(meter.lastMillis()));
        summary.put("latenessMeanMs", round(meter.meanMillis()));
        summary.put("latenessMaxMs", round(meter.maxMillis()));
        summary.put("startedAt", wallAnchor);

        Map<String, ChartCursor> charts = new LinkedHashMap<>();
        for (ChartSeries s : series) {
            charts.put(s.name(), new ChartCursor(s.written(), s.skipped()));
        }
        return new State(wall(now), now - workAnchor, summary, tasks, events, ringViews, sectionValues, charts);
    }

    /** Everything the page needs to start from: the state and the charts' points in the window. */
    Map<String, Object> full(State state) {
        Map<String, Object> full = clock(state);
        full.put("summary", state.summary());
        full.put("tasks", List.copyOf(state.tasks().values()));
        full.put("events", state.events());
        full.put("rings", state.rings());
        full.put("sections", state.sections());
        Map<String, Object> charts = new LinkedHashMap<>();
        for (ChartSeries s : series) {
            MicroeventsDashboardProperties.Chart settings = chartSettings.get(s.name());
            Map<String, Object> chart = map("event", s.event(), "label",
                    settings.getLabel() == null || settings.getLabel().isBlank() ? s.name() : settings.getLabel(),
                    "threshold", settings.getThreshold(), "windowMs", windowMillis,
                    "skipped", state.charts().get(s.name()).skipped());
            chart.put("points", points(s.since(0, workNow(state) - windowMillis), state.charts().get(s.name()).written()));
            charts.put(s.name(), chart);
        }
        full.put("charts", charts);
        return full;
    }

    /**
     * What changed from {@code before} to {@code after}: only the parts that differ, tasks one by
     * one, and the charts' new points. Empty (but for the clock) when nothing changed.
     */
    Optional<Map<String, Object>> delta(State before, State after) {
        Map<String, Object> delta = clock(after);
        int size = delta.size();
        if (!before.summary().equals(after.summary())) {
            delta.put("summary", after.summary());
        }
        List<Object> upsert = new ArrayList<>();
        after.tasks().forEach((id, task) -> {
            if (!task.equals(before.tasks().get(id))) {
                upsert.add(task);
            }
        });
        List<Integer> removed = before.tasks().keySet().stream().filter(id -> !after.tasks().containsKey(id)).toList();
        if (!upsert.isEmpty() || !removed.isEmpty()) {
            delta.put("tasks", map("upsert", upsert, "remove", removed));
        }
        if (!before.events().equals(after.events())) {
            delta.put("events", after.events());
        }
        if (!before.rings().equals(after.rings())) {
            delta.put("rings", after.rings());
        }
        Map<String, Object> sections = new TreeMap<>();
        after.sections().forEach((name, value) -> {
            if (!value.equals(before.sections().get(name))) {
                sections.put(name, value);
            }
        });
        if (!sections.isEmpty()) {
            delta.put("sections", sections);
        }
        Map<String, Object> charts = new LinkedHashMap<>();
        for (ChartSeries s : series) {
            ChartCursor from = before.charts().get(s.name());
            ChartCursor to = after.charts().get(s.name());
            if (to.written() > from.written()) {
                charts.put(s.name(), map("points", points(s.since(from.written(), workNow(after) - windowMillis),
                        to.written()), "skipped", to.skipped()));
            }
        }
        if (!charts.isEmpty()) {
            delta.put("charts", charts);
        }
        return delta.size() == size ? Optional.empty() : Optional.of(delta);
    }

    private long workNow(State state) {
        return workAnchor + state.uptimeMs();
    }

    /** The chart's points up to (not including) index {@code end}, as [epochMillis, value] pairs. */
    private List<double[]> points(ChartSeries.Points points, long end) {
        List<double[]> list = new ArrayList<>(points.times().length);
        long first = points.next() - points.times().length;
        for (int i = 0; i < points.times().length && first + i < end; i++) {
            list.add(new double[] {wall(points.times()[i]), points.values()[i]});
        }
        return list;
    }

    private static Map<String, Object> clock(State state) {
        return map("at", state.at(), "uptimeMs", state.uptimeMs());
    }

    private Map<String, Object> task(TaskStatus s, long now, boolean failing) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", s.id());
        t.put("job", SafeText.of(s.job(), MAX_TEXT));
        t.put("kind", s.kind().name());
        t.put("state", s.state().name());
        t.put("event", s.event());
        t.put("interval", s.interval());
        t.put("nextAt", s.nextRun() < 0 ? null : wall(now + s.nextRun()));
        t.put("runs", s.runs());
        t.put("failures", s.failures());
        t.put("failing", failing);
        t.put("queuedTriggers", s.queuedTriggers());
        t.put("droppedTriggers", s.droppedTriggers());
        if (s.lastError() != null) {
            t.put("lastError", map("type", s.lastError().getClass().getName(),
                    "message", SafeText.of(s.lastError().getMessage(), MAX_TEXT)));
        }
        return t;
    }

    private static Map<String, Object> ring(String name, Ring ring) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("capacity", ring.capacity());
        r.put("used", ring.used());
        r.put("messageCount", ring.messageCount());
        r.put("droppedCount", ring.droppedCount());
        r.put("overflowPolicy", ring.overflowPolicy().name());
        List<Integer> ids = ring.list();
        r.put("ids", ids.size() <= 50 ? ids : ids.subList(ids.size() - 50, ids.size()));
        r.put("oldest", ring.peek().map(DashboardModel::message).orElse(null));
        return r;
    }

    private static Map<String, Object> message(Message m) {
        byte[] bytes = m.bytes();
        String text = utf8(bytes);
        return map("id", m.id(), "length", bytes.length,
                "text", text == null ? null : SafeText.of(text, MAX_TEXT));
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Where a chart stood: points recorded up to then, and triggers skipped. */
    record ChartCursor(long written, long skipped) {
    }

    /**
     * What the page shows at one moment.
     *
     * @param at wall-clock epoch millis of the reading
     * @param uptimeMs the scheduler's milliseconds since the dashboard started
     * @param summary the summary bar
     * @param tasks the tasks by id
     * @param events the events tasks wait for
     * @param rings the rings
     * @param sections the contributed sections by name
     * @param charts where each chart stood
     */
    record State(long at, long uptimeMs, Map<String, Object> summary, Map<Integer, Map<String, Object>> tasks,
                 List<Map<String, Object>> events, List<Map<String, Object>> rings, Map<String, Object> sections,
                 Map<String, ChartCursor> charts) {
    }
}
