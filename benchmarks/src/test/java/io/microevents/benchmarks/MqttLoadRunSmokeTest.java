package io.microevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Runs the MQTT load run once with tiny numbers: every path delivers every event at QoS 1. No figure is checked. */
class MqttLoadRunSmokeTest {

    @Test
    void everyPathRunsAndDeliversAtQos1() throws Exception {
        List<MqttLoadRun.Result> results = MqttLoadRun.run(500, 500, 1000, 1);
        assertThat(results).hasSize(12);
        assertThat(results).filteredOn(r -> r.qos() == 1).allSatisfy(r -> assertThat(r.received()).isEqualTo(r.sent()));
        assertThat(results).allSatisfy(r -> assertThat(r.perSecond()).isPositive());
    }
}
