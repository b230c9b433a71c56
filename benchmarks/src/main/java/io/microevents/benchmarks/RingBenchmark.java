package io.microevents.benchmarks;

import io.microevents.Message;
import io.microevents.Ring;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread: put one message, then take it out again; the score is messages per microsecond.
 * The ring holds at most one message, so this is the cost of the two calls themselves.
 *
 * <ul>
 *   <li>{@link #ringGet}: {@link Ring#put(int, byte[])} + {@link Ring#get()} (a new payload array
 *       and {@link Message} per message).</li>
 *   <li>{@link #ringGetHandler}: {@link Ring#put(int, byte[])} + {@link Ring#get(io.microevents.MessageHandler)},
 *       the zero-allocation read path; the handler reads the payload in place.</li>
 *   <li>{@link #arrayBlockingQueue}: {@code ArrayBlockingQueue<byte[]>} {@code offer} +
 *       {@code poll} of the caller's array (a reference handoff: no copy).</li>
 *   <li>{@link #arrayBlockingQueueCopy}: the same, offering a copy of the payload: what a producer
 *       that reuses its buffer must do, and the guarantee {@link Ring} gives.</li>
 *   <li>{@link #agronaOneToOne}: Agrona's lock-free single-producer single-consumer
 *       {@code OneToOneRingBuffer}: {@code write} + {@code read} of one message, read in place.</li>
 * </ul>
 * Every ring has 64 KiB of storage; the queue holds up to 1024 arrays.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RingBenchmark {

    static final int CAPACITY = 64 * 1024;

    /** Payload length in bytes. */
    @Param({"16", "64", "256"})
    public int payload;

    byte[] bytes;
    Ring ring;
    ArrayBlockingQueue<byte[]> queue;
    OneToOneRingBuffer agrona;
    UnsafeBuffer source;
    long sink;
    final io.microevents.MessageHandler ringHandler = (id, buffer, offset, length) ->
            sink += id + length + buffer[offset];
    final org.agrona.concurrent.MessageHandler agronaHandler = (type, buffer, index, length) ->
            sink += type + length + buffer.getByte(index);

    /** Makes the payload and the three containers. */
    @Setup(Level.Trial)
    public void setUp() {
        bytes = new byte[payload];
        for (int i = 0; i < payload; i++) {
            bytes[i] = (byte) (i + 1);
        }
        ring = new Ring(CAPACITY);
        queue = new ArrayBlockingQueue<>(1024);
        agrona = newAgrona(CAPACITY);
        source = new UnsafeBuffer(bytes);
    }

    static OneToOneRingBuffer newAgrona(int capacity) {
        return new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * {@code put} + {@code get()}.
     *
     * @return the message taken out
     */
    @Benchmark
    public Message ringGet() {
        ring.put(1, bytes);
        return ring.get();
    }

    /**
     * {@code put} + {@code get(handler)}.
     *
     * @return whether a message was handled
     */
    @Benchmark
    public boolean ringGetHandler() {
        ring.put(1, bytes);
        return ring.get(ringHandler);
    }

    /**
     * {@code offer} + {@code poll} of the caller's array.
     *
     * @return the array taken out
     */
    @Benchmark
    public byte[] arrayBlockingQueue() {
        queue.offer(bytes);
        return queue.poll();
    }

    /**
     * {@code offer} of a copy + {@code poll}.
     *
     * @return the array taken out
     */
    @Benchmark
    public byte[] arrayBlockingQueueCopy() {
        queue.offer(bytes.clone());
        return queue.poll();
    }

    /**
     * {@code write} + {@code read} of one message.
     *
     * @return messages read (1)
     */
    @Benchmark
    public int agronaOneToOne() {
        agrona.write(1, source, 0, payload);
        return agrona.read(agronaHandler, 1);
    }
}
