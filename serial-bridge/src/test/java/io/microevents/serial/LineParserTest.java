package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LineParserTest {

    private final TextLineParser text = TextLineParser.INSTANCE;
    private final JsonLineParser json = new JsonLineParser();

    @Test
    void textTakesTheFirstTokenAsEventAndTheRestAsStrings() {
        assertThat(text.parse("temp 23.5")).contains(LineEvent.of("temp", "23.5"));
        assertThat(text.parse("  move\t10   -3 ")).contains(LineEvent.of("move", "10", "-3"));
        assertThat(text.parse("ping")).contains(LineEvent.of("ping"));
        assertThat(text.parse(" \t ")).isEmpty();
        assertThat(text.format("led", List.of("on", 3))).isEqualTo("led on 3");
        assertThat(text.format("beep", List.of())).isEqualTo("beep");
    }

    @Test
    void jsonReadsEventAndTypedArguments() {
        assertThat(json.parse("{\"event\":\"temp\",\"args\":[23.5, 7, \"C\", true, null]}"))
                .contains(new LineEvent("temp", Arrays.asList(23.5, 7, "C", true, null)));
        assertThat(json.parse("{\"event\":\"ping\"}")).contains(LineEvent.of("ping"));
        assertThat(json.parse("{\"event\":\"cfg\",\"args\":[{\"a\":1}]}"))
                .contains(LineEvent.of("cfg", Map.of("a", 1)));
        assertThat(json.parse("{\"args\":[1]}")).isEmpty();
        assertThat(json.parse("{\"event\":\"  \"}")).isEmpty();
    }

    @Test
    void jsonRejectsWhatIsNotAnEventObject() {
        assertThatThrownBy(() -> json.parse("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> json.parse("{\"event\":3}")).hasMessageContaining("'event' must be a string");
        assertThatThrownBy(() -> json.parse("{\"event\":\"a\",\"args\":5}")).hasMessageContaining("'args' must be an array");
        assertThatThrownBy(() -> json.parse("{\"event\":")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void jsonWritesEventsInTheSameShape() {
        String line = json.format("led", List.of("on", 3));
        assertThat(line).isEqualTo("{\"event\":\"led\",\"args\":[\"on\",3]}");
        assertThat(json.parse(line)).contains(LineEvent.of("led", "on", 3));
    }

    @Test
    void lineEventNamesItsBadArgument() {
        assertThatThrownBy(() -> LineEvent.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> LineEvent.of(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> new LineEvent("led", null)).isInstanceOf(NullPointerException.class).hasMessage("args");
        assertThatThrownBy(() -> new JsonLineParser(null)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
    }
}
