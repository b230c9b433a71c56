package io.microevents.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttTopicsTest {

    private final MqttTopics topics = new MqttTopics("microevents", "rig-1");

    @Test
    void topicsFollowPrefixNodeKindName() {
        assertThat(topics.status()).isEqualTo("microevents/rig-1/status");
        assertThat(topics.event("sensor")).isEqualTo("microevents/rig-1/event/sensor");
        assertThat(topics.eventFilter("sensor")).isEqualTo("microevents/+/event/sensor");
        assertThat(topics.eventFilter(null)).isEqualTo("microevents/+/event/#");
    }

    @Test
    void anInboundTopicGivesOriginAndName() {
        assertThat(topics.parse("microevents/rig-2/event/sensor")).containsExactly("rig-2", "sensor");
        assertThat(topics.parse("microevents/rig-2/event/lab/temp")).containsExactly("rig-2", "lab/temp");
        assertThat(topics.parse("microevents/rig-2/status")).isNull();
        assertThat(topics.parse("other/rig-2/event/sensor")).isNull();
        assertThat(topics.parse("microevents/rig-2/event/")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b", "all#", "nul\u0000", "$SYS", " "})
    void eventNamesThatCannotBeATopicLevelAreRefusedWithTheReason(String name) {
        assertThatThrownBy(() -> MqttTopics.checkEventName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT event name");
    }

    @Test
    void patternsAreNamesOrGlobs() {
        assertThat(MqttTopics.matches(List.of("sensor", "alarm-*"), "sensor")).isTrue();
        assertThat(MqttTopics.matches(List.of("sensor", "alarm-*"), "alarm-high")).isTrue();
        assertThat(MqttTopics.matches(List.of("sensor", "alarm-*"), "sensors")).isFalse();
        assertThat(MqttTopics.matches(List.of("*"), "anything")).isTrue();
        assertThat(MqttTopics.matches(List.of(), "sensor")).isFalse();
        assertThatThrownBy(() -> MqttTopics.checkPatterns(List.of("ok", "bad+"), "microevents.mqtt.publish"))
                .hasMessageStartingWith("microevents.mqtt.publish: ").hasMessageContaining("'+'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alarm-*:alarm-:true", "alarm-*:alarm-high:true", "*-high:alarm-high:true",
            "a*b*c:a-b-c:true", "a*b*c:abc:true", "a*b*c:a-c-b:false", "*b*:abba:true", "**:x:true",
            "a*:ba:false", "*a:ab:false", "a*a:a:false", "ab*:a:false", "*::true"})
    void aStarMatchesAnyRunOfCharactersAndEveryOtherCharacterItself(String row) {
        String[] cells = row.split(":", -1);
        assertThat(MqttTopics.glob(cells[0], cells[1])).as(row).isEqualTo(Boolean.parseBoolean(cells[2]));
    }

    @Test
    void prefixAndNodeAreChecked() {
        assertThatThrownBy(() -> new MqttTopics("microevents", "a/b")).hasMessageContaining("node");
        assertThatThrownBy(() -> new MqttTopics("#", "a")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new MqttTopics("microevents", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("node");
    }
}
