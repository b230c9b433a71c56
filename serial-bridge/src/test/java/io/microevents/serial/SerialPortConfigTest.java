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
}
