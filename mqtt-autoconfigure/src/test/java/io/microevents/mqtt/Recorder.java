package io.microevents.mqtt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microevents.annotation.On;

/** Handlers that record what they receive, as a user's {@code @On} methods would. */
class Recorder {

    final List<Double> readings = new CopyOnWriteArrayList<>();
    final List<Integer> counts = new CopyOnWriteArrayList<>();
    final List<String> pings = new CopyOnWriteArrayList<>();

    @On("sensor")
    void onReading(double c) {
        readings.add(c);
    }

    @On("count")
    void onCount(int n) {
        counts.add(n);
    }

    @On("ping")
    void onPing() {
        pings.add("ping");
    }
}
