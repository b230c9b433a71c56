package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SerialPortConfigTest {

    @Test
    void defaultsAreTheIssuesDefaults() {
        SerialPortConfig config = SerialPortConfig.builder("rig", "/dev/ttyACM0").build();
        assertThat(config.baud()).isEqualTo(115_200);
        assertThat(config.dataBits()).isEqualTo(8);
        assertThat(config.parity()).isEqualTo(Parity.NONE);
        assertThat(config.stopBits()).isEqualTo(StopBits.ONE);
        assertThat(config.flowControl()).isEqualTo(FlowControl.NONE);
        assertThat(config.delimiter()).isEqualTo("\n");
        assertThat(config.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(config.maxLineLength()).isEqualTo(1024);
        assertThat(config.reconnectInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.enabled()).isTrue();
        assertThat(config.parser()).isSameAs(TextLineParser.INSTANCE);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        SerialPortConfig.Builder builder = SerialPortConfig.builder("rig", "/dev/ttyACM0");
        assertThatThrownBy(() -> SerialPortConfig.builder("rig", " ")).hasMessageContaining("path");
        assertThatThrownBy(() -> builder.baud(0)).hasMessageContaining("baud");
        assertThatThrownBy(() -> builder.dataBits(9)).hasMessageContaining("dataBits");
        assertThatThrownBy(() -> builder.delimiter("")).hasMessageContaining("delimiter");
        assertThatThrownBy(() -> builder.maxLineLength(-1)).hasMessageContaining("maxLineLength");
        assertThatThrownBy(() -> builder.reconnectInterval(Duration.ZERO)).hasMessageContaining("reconnectInterval");
        assertThatThrownBy(() -> builder.forward(List.of("led", " "))).hasMessageContaining("forward");
        assertThatThrownBy(() -> builder.reconnectInterval(Duration.ofSeconds(5))
                .maxReconnectInterval(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReconnectInterval");
    }

    @Test
    void nullsAreRefusedWithTheirNameAndEachGroupChecksItsValues() {
        SerialPortConfig.Builder builder = SerialPortConfig.builder("rig", "/dev/ttyACM0");
        assertThatThrownBy(() -> SerialPortConfig.builder(null, "/dev/ttyACM0"))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> builder.parity(null)).isInstanceOf(NullPointerException.class).hasMessage("parity");
        assertThatThrownBy(() -> builder.charset(null)).isInstanceOf(NullPointerException.class).hasMessage("charset");
        assertThatThrownBy(() -> builder.delimiter(null)).isInstanceOf(NullPointerException.class).hasMessage("delimiter");
        assertThatThrownBy(() -> builder.reconnectInterval(null))
                .isInstanceOf(NullPointerException.class).hasMessage("reconnectInterval");
        assertThatThrownBy(() -> builder.forward(null)).isInstanceOf(NullPointerException.class).hasMessage("forward");
        assertThatThrownBy(() -> builder.framing(null)).isInstanceOf(NullPointerException.class).hasMessage("framing");
        assertThatThrownBy(() -> new SerialPortConfig.WriteQueue(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeQueueCapacity");
        assertThatThrownBy(() -> new SerialPortConfig.Framing(9600, 4, Parity.NONE, StopBits.ONE, FlowControl.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataBits");
    }

    @Test
    void theGroupsHoldWhatTheFlatSettersSet() {
        SerialPortConfig config = SerialPortConfig.builder("rig", "/dev/ttyACM0")
                .baud(9600).parity(Parity.EVEN).delimiter("\r").maxLineLength(80)
                .reconnectInterval(Duration.ofSeconds(1)).eventPrefix("rig.").forward(List.of("led"))
                .writeQueueCapacity(8).build();
        assertThat(config.framing())
                .isEqualTo(new SerialPortConfig.Framing(9600, 8, Parity.EVEN, StopBits.ONE, FlowControl.NONE));
        assertThat(config.lineFormat())
                .isEqualTo(new SerialPortConfig.LineFormat("\r", StandardCharsets.UTF_8, 80, TextLineParser.INSTANCE));
        assertThat(config.reconnect()).isEqualTo(new SerialPortConfig.Reconnect(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(config.routing()).isEqualTo(new SerialPortConfig.Routing("rig.", List.of("led")));
        assertThat(config.writeQueue()).isEqualTo(new SerialPortConfig.WriteQueue(8, SerialPortConfig.DEFAULT_WRITE_QUEUE_BYTES));
        SerialPortConfig grouped = SerialPortConfig.builder("rig", "/dev/ttyACM0").framing(config.framing())
                .lineFormat(config.lineFormat()).reconnect(config.reconnect()).routing(config.routing())
                .writeQueue(config.writeQueue()).build();
        assertThat(grouped.toString()).isEqualTo(config.toString());
        assertThat(grouped.forward()).isEqualTo(config.forward());
    }
}
