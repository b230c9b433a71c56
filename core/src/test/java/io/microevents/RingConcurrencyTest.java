package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One producer thread and one consumer thread pass a million messages of 0..64 bytes through a
 * small ring. Every message's id, length and content are derived from its sequence number, so the
 * consumer checks that all arrive, in order, byte for byte. The producer retries {@code offer()}
 * while the ring is full; both threads spin briefly, then yield. Waits are bounded (join with a
 * timeout); nothing sleeps.
 */
class RingConcurrencyTest {

    private static final int MESSAGES = 1_000_000;
    private static final long TIMEOUT_SECONDS = 60;
    /** Not a multiple of any record size, so records keep landing across the end. */
    private static final int RING_SIZE = 1000;

    private static long mix(long seq) {
        long x = seq * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 31);
    }

    static int idOf(long seq) {
        return (int) (seq % Ring.MAX_ID) + 1;
    }

    static int lengthOf(long seq) {
        return (int) Long.remainderUnsigned(mix(seq), 65);
    }

    static byte byteOf(long seq, int index) {
        return (byte) (mix(seq) >>> (index & 31) ^ index);
    }

    private static void fill(byte[] dst, long seq, int length) {
        for (int i = 0; i < length; i++) {
            dst[i] = byteOf(seq, i);
        }
    }

    /** Throws if the message does not match sequence number {@code seq}. */
    private static void verify(long seq, int id, byte[] buffer, int offset, int length) {
        if (id != idOf(seq) || length != lengthOf(seq)) {
            throw new AssertionError("message " + seq + ": expected id " + idOf(seq) + " and " + lengthOf(seq)
                    + " bytes, got id " + id + " and " + length + " bytes");
        }
        for (int i = 0; i < length; i++) {
            if (buffer[offset + i] != byteOf(seq, i)) {
                throw new AssertionError("message " + seq + ": byte " + i + " differs");
            }
        }
    }

    /** Waits for a condition: spins a little, then yields. */
    private static final class Backoff {
        private int spins;

        void idle() {
            if (++spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }

        void reset() {
            spins = 0;
        }
    }

    /** Runs producer and consumer, waits at most TIMEOUT_SECONDS, rethrows what either threw. */
    private static void runPair(Ring ring, ConsumerLoop consumerLoop) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] consumed = new long[1];

        Thread producer = new Thread(() -> {
            try {
                byte[] payload = new byte[64];
                Backoff backoff = new Backoff();
                for (long seq = 0; seq < MESSAGES && !stop.get(); seq++) {
                    int length = lengthOf(seq);
                    fill(payload, seq, length);
                    while (!ring.offer(idOf(seq), payload, 0, length)) {
                        if (stop.get()) {
                            return;
                        }
                        backoff.idle();
                    }
                    backoff.reset();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                stop.set(true);
            }
        }, "ring-producer");

        Thread consumer = new Thread(() -> {
            try {
                consumed[0] = consumerLoop.run(ring, stop);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                stop.set(true);
            }
        }, "ring-consumer");

        producer.start();
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        producer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        consumer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        boolean timedOut = producer.isAlive() || consumer.isAlive();
        if (timedOut) {
            stop.set(true);
            producer.join(TimeUnit.SECONDS.toMillis(5));
            consumer.join(TimeUnit.SECONDS.toMillis(5));
        }

        if (failure.get() != null) {
            throw new AssertionError("a thread failed", failure.get());
        }
        assertThat(timedOut).as("finished within %d s (consumed %d of %d)", TIMEOUT_SECONDS, consumed[0], MESSAGES)
                .isFalse();
        assertThat(consumed[0]).isEqualTo(MESSAGES);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.used()).isZero();
        assertThat(ring.droppedCount()).isZero();
    }

    @FunctionalInterface
    private interface ConsumerLoop {
        long run(Ring ring, AtomicBoolean stop);
    }

    @Test
    void aMillionMessagesArriveInOrderThroughGet() throws InterruptedException {
        runPair(new Ring(RING_SIZE), (ring, stop) -> {
            Backoff backoff = new Backoff();
            long seq = 0;
            while (seq < MESSAGES && !stop.get()) {
                Message m = ring.get();
                if (m.isNone()) {
                    backoff.idle();
                    continue;
                }
                backoff.reset();
                verify(seq, m.id(), m.bytes(), 0, m.length());
                seq++;
            }
            return seq;
        });
    }

    @Test
    void aMillionMessagesArriveInOrderThroughTheHandlerPath() throws InterruptedException {
        runPair(new Ring(RING_SIZE), (ring, stop) -> {
            Backoff backoff = new Backoff();
            long[] seq = new long[1];
            MessageHandler check = (id, buffer, offset, length) -> verify(seq[0]++, id, buffer, offset, length);
            while (seq[0] < MESSAGES && !stop.get()) {
                if (ring.drain(check, 32) == 0) {
                    backoff.idle();
                } else {
                    backoff.reset();
                }
            }
            return seq[0];
        });
    }
}
