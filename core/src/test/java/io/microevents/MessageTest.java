package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void equalsAndHashCodeCompareContentsNotArrayIdentity() {
        Message a = new Message(7, new byte[] {1, 2, 3});
        Message b = new Message(7, new byte[] {1, 2, 3});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Message(8, new byte[] {1, 2, 3}));
        assertThat(a).isNotEqualTo(new Message(7, new byte[] {1, 2, 4}));
        assertThat(a).isNotEqualTo(new Message(7, new byte[] {1, 2}));
        assertThat(a).isNotEqualTo(null).isNotEqualTo("Message[id=7]");
    }

    @Test
    void noneIsIdZeroWithNoBytes() {
        assertThat(Message.NONE.id()).isZero();
        assertThat(Message.NONE.bytes()).isEmpty();
        assertThat(Message.NONE.isNone()).isTrue();
        assertThat(new Message(0, new byte[0])).isEqualTo(Message.NONE);
        assertThat(new Message(1, new byte[0]).isNone()).isFalse();
    }

    @Test
    void textAndOfUseUtf8() {
        Message m = Message.of(3, "Grüße");

        assertThat(m.bytes()).isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(m.text()).isEqualTo("Grüße");
        assertThat(m.length()).isEqualTo(7);
    }

    @Test
    void toStringShowsPrintablePayloadAsText() {
        assertThat(Message.of(1, "Hello")).hasToString("Message[id=1, bytes=\"Hello\"]");
        assertThat(Message.of(1, "say \"hi\" \\o/")).hasToString("Message[id=1, bytes=\"say \\\"hi\\\" \\\\o/\"]");
        assertThat(Message.NONE).hasToString("Message[id=0, bytes=\"\"]");
    }

    @Test
    void toStringShowsOtherPayloadAsHex() {
        assertThat(new Message(2, new byte[] {0x01, 0x02, (byte) 0xAB})).hasToString("Message[id=2, bytes=0x0102ab]");
        assertThat(Message.of(2, "line\n")).hasToString("Message[id=2, bytes=0x6c696e650a]");
    }

    @Test
    void toStringCutsLongPayloads() {
        assertThat(Message.of(4, "x".repeat(100)))
                .hasToString("Message[id=4, bytes=\"" + "x".repeat(32) + "\"... (100 bytes)]");
        assertThat(new Message(4, new byte[40]))
                .hasToString("Message[id=4, bytes=0x" + "00".repeat(32) + "... (40 bytes)]");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Message(-1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> new Message(65536, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> new Message(1, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> Message.of(1, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("text");
        assertThat(new Message(65535, new byte[0]).id()).isEqualTo(65535);
    }
}
