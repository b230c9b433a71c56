package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model-based test: random sequences of operations run against a {@link Ring} and against a
 * simple reference model (a list of records with a "marked" flag, plus byte accounting), and every
 * observable is compared after every step: return values, exceptions, {@code list()},
 * {@code isEmpty()}, {@code isFull()}, {@code used()}, {@code free()}, {@code messageCount()},
 * {@code droppedCount()}, {@code peek()}, {@code toString()}.
 *
 * <p>The model also tracks where each record starts in the storage (records follow each other,
 * modulo the capacity; an empty ring starts over at 0), so the handler read path's offsets check
 * the physical layout, and the test counts how often headers and payloads wrapped around the end.
 *
 * <p>Runs are seeded and reproducible. A failing run is shrunk (operations are removed while the
 * failure persists) and reported with its seed, ring size, policy and the shortest failing
 * sequence found.
 */
class RingModelTest {

    private static final int RUNS = 3_000;
    private static final long BASE_SEED = 0x5EED_0F_2B1DL;

    enum Kind { PUT, OFFER, PUT_SLICE, OFFER_SLICE, PUT_NULL, GET, GET_HANDLER, DRAIN, PEEK, PULL, LIST, CLEAR }

    /** One step. {@code tag} makes each payload's content distinct. */
    record Op(Kind kind, int id, int length, int tag) {
        @Override
        public String toString() {
            return switch (kind) {
                case PUT, OFFER, PUT_SLICE, OFFER_SLICE -> kind + "(" + id + ", " + length + "B)";
                case PUT_NULL -> kind + "(" + id + ")";
                case PULL -> "PULL(" + id + ")";
                case DRAIN -> "DRAIN(limit " + length + ")";
                default -> kind.toString();
            };
        }

