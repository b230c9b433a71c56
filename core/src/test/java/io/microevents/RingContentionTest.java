package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Several producers and several consumers on one small ring, under both overflow policies, with
 * every reading call mixed in ({@code get()}, {@code get(handler)}, {@code drain}, {@code pull}),
 * and a thread that has to wait for the lock while a handler holds it. Every payload carries its
 * producer and sequence number and bytes derived from them, so the test checks that no message is
 * torn, none is lost or duplicated (taken + dropped + left = put), and each consumer sees each
 * producer's messages in order. Waits are bounded joins; nothing sleeps.
 */
class RingContentionTest {

    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 3;
    private static final int PER_PRODUCER = 100_000;
    private static final long TIMEOUT_SECONDS = 60;
    /** Not a multiple of any record size, so records keep landing across the end. */
    private static final int RING_SIZE = 700;

    /** Payload: producer (1 byte), sequence (4 bytes), then 0..40 bytes derived from both. */
    private static int write(byte[] dst, int producer, int seq) {
        int extra = Math.floorMod(seq * 31 + producer, 41);
        ByteBuffer.wrap(dst).put((byte) producer).putInt(seq);
        for (int i = 0; i < extra; i++) {
            dst[5 + i] = (byte) (seq ^ (i * 7) ^ producer);
        }
        return 5 + extra;
    }

    /** Checks a payload; returns producer << 32 | seq. */
    private static long check(int id, byte[] buf, int off, int len) {
        if (len < 5) {
            throw new AssertionError("torn message: " + len + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        int producer = b.get();
        int seq = b.getInt();
        if (id != producer + 1 || len != 5 + Math.floorMod(seq * 31 + producer, 41)) {
            throw new AssertionError("torn message: id " + id + ", producer " + producer + ", seq " + seq
                    + ", " + len + " bytes");
        }
        for (int i = 5; i < len; i++) {
            if (buf[off + i] != (byte) (seq ^ ((i - 5) * 7) ^ producer)) {
                throw new AssertionError("torn message: producer " + producer + ", seq " + seq + ", byte " + i);
            }
        }
        return (long) producer << 32 | seq;
    }

    private static void idle(int spins) {
        if (spins < 64) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private static void run(OverflowPolicy policy) throws InterruptedException {
        Ring ring = new Ring(RING_SIZE, policy);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong taken = new AtomicLong();
        List<Thread> producers = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();

        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(new Thread(() -> {
                try {
                    byte[] payload = new byte[64];
                    for (int seq = 0; seq < PER_PRODUCER && !stop.get(); seq++) {
                        int len = write(payload, producer, seq);
                        for (int spins = 0; !ring.offer(producer + 1, payload, 0, len); spins++) {
                            if (stop.get()) {
                                return;
                            }
                            idle(spins);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    stop.set(true);
                }
            }, "ring-producer-" + p));
        }
        for (int c = 0; c < CONSUMERS; c++) {
            int consumer = c;
            consumers.add(new Thread(() -> {
                try {
                    long[] last = new long[PRODUCERS];
                    java.util.Arrays.fill(last, -1);
                    MessageHandler handler = (id, buf, off, len) -> seen(last, check(id, buf, off, len));
                    int spins = 0;
                    for (long round = consumer; !stop.get(); round++) {
                        int n;
                        switch ((int) (round % 4)) {
                            case 0 -> {
                                Message m = ring.get();
                                n = m.isNone() ? 0 : 1;
                                if (n == 1) {
                                    seen(last, check(m.id(), m.bytes(), 0, m.length()));
                                }
                            }
                            case 1 -> n = ring.get(handler) ? 1 : 0;
                            case 2 -> n = ring.drain(handler, 8);
                            default -> {
                                Message m = ring.pull((int) (round / 4 % PRODUCERS) + 1);
                                n = m.isNone() ? 0 : 1;
                                if (n == 1) {
                                    seen(last, check(m.id(), m.bytes(), 0, m.length()));
                                }
                            }
                        }
                        taken.addAndGet(n);
                        if (n == 0) {
                            if (!producing.get() && ring.isEmpty()) {
                                return;
                            }
                            idle(spins++);
                        } else {
                            spins = 0;
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    stop.set(true);
                }
            }, "ring-consumer-" + c));
        }

        producers.forEach(Thread::start);
        consumers.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (Thread t : producers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        producing.set(false);
        for (Thread t : consumers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        boolean timedOut = producers.stream().anyMatch(Thread::isAlive) || consumers.stream().anyMatch(Thread::isAlive);
        stop.set(true);
        if (failure.get() != null) {
            throw new AssertionError("a thread failed", failure.get());
        }
        assertThat(timedOut).as("finished within %d s", TIMEOUT_SECONDS).isFalse();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.used()).isZero();
        assertThat(taken.get() + ring.droppedCount()).isEqualTo((long) PRODUCERS * PER_PRODUCER);
        if (policy == OverflowPolicy.REJECT) {
            assertThat(ring.droppedCount()).isZero();
        }
    }

    /** Records that a consumer saw {@code key}; each producer's messages must arrive in order. */
    private static void seen(long[] last, long key) {
        int producer = (int) (key >>> 32);
        int seq = (int) key;
        if (seq <= last[producer]) {
            throw new AssertionError("producer " + producer + ": seq " + seq + " after " + last[producer]);
        }
        last[producer] = seq;
    }

    @Test
    void manyProducersAndConsumersLoseNothingWhenFullOffersAreRefused() throws InterruptedException {
        run(OverflowPolicy.REJECT);
    }

    @Test
    void manyProducersAndConsumersCountEveryDropUnderDropOldest() throws InterruptedException {
        run(OverflowPolicy.DROP_OLDEST);
    }

    /** Waits, spinning then yielding, until {@code t} blocks or parks; bounded by the test's timeout. */
    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (int spins = 0; ; spins++) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("thread parks").isNegative();
            idle(spins);
        }
    }

    @Test
    void aPutThatWaitsForAHandlerGetsInAfterItAndKeepsItsInterrupt() throws InterruptedException {
        Ring ring = new Ring(64);
        ring.put(1, new byte[] {1, 2, 3});
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            started.countDown();
            try {
                ring.put(2, new byte[] {4, 5});
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "ring-waiting-producer");

        boolean handled = ring.get((id, buffer, offset, length) -> {
            producer.start();
            try {
                started.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            awaitWaiting(producer); // blocked on the lock this handler holds
            producer.interrupt();
            assertThat(ring.messageCount()).as("the waiting put has not got in").isZero();
        });

        producer.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(handled).isTrue();
        assertThat(producer.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(interruptKept.get()).isTrue();
        assertThat(ring.get()).isEqualTo(new Message(2, new byte[] {4, 5}));
    }
}
