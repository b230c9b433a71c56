package io.microevents.benchmarks;

import io.microevents.Message;
import io.microevents.Ring;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * Two threads: one producer puts messages as fast as it can, one consumer takes them out (JMH
 * groups). Both spin when the container is full or empty. The group's score counts the calls of
 * both threads; the consumer's line ({@code ...Get}, {@code ...Poll}, {@code ...Read}) is the
 * message rate.
 *
 * <ul>
 *   <li>{@code ring}: {@link Ring#offer(int, byte[])} / {@link Ring#get()}.</li>
 *   <li>{@code ringHandler}: {@link Ring#offer(int, byte[])} /
 *       {@link Ring#get(io.microevents.MessageHandler)}, the zero-allocation read path.</li>
 *   <li>{@code arrayBlockingQueue}: {@code ArrayBlockingQueue<byte[]>} {@code offer} of the
 *       caller's array (no copy) / {@code poll}.</li>
 *   <li>{@code agrona}: Agrona's {@code OneToOneRingBuffer} {@code write} / {@code read}.</li>
 * </ul>
 * Every ring has 64 KiB of storage; the queue holds as many arrays as 64 KiB of records would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingSpscBenchmark {

    /** The containers one group shares, made fresh for each trial. */
    @State(Scope.Group)
    public static class Shared {

        /** Payload length in bytes. */
        @Param({"16", "64", "256"})
        public int payload;

        byte[] bytes;
        Ring ring;
        ArrayBlockingQueue<byte[]> queue;
        OneToOneRingBuffer agrona;
        UnsafeBuffer source;

        /** Makes the payload and the containers. */
        @Setup(Level.Trial)
        public void setUp() {
            bytes = new byte[payload];
            for (int i = 0; i < payload; i++) {
                bytes[i] = (byte) (i + 1);
            }
            ring = new Ring(RingBenchmark.CAPACITY);
            queue = new ArrayBlockingQueue<>(RingBenchmark.CAPACITY / (Ring.HEADER_BYTES + payload));
            agrona = RingBenchmark.newAgrona(RingBenchmark.CAPACITY);
            source = new UnsafeBuffer(bytes);
        }
    }

    /** The consumer's sink, so reads in place cannot be dropped. */
    @State(Scope.Thread)
    public static class Consumer {
        long sink;
        final io.microevents.MessageHandler ringHandler = (id, buffer, offset, length) ->
                sink += id + length + buffer[offset];
        final org.agrona.concurrent.MessageHandler agronaHandler = (type, buffer, index, length) ->
                sink += type + length + buffer.getByte(index);
    }

    /**
     * Producer: {@code offer} until it fits.
     *
     * @param s the ring
     * @param c stops the spin when the iteration ends
     */
    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    public void ringPut(Shared s, Control c) {
        while (!s.ring.offer(1, s.bytes) && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    /**
     * Consumer: {@code get()} until there is a message.
     *
     * @param s the ring
     * @param c stops the spin when the iteration ends
     * @return the message
     */
    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    public Message ringGet(Shared s, Control c) {
        Message m;
        while ((m = s.ring.get()).isNone() && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
        return m;
    }

    /**
     * Producer: {@code offer} until it fits.
     *
     * @param s the ring
     * @param c stops the spin when the iteration ends
     */
    @Benchmark
    @Group("ringHandler")
    @GroupThreads(1)
    public void ringHandlerPut(Shared s, Control c) {
        ringPut(s, c);
    }

    /**
     * Consumer: {@code get(handler)} until there is a message.
     *
     * @param s the ring
     * @param k the handler
     * @param c stops the spin when the iteration ends
     */
    @Benchmark
    @Group("ringHandler")
    @GroupThreads(1)
    public void ringHandlerGet(Shared s, Consumer k, Control c) {
        while (!s.ring.get(k.ringHandler) && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    /**
     * Producer: {@code offer} until it fits.
     *
     * @param s the queue
     * @param c stops the spin when the iteration ends
     */
    @Benchmark
    @Group("arrayBlockingQueue")
    @GroupThreads(1)
    public void arrayBlockingQueueOffer(Shared s, Control c) {
        while (!s.queue.offer(s.bytes) && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    /**
     * Consumer: {@code poll} until there is an array.
     *
     * @param s the queue
     * @param c stops the spin when the iteration ends
     * @return the array
     */
    @Benchmark
    @Group("arrayBlockingQueue")
    @GroupThreads(1)
    public byte[] arrayBlockingQueuePoll(Shared s, Control c) {
        byte[] b;
        while ((b = s.queue.poll()) == null && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
        return b;
    }

    /**
     * Producer: {@code write} until it fits.
     *
     * @param s the ring
     * @param c stops the spin when the iteration ends
     */
    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public void agronaWrite(Shared s, Control c) {
        while (!s.agrona.write(1, s.source, 0, s.payload) && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    /**
     * Consumer: {@code read} until there is a message.
     *
     * @param s the ring
     * @param k the handler
     * @param c stops the spin when the iteration ends
     */
    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public void agronaRead(Shared s, Consumer k, Control c) {
        while (s.agrona.read(k.agronaHandler, 1) == 0 && !c.stopMeasurement) {
            Thread.onSpinWait();
        }
    }
}