        byte[] payload() {
            if (length > Ring.MAX_PAYLOAD + 1) {
                throw new IllegalStateException("generator bug");
            }
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                b[i] = (byte) (tag * 131 + i * 17 + 3);
            }
            return b;
        }
    }

    /** A scenario: ring size, policy, operations. */
    record Scenario(long seed, int size, OverflowPolicy policy, List<Op> ops) {
        @Override
        public String toString() {
            return "seed=" + seed + ", new Ring(" + size + ", " + policy + "), " + ops.size() + " ops: " + ops;
        }
    }

    /**
     * Counts over all runs of a policy, checked against floors so that a change to the generator
     * cannot silently stop reaching wrapped records, refusals, drops or reclaimed marks.
     */
    private static final class Coverage {
        int headerWraps;
        int payloadWraps;
        int drops;
        int refusals;
        int markedReclaims;

        @Override
        public String toString() {
            return "headerWraps=" + headerWraps + ", payloadWraps=" + payloadWraps + ", drops=" + drops
                    + ", refusals=" + refusals + ", markedReclaims=" + markedReclaims;
        }
    }

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void ringBehavesLikeTheModel(OverflowPolicy policy) {
        Coverage coverage = new Coverage();
        for (int run = 0; run < RUNS; run++) {
            long seed = BASE_SEED + run * 7919L + policy.ordinal();
            Scenario scenario = generate(seed, policy);
            AssertionError failure = execute(scenario, coverage);
            if (failure != null) {
                Scenario smallest = shrink(scenario);
                AssertionError cause = Objects.requireNonNullElse(execute(smallest, new Coverage()), failure);
                throw new AssertionError("Ring differs from the model.\n  shrunk: " + smallest
                        + "\n  original: " + scenario + "\n  " + cause.getMessage(), cause);
            }
        }
        String counts = policy + ": " + coverage;
        assertThat(coverage.headerWraps).as("headers that wrapped, " + counts).isGreaterThan(200);
        assertThat(coverage.payloadWraps).as("payloads that wrapped, " + counts).isGreaterThan(200);
        assertThat(coverage.refusals).as("puts refused for room, " + counts).isGreaterThan(1000);
        assertThat(coverage.markedReclaims).as("marked records reclaimed, " + counts).isGreaterThan(200);
        if (policy == OverflowPolicy.DROP_OLDEST) {
            assertThat(coverage.drops).as("messages dropped, " + counts).isGreaterThan(1000);
        }
    }

    // ---------------------------------------------------------------- generation

    private static Scenario generate(long seed, OverflowPolicy policy) {
        SplittableRandom r = new SplittableRandom(seed);
        int size = switch (r.nextInt(4)) {
            case 0 -> 8 + r.nextInt(8);     // tiny: almost every record wraps
            case 1 -> 16 + r.nextInt(48);
            case 2 -> 64 + r.nextInt(200);
            default -> 8 + r.nextInt(40);
        };
        int count = 1 + r.nextInt(80);
        List<Op> ops = new ArrayList<>(count);
        for (int tag = 1; tag <= count; tag++) {
            ops.add(randomOp(r, size, tag));
        }
        return new Scenario(seed, size, policy, ops);
    }

    private static Op randomOp(SplittableRandom r, int size, int tag) {
        int k = r.nextInt(100);
        Kind kind = k < 18 ? Kind.PUT
                : k < 28 ? Kind.OFFER
                : k < 32 ? Kind.PUT_SLICE
                : k < 35 ? Kind.OFFER_SLICE
                : k < 36 ? Kind.PUT_NULL
                : k < 56 ? Kind.GET
                : k < 66 ? Kind.GET_HANDLER
                : k < 69 ? Kind.DRAIN
                : k < 74 ? Kind.PEEK
                : k < 88 ? Kind.PULL
                : k < 98 ? Kind.LIST
                : Kind.CLEAR;
        int length = switch (kind) {
            case PUT, OFFER, PUT_SLICE, OFFER_SLICE -> randomLength(r, size);
            case DRAIN -> r.nextInt(4);
            default -> 0;
        };
        return new Op(kind, randomId(r), length, tag);
    }

    private static int randomId(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 85) {
            return 1 + r.nextInt(4); // few ids: duplicates and pull hits are common
        }
        if (k < 93) {
            return Ring.MAX_ID;
        }
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Ring.MAX_ID + 1;
            default -> Integer.MIN_VALUE;
        };
    }

    private static int randomLength(SplittableRandom r, int size) {
        int k = r.nextInt(100);
        if (k < 20) {
            return 0;
        }
        if (k < 65) {
            return r.nextInt(Math.min(9, size));
        }
        if (k < 85) {
            return r.nextInt(size / 2);
        }
        if (k < 93) {
            return r.nextInt(size + 1);       // up to 4 more than ever fits
        }
        if (k < 97) {
            return size - Ring.HEADER_BYTES;  // exactly the whole ring
        }
        if (k < 99) {
            return size - Ring.HEADER_BYTES + 1; // one byte too many, ever
        }
        return Ring.MAX_PAYLOAD + 1;          // invalid argument
    }

    // ---------------------------------------------------------------- shrinking

    /** Removes operations, one at a time, while the scenario still fails; repeats to a fixpoint. */
    private static Scenario shrink(Scenario failing) {
        Scenario current = failing;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = current.ops().size() - 1; i >= 0; i--) {
                List<Op> fewer = new ArrayList<>(current.ops());
                fewer.remove(i);
                Scenario candidate = new Scenario(current.seed(), current.size(), current.policy(), fewer);
                if (execute(candidate, new Coverage()) != null) {
                    current = candidate;
                    progress = true;
                }
            }
        }
        return current;
    }

    // ---------------------------------------------------------------- execution

    /** Runs the scenario; returns the first difference, or null. */
    private static AssertionError execute(Scenario scenario, Coverage coverage) {
        Ring ring = new Ring(scenario.size(), scenario.policy());
        Model model = new Model(scenario.size(), scenario.policy(), coverage);
        int step = 0;
        try {
            for (Op op : scenario.ops()) {
                step++;
                Outcome actual = Outcome.of(() -> apply(ring, op));
                Outcome expected = Outcome.of(() -> model.apply(op));
                compare("step " + step + " " + op, actual, expected);
                compareState("after step " + step + " " + op, ring, model);
            }
            return null;
        } catch (AssertionError e) {
            return e;
        }
    }

    /** What an operation returned or threw. */
    record Outcome(Object value, Throwable thrown) {
        static Outcome of(Supplier<Object> call) {
            try {
                return new Outcome(call.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e);
            }
        }
    }

    private static void compare(String where, Outcome actual, Outcome expected) {
        if (expected.thrown() != null) {
            assertThat(actual.thrown()).as(where + ": ring returned %s", actual.value())
                    .isInstanceOf(expected.thrown().getClass());
            assertThat(actual.thrown().getMessage()).as(where).contains(expected.thrown().getMessage());
            if (expected.thrown() instanceof RingFullException e) {
                RingFullException a = (RingFullException) actual.thrown();
                assertThat(List.of(a.needed(), a.free(), a.capacity())).as(where)
                        .isEqualTo(List.of(e.needed(), e.free(), e.capacity()));
            }
        } else {
            if (actual.thrown() != null) {
                throw new AssertionError(where + ": ring threw, model returned " + expected.value(), actual.thrown());
            }
            assertThat(actual.value()).as(where).isEqualTo(expected.value());
        }
    }

    private static void compareState(String where, Ring ring, Model model) {
        assertThat(ring.list()).as(where + ": list()").isEqualTo(model.list());
        assertThat(ring.used()).as(where + ": used()").isEqualTo(model.used);
        assertThat(ring.free()).as(where + ": free()").isEqualTo(model.capacity - model.used);
        assertThat(ring.messageCount()).as(where + ": messageCount()").isEqualTo(model.list().size());
        assertThat(ring.isEmpty()).as(where + ": isEmpty()").isEqualTo(model.list().isEmpty());
        assertThat(ring.isFull()).as(where + ": isFull()").isEqualTo(model.capacity - model.used < 4);
        assertThat(ring.droppedCount()).as(where + ": droppedCount()").isEqualTo(model.dropped);
        assertThat(ring.peek()).as(where + ": peek()").isEqualTo(model.peek());
        assertThat(ring.capacity()).as(where + ": capacity()").isEqualTo(model.capacity);
        assertThat(ring.toString()).as(where + ": toString()").isEqualTo("Ring[capacity=" + model.capacity
                + ", used=" + model.used + ", messages=" + model.list().size()
                + ", policy=" + model.policy + ", dropped=" + model.dropped + "]");
    }

    /** A message as the handler path delivered it: where the slice was, and a copy of its bytes. */
    record Delivered(Message message, boolean inStorage, int offset) { }

    private static Object apply(Ring ring, Op op) {
        return switch (op.kind()) {
            case PUT -> {
                ring.put(op.id(), op.payload());
                yield "stored";
            }
            case OFFER -> ring.offer(op.id(), op.payload());
            case PUT_SLICE -> {
                ring.put(op.id(), framed(op.payload()), 3, op.length());
                yield "stored";
            }
            case OFFER_SLICE -> ring.offer(op.id(), framed(op.payload()), 3, op.length());
            case PUT_NULL -> {
                ring.put(op.id(), null);
                yield "stored";
            }
            case GET -> ring.get();
            case GET_HANDLER -> {
                List<Delivered> out = new ArrayList<>();
                boolean got = ring.get((id, buffer, offset, length) -> out.add(deliver(ring, id, buffer, offset, length)));
                yield got ? out : "empty";
            }
            case DRAIN -> {
                List<Delivered> out = new ArrayList<>();
                int n = ring.drain((id, buffer, offset, length) -> out.add(deliver(ring, id, buffer, offset, length)), op.length());
                yield List.of(n, out);
            }
            case PEEK -> ring.peek();
            case PULL -> ring.pull(op.id());
            case LIST -> ring.list();
            case CLEAR -> {
                ring.clear();
                yield "cleared";
            }
        };
    }

    /** The payload inside a larger array, at offset 3, with junk around it. */
    private static byte[] framed(byte[] payload) {
        byte[] b = new byte[payload.length + 5];
        Arrays.fill(b, (byte) 0x5A);
        System.arraycopy(payload, 0, b, 3, payload.length);
        return b;
    }

    private static Delivered deliver(Ring ring, int id, byte[] buffer, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(buffer, offset, offset + length);
        boolean inStorage = buffer.length == ring.capacity() && offset + length <= buffer.length;
        return new Delivered(new Message(id, copy), inStorage, inStorage ? offset : 0);
    }

    // ---------------------------------------------------------------- the reference model

    /** A record of the model: where it starts in the storage, and whether pull() marked it. */
    private static final class Rec {
        final int id;
        final byte[] bytes;
        final int pos;
        boolean marked;

        Rec(int id, byte[] bytes, int pos) {
            this.id = id;
            this.bytes = bytes;
            this.pos = pos;
        }

        int size() {
            return Ring.HEADER_BYTES + bytes.length;
        }

        Message message() {
            return new Message(id, bytes.clone());
        }
    }

    /**
     * The contract of docs/contract.md#ring, written as directly as possible: a FIFO list of
     * records, live or marked; marked records at the front are dropped after every removal.
     */
    private static final class Model {
        final int capacity;
        final OverflowPolicy policy;
        final Coverage coverage;
        final List<Rec> recs = new ArrayList<>();
        int used;
        long dropped;
        int writePos;

        Model(int capacity, OverflowPolicy policy, Coverage coverage) {
            this.capacity = capacity;
            this.policy = policy;
            this.coverage = coverage;
        }

        Object apply(Op op) {
            return switch (op.kind()) {
                case PUT -> {
                    put(op.id(), op.payload(), true, "bytes");
                    yield "stored";
                }
                case OFFER -> put(op.id(), op.payload(), false, "bytes");
                case PUT_SLICE -> {
                    put(op.id(), op.payload(), true, "length");
                    yield "stored";
                }
                case OFFER_SLICE -> put(op.id(), op.payload(), false, "length");
                case PUT_NULL -> {
                    put(op.id(), null, true, "bytes");
                    yield "stored";
                }
                case GET -> recs.isEmpty() ? Message.NONE : removeFront().message();
                case GET_HANDLER -> recs.isEmpty() ? "empty" : List.of(delivered(removeFront()));
                case DRAIN -> {
                    List<Delivered> out = new ArrayList<>();
                    while (out.size() < op.length() && !recs.isEmpty()) {
                        out.add(delivered(removeFront()));
                    }
                    yield List.of(out.size(), out);
                }
                case PEEK -> peek();
                case PULL -> pull(op.id());
                case LIST -> list();
                case CLEAR -> {
                    recs.clear();
                    used = 0;
                    writePos = 0;
                    yield "cleared";
                }
            };
        }

        private boolean put(int id, byte[] bytes, boolean throwing, String lengthName) {
            if (id < 1 || id > Ring.MAX_ID) {
                throw new IllegalArgumentException("id");
            }
            Objects.requireNonNull(bytes, "bytes");
            if (bytes.length > Ring.MAX_PAYLOAD) {
                throw new IllegalArgumentException(lengthName);
            }
            int need = Ring.HEADER_BYTES + bytes.length;
            if (need > capacity - used) {
                if (policy == OverflowPolicy.DROP_OLDEST && need <= capacity) {
                    while (need > capacity - used) {
                        removeFront();
                        dropped++;
                        coverage.drops++;
                    }
                } else {
                    coverage.refusals++;
                    if (throwing) {
                        throw new RingFullException(need, capacity - used, capacity);
                    }
                    return false;
                }
            }
            if (capacity - writePos < Ring.HEADER_BYTES) {
                coverage.headerWraps++;
            }
            int payloadStart = (writePos + Ring.HEADER_BYTES) % capacity;
            if (payloadStart + bytes.length > capacity) {
                coverage.payloadWraps++;
            }
            recs.add(new Rec(id, bytes.clone(), writePos));
            writePos = (writePos + need) % capacity;
            used += need;
            return true;
        }

        /** Removes the front record (always live), then the marked records behind it. */
        private Rec removeFront() {
            Rec front = recs.remove(0);
            used -= front.size();
            while (!recs.isEmpty() && recs.get(0).marked) {
                used -= recs.remove(0).size();
                coverage.markedReclaims++;
            }
            if (recs.isEmpty()) {
                writePos = 0; // the ring starts over at index 0 when it becomes empty
            }
            return front;
        }

        private Message pull(int id) {
            if (id < 1 || id > Ring.MAX_ID) {
                throw new IllegalArgumentException("id");
            }
            for (int i = 0; i < recs.size(); i++) {
                Rec rec = recs.get(i);
                if (!rec.marked && rec.id == id) {
                    if (i == 0) {
                        removeFront();
                    } else {
                        rec.marked = true;
                    }
                    return rec.message();
                }
            }
            return Message.NONE;
        }

        private Delivered delivered(Rec rec) {
            int start = (rec.pos + Ring.HEADER_BYTES) % capacity;
            boolean inStorage = start + rec.bytes.length <= capacity;
            return new Delivered(rec.message(), inStorage, inStorage ? start : 0);
        }

        Optional<Message> peek() {
            return recs.isEmpty() ? Optional.empty() : Optional.of(recs.get(0).message());
        }

        List<Integer> list() {
            List<Integer> ids = new ArrayList<>();
            for (Rec rec : recs) {
                if (!rec.marked) {
                    ids.add(rec.id);
                }
            }
            return ids;
        }
    }
}
