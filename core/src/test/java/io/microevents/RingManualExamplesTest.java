package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Ring examples of the original manual, one test each, in Java; the behaviour is docs/contract.md#ring. */
class RingManualExamplesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code buffer = Ring(1024)}. */
    @Test
    void constructor() {
        Ring buffer = new Ring(1024);

        assertThat(buffer.capacity()).isEqualTo(1024);
        assertThat(buffer.used()).isZero();
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.isFull()).isFalse();
        assertThat(buffer.list()).isEmpty();
    }

    /** {@code buffer.put(1, b"Hello, World!")} and {@code buffer.put(2, bytearray([0x01, 0x02, 0x03]))}. */
    @Test
    void put() {
        Ring buffer = new Ring(1024);

        buffer.put(1, ascii("Hello, World!"));
        buffer.put(2, new byte[] {0x01, 0x02, 0x03});

        assertThat(buffer.list()).containsExactly(1, 2);
        assertThat(buffer.used()).isEqualTo(4 + 13 + 4 + 3);
        assertThat(buffer.get()).isEqualTo(new Message(1, ascii("Hello, World!")));
        assertThat(buffer.get()).isEqualTo(new Message(2, new byte[] {0x01, 0x02, 0x03}));
    }

    /** {@code len(buffer)} after {@code put(1, 13 bytes)} is 17 (docs/contract.md#layout). */
    @Test
    void usedCountsHeaderAndPayload() {
        Ring buffer = new Ring(1024);

        buffer.put(1, ascii("Hello, World!"));

        assertThat(buffer.used()).isEqualTo(17);
        assertThat("Buffer usage: " + buffer.used() + "/" + buffer.capacity() + " bytes")
                .isEqualTo("Buffer usage: 17/1024 bytes");
    }

    /** {@code msg_id, msg = buffer.get(); if msg_id != 0: ...}. */
    @Test
    void get() {
        Ring buffer = new Ring(1024);
        buffer.put(1, ascii("Hello, World!"));

        Message m = buffer.get();

        assertThat(m.id()).isEqualTo(1);
        assertThat(m.text()).isEqualTo("Hello, World!");
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.used()).isZero();
    }

    /** {@code get()} on an empty buffer returns {@code (0, b'')}. */
    @Test
    void getOnEmptyReturnsIdZeroAndNoBytes() {
        Ring buffer = new Ring(1024);

        Message m = buffer.get();

        assertThat(m.id()).isZero();
        assertThat(m.bytes()).isEmpty();
        assertThat(m).isEqualTo(Message.NONE);
        assertThat(m.isNone()).isTrue();
    }

    /** {@code result = buffer.peek(); if result: ...}; {@code None} when empty. */
    @Test
    void peek() {
        Ring buffer = new Ring(1024);
        assertThat(buffer.peek()).isEmpty();

        buffer.put(1, ascii("first"));
        buffer.put(2, ascii("second"));

        assertThat(buffer.peek()).contains(new Message(1, ascii("first")));
        assertThat(buffer.peek()).contains(new Message(1, ascii("first")));
        assertThat(buffer.list()).containsExactly(1, 2);
        assertThat(buffer.used()).isEqualTo(4 + 5 + 4 + 6);
    }

    /** {@code msg_id, msg = buffer.pull(5)}; {@code (0, b'')} if not found. */
    @Test
    void pull() {
        Ring buffer = new Ring(1024);
        buffer.put(4, ascii("four"));
        buffer.put(5, ascii("five"));
        buffer.put(6, ascii("six"));

        assertThat(buffer.pull(5)).isEqualTo(new Message(5, ascii("five")));
        assertThat(buffer.list()).containsExactly(4, 6);
        assertThat(buffer.pull(5)).isEqualTo(Message.NONE);
        assertThat(buffer.pull(7)).isEqualTo(Message.NONE);
    }

    /** {@code ids = buffer.list()}: ids of the messages, deleted ones excluded. */
    @Test
    void list() {
        Ring buffer = new Ring(1024);
        buffer.put(3, ascii("a"));
        buffer.put(1, ascii("b"));
        buffer.put(3, ascii("c"));
        buffer.put(2, ascii("d"));
        buffer.pull(1);

        assertThat(buffer.list()).containsExactly(3, 3, 2);
    }

    /** {@code if buffer.is_empty(): ...}. */
    @Test
    void isEmpty() {
        Ring buffer = new Ring(1024);
        assertThat(buffer.isEmpty()).isTrue();

        buffer.put(1, ascii("x"));
        assertThat(buffer.isEmpty()).isFalse();

        buffer.get();
        assertThat(buffer.isEmpty()).isTrue();
    }

    /** {@code if buffer.is_full(): ...}: true when not even an empty message fits. */
    @Test
    void isFull() {
        Ring buffer = new Ring(16);

        buffer.put(1, new byte[8]); // 12 bytes used, 4 free: an empty message still fits
        assertThat(buffer.isFull()).isFalse();

        buffer.put(2, new byte[0]);
        assertThat(buffer.isFull()).isTrue();
        assertThatThrownBy(() -> buffer.put(3, new byte[0])).isInstanceOf(BufferOverflowException.class);
    }

    /** {@code buffer.clear()}. */
    @Test
    void clear() {
        Ring buffer = new Ring(1024);
        buffer.put(1, ascii("a"));
        buffer.put(2, ascii("b"));

        buffer.clear();

        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.used()).isZero();
        assertThat(buffer.list()).isEmpty();
        assertThat(buffer.get()).isEqualTo(Message.NONE);
        buffer.put(3, ascii("c"));
        assertThat(buffer.get()).isEqualTo(new Message(3, ascii("c")));
    }

    /** Advanced Usage, "Priority Message Processing". */
    @Test
    void priorityMessageProcessing() {
        List<String> printed = new ArrayList<>();
        Ring buffer = new Ring(1024);

        buffer.put(1, ascii("Low priority"));
        buffer.put(100, ascii("High priority"));
        buffer.put(2, ascii("Low priority"));

        Message high = buffer.pull(100);
        printed.add("Processing high priority: " + high.text());

        List<Integer> order = new ArrayList<>();
        while (!buffer.isEmpty()) {
            Message m = buffer.get();
            order.add(m.id());
            printed.add("Processing: " + m.text());
        }

        assertThat(high.id()).isEqualTo(100);
        assertThat(order).containsExactly(1, 2);
        assertThat(printed).containsExactly(
                "Processing high priority: High priority",
                "Processing: Low priority",
                "Processing: Low priority");
        assertThat(buffer.used()).isZero();
    }

    /** Memory Usage: the buffer is exactly {@code size} bytes, each message 4 bytes + its length. */
    @Test
    void memoryUsage() {
        Ring buffer = new Ring(1024);

        for (int i = 1; i <= 16; i++) {
            buffer.put(i, new byte[60]); // 16 records of 64 bytes fill 1024 exactly
            assertThat(buffer.used()).isEqualTo(64 * i);
        }

        assertThat(buffer.used()).isEqualTo(buffer.capacity());
        assertThat(buffer.isFull()).isTrue();
        assertThat(buffer.messageCount()).isEqualTo(16);
        assertThatThrownBy(() -> buffer.put(17, new byte[0])).isInstanceOf(BufferOverflowException.class);
    }

    /** Troubleshooting: deleted messages take space until they reach the read end. */
    @Test
    void deletedMessagesTakeSpaceUntilReclaimed() {
        Ring buffer = new Ring(1024);
        buffer.put(1, ascii("one"));
        buffer.put(2, ascii("two"));
        buffer.put(3, ascii("three"));

        buffer.pull(2);
        assertThat(buffer.used()).isEqualTo(7 + 7 + 9);
        assertThat(buffer.messageCount()).isEqualTo(2);

        buffer.get(); // 1 goes, and the marked 2 behind it is reclaimed at once
        assertThat(buffer.used()).isEqualTo(9);
        assertThat(buffer.list()).containsExactly(3);
    }
}
