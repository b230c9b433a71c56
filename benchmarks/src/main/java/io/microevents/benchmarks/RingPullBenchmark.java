package io.microevents.benchmarks;

import io.microevents.Message;
import io.microevents.Ring;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * {@code pull(id)} behind {@code depth} messages of 64 bytes: the id asked for is not there, so
 * each call scans all {@code depth} records (the worst case) and leaves the ring as it was, which
 * keeps every call the same. Score: nanoseconds per call.
 *
 * <ul>
 *   <li>{@link #ring}: {@link Ring#pull(int)}.</li>
 *   <li>{@link #arrayBlockingQueue}: the same search in an {@code ArrayBlockingQueue<Message>}:
 *       iterate, remove the first message with the id.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RingPullBenchmark {

    private static final int PAYLOAD = 64;
    private static final int MISSING_ID = 65_535;

    /** Messages in front of (and instead of) the one asked for. */
    @Param({"100", "1000"})
    public int depth;

    Ring ring;
    ArrayBlockingQueue<Message> queue;

    /** Fills both with {@code depth} messages, ids 1..depth. */
    @Setup(Level.Trial)
    public void setUp() {
        ring = new Ring(depth * (Ring.HEADER_BYTES + PAYLOAD) + Ring.HEADER_BYTES);
        queue = new ArrayBlockingQueue<>(depth);
        for (int id = 1; id <= depth; id++) {
            byte[] bytes = new byte[PAYLOAD];
            ring.put(id, bytes);
            queue.add(new Message(id, bytes));
        }
    }

    /**
     * {@code pull} of an id that is not there.
     *
     * @return {@link Message#NONE}
     */
    @Benchmark
    public Message ring() {
        return ring.pull(MISSING_ID);
    }

    /**
     * Iterate the queue for the first message with an id that is not there.
     *
     * @return {@link Message#NONE}
     */
    @Benchmark
    public Message arrayBlockingQueue() {
        for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (m.id() == MISSING_ID) {
                it.remove();
                return m;
            }
        }
        return Message.NONE;
    }
}
