package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.nio.BufferOverflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Payload bytes that differ per {@code seed}, so mixed-up messages show. */
    private static byte[] payload(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return b;
    }

    /** One message as a handler saw it, copied out of the slice. */
    private record Seen(int id, byte[] buffer, int offset, byte[] bytes) {
        Message message() {
            return new Message(id, bytes);
        }
    }

    private static Seen take(Ring ring) {
        List<Seen> seen = new ArrayList<>();
        boolean got = ring.get((id, buffer, offset, length) ->
                seen.add(new Seen(id, buffer, offset, Arrays.copyOfRange(buffer, offset, offset + length))));
        assertThat(got).isTrue();
        assertThat(seen).hasSize(1);
        return seen.get(0);
    }

    /**
     * A ring of {@code capacity} bytes that holds one empty message (id 99, 4 bytes) at its read end
     * and will write its next record at index {@code pos}.
     */
    private static Ring ringWritingAt(int capacity, int pos) {
        Ring ring = new Ring(capacity);
        writeAt(ring, pos);
        return ring;
    }

    /**
     * Makes the empty {@code ring} hold one empty message (id 99, 4 bytes) at its read end and
     * write its next record at index {@code pos}. Moves the write end with filler records while
     * always keeping a message in the ring (an empty ring starts over at index 0).
     */
    private static void writeAt(Ring ring, int pos) {
        assertThat(ring.isEmpty()).isTrue();
        int capacity = ring.capacity();
        ring.put(99, new byte[0]);
        int tail = 4;
        while (tail != pos) {
            int d = Math.floorMod(pos - tail, capacity);
            int step = d >= 8 ? Math.min(d, capacity - 4) : 8;
            ring.put(98, new byte[step - 8]); // filler record: step - 4 bytes
            ring.get();                       // old keeper out, filler at the read end
            ring.put(99, new byte[0]);        // new keeper behind the filler
            ring.get();                       // filler out
            tail = (tail + step) % capacity;
        }
        assertThat(ring.list()).containsExactly(99);
        assertThat(ring.used()).isEqualTo(4);
    }

    @Nested
    class BadInput {

        @ParameterizedTest
        @ValueSource(ints = {7, 0, -1, Integer.MIN_VALUE})
        void sizeBelowEight(int size) {
            assertThatThrownBy(() -> new Ring(size))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
            assertThatThrownBy(() -> new Ring(size, OverflowPolicy.DROP_OLDEST))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        }

        @Test
        void sizeEightIsTheSmallest() {
            Ring ring = new Ring(8);
            ring.put(1, new byte[4]);
            assertThat(ring.isFull()).isTrue();
            assertThat(ring.get()).isEqualTo(new Message(1, new byte[4]));
        }

        @Test
        void nullPolicy() {
            assertThatThrownBy(() -> new Ring(8, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("policy");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 65536, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void idOutOfRange(int id) {
            Ring ring = new Ring(64);
            byte[] ok = {1};
            assertThatThrownBy(() -> ring.put(id, ok))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> ring.offer(id, ok))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> ring.put(id, ok, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> ring.offer(id, ok, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> ring.pull(id))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThat(ring.used()).isZero();
        }

        @Test
        void idsAtTheEdgesAreFine() {
            Ring ring = new Ring(64);
            ring.put(1, new byte[0]);
            ring.put(65535, new byte[0]);
            assertThat(ring.list()).containsExactly(1, 65535);
            assertThat(ring.pull(65535).id()).isEqualTo(65535);
        }

        @Test
        void nullPayload() {
            Ring ring = new Ring(64);
            assertThatThrownBy(() -> ring.put(1, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("bytes");
            assertThatThrownBy(() -> ring.offer(1, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("bytes");
            assertThatThrownBy(() -> ring.put(1, null, 0, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("bytes");
            assertThatThrownBy(() -> ring.offer(1, null, 0, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("bytes");
        }

        @Test
        void payloadOf65536Bytes() {
            Ring ring = new Ring(200_000);
            byte[] tooLong = new byte[65536];
            assertThatThrownBy(() -> ring.put(1, tooLong))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
            assertThatThrownBy(() -> ring.offer(1, tooLong))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
            assertThatThrownBy(() -> ring.put(1, tooLong, 0, 65536))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
            assertThat(ring.used()).isZero();

            ring.put(1, new byte[65535]);
            assertThat(ring.used()).isEqualTo(65539);
            assertThat(ring.get().bytes()).hasSize(65535);
        }

        @Test
        void sliceOutOfBounds() {
            Ring ring = new Ring(64);
            byte[] b = new byte[4];
            assertThatThrownBy(() -> ring.put(1, b, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ring.offer(1, b, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ring.put(1, b, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void nullHandlerAndNegativeLimit() {
            Ring ring = new Ring(64);
            assertThatThrownBy(() -> ring.get((MessageHandler) null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("handler");
            assertThatThrownBy(() -> ring.drain(null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("handler");
            assertThatThrownBy(() -> ring.drain((id, b, o, l) -> { }, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        }
    }

    @Nested
    class Full {

        @Test
        void putThrowsBufferOverflowWithAMessageAndLeavesTheRingAsItWas() {
            Ring ring = new Ring(32);
            ring.put(1, new byte[20]); // 24 used, 8 free

            assertThatThrownBy(() -> ring.put(2, new byte[5]))
                    .isInstanceOf(BufferOverflowException.class)
                    .isInstanceOfSatisfying(RingFullException.class, e -> {
                        assertThat(e.needed()).isEqualTo(9);
                        assertThat(e.free()).isEqualTo(8);
                        assertThat(e.capacity()).isEqualTo(32);
                    })
                    .hasMessage("ring full: message needs 9 bytes, 8 of 32 free");
            assertThat(ring.list()).containsExactly(1);
            assertThat(ring.used()).isEqualTo(24);

            ring.put(2, new byte[4]); // exactly fills
            assertThat(ring.used()).isEqualTo(32);
        }

        @Test
        void offerReturnsFalseInsteadOfThrowing() {
            Ring ring = new Ring(32);
            assertThat(ring.offer(1, new byte[20])).isTrue();
            assertThat(ring.offer(2, new byte[5])).isFalse();
            assertThat(ring.offer(2, new byte[4])).isTrue();
            assertThat(ring.offer(3, new byte[0])).isFalse();
            assertThat(ring.list()).containsExactly(1, 2);
        }

        @Test
        void messageLargerThanTheRingNeverFits() {
            Ring ring = new Ring(16);
            assertThatThrownBy(() -> ring.put(1, new byte[13]))
                    .isInstanceOf(RingFullException.class)
                    .hasMessage("message needs 17 bytes, more than the ring's capacity of 16");
            assertThat(ring.offer(1, new byte[13])).isFalse();
            assertThat(ring.offer(1, new byte[12])).isTrue();
        }
    }

    @Nested
    class DropOldest {

        @Test
        void dropsOldestMessagesToMakeRoomAndCountsThem() {
            Ring ring = new Ring(32, OverflowPolicy.DROP_OLDEST);
            ring.put(1, new byte[4]); // 8
            ring.put(2, new byte[4]); // 16
            ring.put(3, new byte[4]); // 24
            ring.put(4, new byte[4]); // 32: full

            ring.put(5, new byte[10]); // needs 14: drops 1 and 2

            assertThat(ring.list()).containsExactly(3, 4, 5);
            assertThat(ring.droppedCount()).isEqualTo(2);
            assertThat(ring.used()).isEqualTo(8 + 8 + 14);
            assertThat(ring.offer(6, new byte[0])).isTrue(); // drops 3
            assertThat(ring.droppedCount()).isEqualTo(3);
            assertThat(ring.get().id()).isEqualTo(4);
        }

        @Test
        void pulledRecordsFreedOnTheWayAreNotCountedAsDropped() {
            Ring ring = new Ring(24, OverflowPolicy.DROP_OLDEST);
            ring.put(1, new byte[4]);
            ring.put(2, new byte[4]);
            ring.put(3, new byte[4]);
            ring.pull(2); // marked, still takes 8 bytes

            ring.put(4, new byte[8]); // needs 12: dropping 1 also reclaims the marked 2

            assertThat(ring.list()).containsExactly(3, 4);
            assertThat(ring.droppedCount()).isEqualTo(1);
            assertThat(ring.used()).isEqualTo(20);
        }

        @Test
        void messageLargerThanTheRingIsRefusedAndNothingIsDropped() {
            Ring ring = new Ring(16, OverflowPolicy.DROP_OLDEST);
            ring.put(1, new byte[2]);

            assertThatThrownBy(() -> ring.put(2, new byte[13])).isInstanceOf(RingFullException.class);
            assertThat(ring.offer(2, new byte[13])).isFalse();
            assertThat(ring.list()).containsExactly(1);
            assertThat(ring.droppedCount()).isZero();

            ring.put(3, new byte[12]); // the whole ring: drops 1
            assertThat(ring.list()).containsExactly(3);
            assertThat(ring.droppedCount()).isEqualTo(1);
        }

        @Test
        void rejectNeverDrops() {
            Ring ring = new Ring(16);
            ring.put(1, new byte[12]);
            assertThat(ring.offer(2, new byte[0])).isFalse();
            assertThat(ring.droppedCount()).isZero();
            assertThat(ring.overflowPolicy()).isEqualTo(OverflowPolicy.REJECT);
        }

        @Test
        void clearKeepsTheDroppedCount() {
            Ring ring = new Ring(8, OverflowPolicy.DROP_OLDEST);
            ring.put(1, new byte[0]);
            ring.put(2, new byte[0]);
            ring.put(3, new byte[0]);
            ring.clear();
            assertThat(ring.droppedCount()).isEqualTo(1);
            assertThat(ring.isEmpty()).isTrue();
        }
    }

    @Nested
    class PullAndLazyDeletion {

        @Test
        void pullTakesTheFirstOfDuplicateIds() {
            Ring ring = new Ring(64);
            ring.put(7, ascii("a"));
            ring.put(8, ascii("b"));
            ring.put(7, ascii("c"));

            assertThat(ring.pull(7)).isEqualTo(new Message(7, ascii("a")));
            assertThat(ring.pull(7)).isEqualTo(new Message(7, ascii("c")));
            assertThat(ring.pull(7)).isEqualTo(Message.NONE);
            assertThat(ring.list()).containsExactly(8);
            assertThat(ring.used()).isEqualTo(5 + 5); // the second 7 is marked, behind the live 8
        }

        @Test
        void pullingTheHeadReclaimsTheMarkedRecordsBehindIt() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("a"));
            ring.put(2, ascii("b"));
            ring.put(3, ascii("c"));
            ring.put(4, ascii("d"));
            ring.pull(2);
            ring.pull(3);
            assertThat(ring.used()).isEqualTo(20);

            ring.pull(1);

            assertThat(ring.used()).isEqualTo(5);
            assertThat(ring.peek()).contains(new Message(4, ascii("d")));
        }

        @Test
        void pullingEverythingEmptiesTheRing() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("a"));
            ring.put(2, ascii("b"));
            ring.pull(2);
            ring.pull(1);

            assertThat(ring.isEmpty()).isTrue();
            assertThat(ring.used()).isZero();
            assertThat(ring.get()).isEqualTo(Message.NONE);
        }

        @Test
        void isEmptyAgreesWithGetAfterPulls() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("a"));
            ring.put(2, ascii("b"));
            ring.pull(1);

            assertThat(ring.isEmpty()).isFalse();
            assertThat(ring.get().id()).isEqualTo(2);
            assertThat(ring.isEmpty()).isTrue();
            assertThat(ring.messageCount()).isZero();
        }
    }

    @Nested
    class Wrapping {

        /**
         * Every start position of a record in a 32-byte ring and every payload length that fits
         * next to a 4-byte message: header split 0..3 bytes before the end, payload split anywhere.
         * Checked through get(), peek(), pull(), and the handler path, whose offset shows the
         * layout: the payload starts 4 bytes after the record, modulo the capacity.
         */
        @Test
        void recordsWrapAroundTheEndAtEveryPosition() {
            int capacity = 32;
            for (int pos = 0; pos < capacity; pos++) {
                for (int len = 0; len <= capacity - 8; len++) {
                    String where = "pos=" + pos + " len=" + len;
                    Message expected = new Message(5, payload(pos * 100 + len, len));

                    Ring byGet = ringWritingAt(capacity, pos);
                    byGet.put(5, expected.bytes());
                    assertThat(byGet.used()).as(where).isEqualTo(8 + len);
                    assertThat(byGet.list()).as(where).containsExactly(99, 5);
                    assertThat(byGet.get().id()).as(where).isEqualTo(99);
                    assertThat(byGet.peek()).as(where).contains(expected);
                    assertThat(byGet.get()).as(where).isEqualTo(expected);
                    assertThat(byGet.used()).as(where).isZero();

                    Ring byPull = ringWritingAt(capacity, pos);
                    byPull.put(5, expected.bytes());
                    assertThat(byPull.pull(5)).as(where).isEqualTo(expected);
                    assertThat(byPull.used()).as(where).isEqualTo(8 + len); // marked, not at the read end

                    Ring byHandler = ringWritingAt(capacity, pos);
                    byHandler.put(5, expected.bytes());
                    byHandler.get();
                    Seen seen = take(byHandler);
                    assertThat(seen.message()).as(where).isEqualTo(expected);
                    int start = (pos + 4) % capacity;
                    if (start + len <= capacity) {
                        assertThat(seen.offset()).as(where + ": payload in place").isEqualTo(start);
                        assertThat(seen.buffer()).as(where).hasSize(capacity);
                    } else {
                        assertThat(seen.offset()).as(where + ": wrapped payload in scratch").isZero();
                    }
                }
            }
        }

        @Test
        void putSliceStoresOnlyTheSlice() {
            Ring ring = ringWritingAt(20, 18); // header wraps
            byte[] src = ascii("..abcdef..");
            ring.put(3, src, 2, 6);
            assertThat(ring.offer(4, src, 0, 0)).isTrue();
            ring.get();

            assertThat(ring.get()).isEqualTo(new Message(3, ascii("abcdef")));
            assertThat(ring.get()).isEqualTo(new Message(4, new byte[0]));
        }

        @Test
        void emptyRingStartsOverAtIndexZero() {
            Ring ring = new Ring(32);
            ring.put(1, new byte[10]);
            ring.get();
            ring.put(2, new byte[3]);

            Seen seen = take(ring);

            assertThat(seen.offset()).isEqualTo(4);
        }
    }

    @Nested
    class HandlerReadPath {

        @Test
        void getWithHandlerRemovesTheOldestMessage() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("one"));
            ring.put(2, ascii("two"));

            assertThat(take(ring).message()).isEqualTo(new Message(1, ascii("one")));
            assertThat(ring.list()).containsExactly(2);
            assertThat(take(ring).message()).isEqualTo(new Message(2, ascii("two")));
            assertThat(ring.get((id, b, o, l) -> { })).isFalse();
            assertThat(ring.used()).isZero();
        }

        @Test
        void contiguousPayloadsAreSlicesOfTheRingsOwnStorage() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("one"));
            ring.put(2, ascii("two"));

            Seen first = take(ring);
            Seen second = take(ring);

            assertThat(second.buffer()).isSameAs(first.buffer()).hasSize(64);
            assertThat(first.offset()).isEqualTo(4);
            assertThat(second.offset()).isEqualTo(11);
        }

        @Test
        void wrappedPayloadsShareOneScratchArray() {
            Ring ring = new Ring(32);
            ring.put(1, new byte[0]);
            Seen inPlace = take(ring);

            writeAt(ring, 26);
            ring.put(1, payload(1, 10)); // header 26..29, payload 30..31 + 0..7
            ring.get();
            Seen a = take(ring);
            writeAt(ring, 24);
            ring.put(2, payload(2, 9));  // header 24..27, payload 28..31 + 0..4
            ring.get();
            Seen b = take(ring);

            assertThat(a.message()).isEqualTo(new Message(1, payload(1, 10)));
            assertThat(b.message()).isEqualTo(new Message(2, payload(2, 9)));
            assertThat(a.offset()).isZero();
            assertThat(b.offset()).isZero();
            assertThat(a.buffer()).isNotSameAs(inPlace.buffer());
            assertThat(b.buffer()).isSameAs(a.buffer());
        }

        @Test
        void drainHandsOverEveryMessageInOrder() {
            Ring ring = new Ring(128);
            for (int i = 1; i <= 5; i++) {
                ring.put(i, payload(i, i * 3));
            }
            List<Message> seen = new ArrayList<>();

            int n = ring.drain((id, b, o, l) -> seen.add(new Message(id, Arrays.copyOfRange(b, o, o + l))));

            assertThat(n).isEqualTo(5);
            assertThat(seen).extracting(Message::id).containsExactly(1, 2, 3, 4, 5);
            for (Message m : seen) {
                assertThat(m.bytes()).isEqualTo(payload(m.id(), m.id() * 3));
            }
            assertThat(ring.isEmpty()).isTrue();
            assertThat(ring.drain((id, b, o, l) -> { })).isZero();
        }

        @Test
        void drainWithLimitStopsThere() {
            Ring ring = new Ring(128);
            for (int i = 1; i <= 5; i++) {
                ring.put(i, new byte[1]);
            }
            List<Integer> ids = new ArrayList<>();

            assertThat(ring.drain((id, b, o, l) -> ids.add(id), 2)).isEqualTo(2);
            assertThat(ring.drain((id, b, o, l) -> ids.add(id), 0)).isZero();

            assertThat(ids).containsExactly(1, 2);
            assertThat(ring.list()).containsExactly(3, 4, 5);
        }

        @Test
        void handlerMustNotChangeTheRingButMayQueryIt() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("a"));
            ring.put(2, ascii("b"));
            List<Object> seenInside = new ArrayList<>();

            ring.get((id, b, o, l) -> {
                seenInside.add(ring.list());
                seenInside.add(ring.used());
                seenInside.add(ring.peek().orElseThrow().id());
                for (Runnable change : List.<Runnable>of(
                        () -> ring.put(3, new byte[0]),
                        () -> ring.offer(3, new byte[0]),
                        ring::get,
                        () -> ring.get((i, x, y, z) -> { }),
                        () -> ring.pull(2),
                        () -> ring.drain((i, x, y, z) -> { }),
                        ring::clear)) {
                    assertThatThrownBy(change::run).isInstanceOf(IllegalStateException.class);
                }
            });

            assertThat(seenInside).containsExactly(List.of(2), 5, 2);
            assertThat(ring.list()).containsExactly(2);
            ring.put(3, new byte[0]); // usable again after the handler
            assertThat(ring.list()).containsExactly(2, 3);
        }

        @Test
        void aThrowingHandlerStillConsumesItsMessage() {
            Ring ring = new Ring(64);
            ring.put(1, ascii("poison"));
            ring.put(2, ascii("fine"));

            assertThatThrownBy(() -> ring.get((id, b, o, l) -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(ring.list()).containsExactly(2);
            ring.put(3, new byte[0]); // not stuck in handler mode
            assertThat(ring.get().id()).isEqualTo(2);
        }

        /**
         * put and get(handler) of 64-byte messages allocate nothing once warm (checked with the
         * JDK's per-thread allocation counter, where the JVM offers it).
         */
        @Test
        void putAndHandlerGetDoNotAllocate() {
            var threads = ManagementFactory.getThreadMXBean();
            assumeThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
            var counter = (com.sun.management.ThreadMXBean) threads;
            assumeThat(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled()).isTrue();

            Ring ring = new Ring(1000); // not a multiple of 68: payloads and headers wrap now and then
            byte[] msg = payload(3, 64);
            long[] sum = new long[1];
            MessageHandler handler = (id, b, o, l) -> sum[0] += id + b[o] + l;
            for (int i = 0; i < 20_000; i++) { // warm up, and grow the scratch array once
                ring.put(1 + (i & 0xFF), msg);
                ring.put(1, msg, 1, 60);
                ring.get(handler);
                ring.drain(handler);
            }

            long before = counter.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                ring.put(1 + (i & 0xFF), msg);
                ring.offer(2, msg, 1, 60);
                ring.get(handler);
                ring.drain(handler, 1);
            }
            long allocated = counter.getCurrentThreadAllocatedBytes() - before;

            assertThat(sum[0]).isPositive();
            assertThat(allocated).as("bytes allocated by 400,000 ring operations").isLessThan(10_000);
        }
    }

    @Test
    void toStringShowsCapacityUsedAndMessageCount() {
        Ring ring = new Ring(1024);
        ring.put(1, new byte[13]);
        assertThat(ring).hasToString("Ring[capacity=1024, used=17, messages=1, policy=REJECT, dropped=0]");

        Ring dropping = new Ring(8, OverflowPolicy.DROP_OLDEST);
        dropping.put(1, new byte[0]);
        dropping.put(2, new byte[0]);
        dropping.put(3, new byte[0]);
        dropping.pull(3);
        assertThat(dropping).hasToString("Ring[capacity=8, used=8, messages=1, policy=DROP_OLDEST, dropped=1]");
    }

    @Test
    void listIsAnUnmodifiableSnapshot() {
        Ring ring = new Ring(64);
        ring.put(1, new byte[0]);
        List<Integer> ids = ring.list();
        ring.put(2, new byte[0]);

        assertThat(ids).containsExactly(1);
        assertThatThrownBy(() -> ids.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void getHandsOutAFreshArrayThatIsTheCallers() {
        Ring ring = new Ring(64);
        byte[] original = ascii("abc");
        ring.put(1, original);
        original[0] = 'X'; // the ring copied it

        Message m = ring.get();
        m.bytes()[1] = 'Y'; // the caller owns the returned array

        assertThat(m.text()).isEqualTo("aYc");
        ring.put(1, ascii("abc"));
        assertThat(ring.get().text()).isEqualTo("abc");
    }

    @Test
    void freeAndMessageCount() {
        Ring ring = new Ring(64);
        ring.put(1, new byte[6]);
        ring.put(2, new byte[0]);
        ring.pull(2);

        assertThat(ring.free()).isEqualTo(64 - 14);
        assertThat(ring.messageCount()).isEqualTo(1);
        assertThat(ring.capacity()).isEqualTo(64);
    }
}
