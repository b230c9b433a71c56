package io.microevents;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed-size ring buffer of messages: the port of the MicroPython {@code Ring} (ringbuffer.py).
 * Each message is an id (1..65535) and a payload of up to 65535 bytes; messages come out in FIFO
 * order ({@link #get()}) or by id ({@link #pull(int)}).
 *
 * <pre>{@code
 * Ring buffer = new Ring(1024);
 * buffer.put(1, "Hello, World!".getBytes(StandardCharsets.US_ASCII));
 * buffer.put(2, new byte[] {0x01, 0x02, 0x03});
 *
 * Message m = buffer.get();            // (1, "Hello, World!")
 * if (!m.isNone()) { ... }             // an empty ring gives Message.NONE: id 0, no bytes
 *
 * buffer.peek();                       // Optional[Message[id=2, bytes=0x010203]], still in the ring
 * buffer.list();                       // [2]
 * buffer.used();                       // 7: 4 header bytes + 3 payload bytes
 * }</pre>
 *
 * <p>The project's {@code docs/contract.md} (section "Ring") states the contract.
 *
 * <h2>Storage</h2>
 * One {@code byte[]} of exactly {@code size} bytes ({@link #capacity()}). Each message is stored as
 * a record: a 4-byte header (id in 2 bytes, payload length in 2 bytes, both big-endian) followed by
 * the payload. Records are written one after the other and wrap around the end of the array: a
 * payload, and a header too, may be split between the end and the start. {@link #used()} is the sum
 * of {@code 4 + length} over the records in the ring, so {@code put(1, 13 bytes)} uses 17 bytes.
 * When the ring becomes empty its read and write positions go back to the start of the array.
 *
 * <h2>Lazy deletion</h2>
 * {@link #pull(int)} removes a message from the middle by marking its record (its id bytes are set
 * to 0, an id no live message has). A marked record keeps its space, and keeps counting in
 * {@link #used()}, until it reaches the read end; marked records at the read end are reclaimed at
 * once, after every removal. So the record at the read end is always live, {@link #isEmpty()} never
 * disagrees with {@link #get()}, and {@link #get()} never skips anything.
 *
 * <h2>Full ring</h2>
 * What happens when a message does not fit is the {@link OverflowPolicy} chosen at construction:
 * {@link OverflowPolicy#REJECT} (default) makes {@link #put(int, byte[])} throw a
 * {@link RingFullException} (a {@link java.nio.BufferOverflowException}) and {@link #offer(int, byte[])}
 * return {@code false}; {@link OverflowPolicy#DROP_OLDEST} removes the oldest messages to make room
 * and counts them in {@link #droppedCount()}. A message with {@code 4 + length > capacity()} can
 * never fit and is refused under both policies.
 *
 * <h2>Threads</h2>
 * Every method is safe to call from any thread (a serial reader thread puts while the scheduler's
 * thread gets). One lock guards the ring; each operation holds it for its own duration only. The
 * lock is cheap when uncontended (one compare-and-set to take it, a plain store to give it back),
 * and calls that cannot change anything do not take it: {@link #get()} and
 * {@link #get(MessageHandler)} on an empty ring, {@link #offer} of a message that does not fit under
 * {@link OverflowPolicy#REJECT}, and the counters ({@link #used()}, {@link #messageCount()},
 * {@link #isEmpty()}, ...), which read a value the ring had at that moment.
 * {@link #put}, {@link #offer} and {@link #get()} do no O(n) work and allocate nothing except,
 * for {@code get()}, the returned payload array and its {@code Message}; {@link #get(MessageHandler)}
 * and {@link #drain(MessageHandler)} read without allocating. {@link #pull(int)} and {@link #list()}
 * scan the records, O(n).
 *
 * <h2>Failures</h2>
 * An id outside 1..65535 or a payload longer than 65535 bytes: {@link IllegalArgumentException}
 * naming the argument; a {@code null} payload: {@link NullPointerException} naming it.
 */
public final class Ring {

    /** Bytes of a record header: 2 for the id, 2 for the payload length. */
    public static final int HEADER_BYTES = RecordLayout.HEADER_BYTES;

    /** Smallest allowed ring size in bytes. */
    public static final int MIN_SIZE = 8;

    /** Largest message id. Ids of messages in the ring are 1..{@value}. */
    public static final int MAX_ID = 0xFFFF;

    /** Longest payload in bytes (the length is stored in 2 bytes). */
    public static final int MAX_PAYLOAD = 0xFFFF;

    private static final byte[] NO_BYTES = new byte[0];

    private static final VarHandle LOCK;
    private static final VarHandle PARKED;
    private static final VarHandle USED;
    private static final VarHandle LIVE;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCK = lookup.findVarHandle(Ring.class, "lockState", int.class);
            PARKED = lookup.findVarHandle(Ring.class, "parked", int.class);
            USED = lookup.findVarHandle(Ring.class, "used", int.class);
            LIVE = lookup.findVarHandle(Ring.class, "live", int.class);
            DROPPED = lookup.findVarHandle(Ring.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] buf;
    private final int cap;
    private final OverflowPolicy policy;
    /** Threads waiting for the lock; see {@link RingWaiters} for how the lock works. */
    private final RingWaiters waiters = new RingWaiters();

    /**
     * The lock: 1 while held, 0 when free (through LOCK). It sits next to the state it guards, so
     * taking it brings that state's cache line along.
     */
    @SuppressWarnings("unused")
    private volatile int lockState;

    /** Threads parked (or about to park) for the lock (through PARKED); changed only by them. */
    @SuppressWarnings("unused")
    private volatile int parked;

    // All mutable state below is guarded by the lock. used, live and dropped are also read without
    // it, through getAcquire/getOpaque, for a value the ring had at some moment. Their writes, all
    // under the lock, are plain for the ints (an int cannot tear, and the release store that gives
    // the lock back publishes them) and opaque for the long.
    /** Index of the first record (the read end); always a live record when used > 0. */
    private int head;
    /** Index where the next record is written. */
    private int tail;
    /** Bytes taken by records, live and marked. */
    private int used;
    /** Number of live (not marked) records. */
    private int live;
    /** Live messages removed by DROP_OLDEST. */
    private long dropped;
    /**
     * The thread running a MessageHandler, which must not change the ring (and which holds the
     * lock meanwhile), or null. Read without the lock: only that thread can find itself here.
     */
    private Thread dispatcher;
    /** Reusable copy of a payload that wraps around the end, for the handler read path. */
    private byte[] scratch = NO_BYTES;

    /**
     * Makes a ring of {@code size} bytes that rejects messages that do not fit
     * ({@link OverflowPolicy#REJECT}), the manual's {@code Ring(size)}.
     *
     * @param size buffer size in bytes, at least 8
     * @throws IllegalArgumentException if {@code size < 8}
     */
    public Ring(int size) {
        this(size, OverflowPolicy.REJECT);
    }

    /**
     * Makes a ring of {@code size} bytes with the given overflow policy.
     *
     * @param size   buffer size in bytes, at least 8
     * @param policy what to do when a message does not fit
     * @throws IllegalArgumentException if {@code size < 8}
     * @throws NullPointerException     if {@code policy} is {@code null}
     */
    public Ring(int size, OverflowPolicy policy) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("size must be at least " + MIN_SIZE + " bytes, was " + size);
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cap = size;
        this.buf = new byte[size];
    }

    // ---------------------------------------------------------------- writing

    /**
     * Stores a message at the write end.
     *
     * @param id    message id, 1..65535; duplicates are allowed
     * @param bytes the payload, up to 65535 bytes; copied into the ring
     * @throws IllegalArgumentException if {@code id} is outside 1..65535 or {@code bytes} is longer
     *                                  than 65535 bytes
     * @throws NullPointerException     if {@code bytes} is {@code null}
     * @throws RingFullException        if the message does not fit and the policy is
     *                                  {@link OverflowPolicy#REJECT}, or if it could not fit even
     *                                  in an empty ring ({@code 4 + bytes.length > capacity()});
     *                                  the ring is then unchanged
     */
    public void put(int id, byte[] bytes) {
        checkId(id);
        Objects.requireNonNull(bytes, "bytes");
        checkLength(bytes.length, "bytes");
        int refusedWithFree = store(id, bytes, 0, bytes.length);
        if (refusedWithFree >= 0) {
            throw new RingFullException(HEADER_BYTES + bytes.length, refusedWithFree, cap);
        }
    }

    /**
     * Stores {@code bytes[offset, offset + length)} as the payload of a message, without an
     * intermediate copy; otherwise as {@link #put(int, byte[])}.
     *
     * @param id     message id, 1..65535
     * @param bytes  array that holds the payload
     * @param offset index of the first payload byte
     * @param length payload length, up to 65535
     * @throws IllegalArgumentException  if {@code id} is outside 1..65535 or {@code length > 65535}
     * @throws NullPointerException      if {@code bytes} is {@code null}
     * @throws IndexOutOfBoundsException if the slice is not inside {@code bytes}
     * @throws RingFullException         as {@link #put(int, byte[])}
     */
    public void put(int id, byte[] bytes, int offset, int length) {
        checkSlice(id, bytes, offset, length);
        int refusedWithFree = store(id, bytes, offset, length);
        if (refusedWithFree >= 0) {
            throw new RingFullException(HEADER_BYTES + length, refusedWithFree, cap);
        }
    }

    /**
     * Stores a message if it fits, the non-throwing form of {@link #put(int, byte[])}. Under
     * {@link OverflowPolicy#DROP_OLDEST} it drops old messages to make room, so it fails only for a
     * message longer than the whole ring.
     *
     * @param id    message id, 1..65535
     * @param bytes the payload, up to 65535 bytes
     * @return {@code true} if stored, {@code false} if it did not fit (the ring is then unchanged)
     * @throws IllegalArgumentException if {@code id} is outside 1..65535 or {@code bytes} is longer
     *                                  than 65535 bytes
     * @throws NullPointerException     if {@code bytes} is {@code null}
     */
    public boolean offer(int id, byte[] bytes) {
        checkId(id);
        Objects.requireNonNull(bytes, "bytes");
        checkLength(bytes.length, "bytes");
        return store(id, bytes, 0, bytes.length) < 0;
    }

    /**
     * Stores {@code bytes[offset, offset + length)} as a message if it fits; otherwise as
     * {@link #offer(int, byte[])}.
     *
     * @param id     message id, 1..65535
     * @param bytes  array that holds the payload
     * @param offset index of the first payload byte
     * @param length payload length, up to 65535
     * @return {@code true} if stored, {@code false} if it did not fit
     * @throws IllegalArgumentException  if {@code id} is outside 1..65535 or {@code length > 65535}
     * @throws NullPointerException      if {@code bytes} is {@code null}
     * @throws IndexOutOfBoundsException if the slice is not inside {@code bytes}
     */
    public boolean offer(int id, byte[] bytes, int offset, int length) {
        checkSlice(id, bytes, offset, length);
        return store(id, bytes, offset, length) < 0;
    }

    /**
     * Writes one record, applying the overflow policy.
     *
     * @return -1 if stored, else the free bytes seen when it was refused
     */
    private int store(int id, byte[] src, int off, int len) {
        final int need = RecordLayout.recordBytes(len);
        checkNotDispatching();
        if (policy == OverflowPolicy.REJECT) {
            // refused without the lock: the ring was this full at the moment of the read
            int free = cap - (int) USED.getAcquire(this);
            if (need > free) {
                return free;
            }
        }
        lock();
        try {
            if (need > cap - used) {
                if (policy != OverflowPolicy.DROP_OLDEST || need > cap) {
                    return cap - used;
                }
                do {
                    DROPPED.setOpaque(this, dropped + 1);
                    removeHead(RecordLayout.recordBytes(RecordLayout.length(buf, head)));
                } while (need > cap - used);
            }
            tail = RecordLayout.write(buf, tail, id, src, off, len);
            setUsed(used + need);
            setLive(live + 1);
            return -1;
        } finally {
            unlock();
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Removes and returns the oldest message (FIFO).
     *
     * @return the message, or {@link Message#NONE} (id 0, no bytes) if the ring is empty
     */
    public Message get() {
        checkNotDispatching();
        if ((int) LIVE.getOpaque(this) == 0) {
            return Message.NONE;
        }
        lock();
        try {
            if (live == 0) {
                return Message.NONE;
            }
            int header = RecordLayout.header(buf, head);
            int id = RecordLayout.headerId(header);
            int len = RecordLayout.headerLength(header);
            byte[] out = copyPayload(RecordLayout.payload(buf, head), len);
            removeHead(RecordLayout.recordBytes(len));
            return new Message(id, out);
        } finally {
            unlock();
        }
    }

    /**
     * Returns the oldest message without removing it.
     *
     * @return the message (a copy of its payload), or {@link Optional#empty()} if the ring is empty
     */
    public Optional<Message> peek() {
        boolean locked = lockForQuery();
        try {
            if (live == 0) {
                return Optional.empty();
            }
            int id = RecordLayout.id(buf, head);
            int len = RecordLayout.length(buf, head);
            return Optional.of(new Message(id, copyPayload(RecordLayout.payload(buf, head), len)));
        } finally {
            unlockAfterQuery(locked);
        }
    }

    /**
     * Removes and returns the first message (in FIFO order) with the given id: random access, O(n).
     * The record is marked as deleted and its space comes back when it reaches the read end (see
     * the class comment); pulling the oldest message gives its space back at once.
     *
     * @param id the id wanted, 1..65535
     * @return the message, or {@link Message#NONE} (id 0, no bytes) if no live message has that id
     * @throws IllegalArgumentException if {@code id} is outside 1..65535
     */
    public Message pull(int id) {
        checkId(id);
        checkNotDispatching();
        lock();
        try {
            int p = head;
            for (int remaining = live; remaining > 0; ) {
                int recordId = RecordLayout.id(buf, p);
                int len = RecordLayout.length(buf, p);
                if (recordId == id) {
                    byte[] out = copyPayload(RecordLayout.payload(buf, p), len);
                    if (p == head) {
                        removeHead(RecordLayout.recordBytes(len));
                    } else {
                        RecordLayout.mark(buf, p);
                        setLive(live - 1);
                    }
                    return new Message(id, out);
                }
                if (recordId != RecordLayout.MARKED) {
                    remaining--;
                }
                p = RecordLayout.advance(buf, p, RecordLayout.recordBytes(len));
            }
            return Message.NONE;
        } finally {
            unlock();
        }
    }

    /**
     * Removes the oldest message and hands it to {@code handler} without copying it into a new
     * array: the zero-allocation read path. The handler gets a slice of the ring's own storage, or,
     * if the payload wraps around the end of the storage, a slice of a scratch array that the ring
     * keeps for this purpose (allocated, or grown, the first time a wrapped payload longer than any
     * before is read, so a steady stream of messages reads without allocation). See
     * {@link MessageHandler} for the rules a handler must follow: it runs with the ring locked and
     * must not change the ring.
     *
     * @param handler receives the message
     * @return {@code true} if a message was handed over, {@code false} if the ring was empty
     * @throws NullPointerException if {@code handler} is {@code null}
     */
    public boolean get(MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        checkNotDispatching();
        if ((int) LIVE.getOpaque(this) == 0) {
            return false;
        }
        lock();
        try {
            if (live == 0) {
                return false;
            }
            int header = RecordLayout.header(buf, head);
            int id = RecordLayout.headerId(header);
            int len = RecordLayout.headerLength(header);
            int start = RecordLayout.payload(buf, head);
            byte[] src = buf;
            int off = start;
            if (len > cap - start) {
                if (scratch.length < len) {
                    // at most capacity - 4 bytes: no payload is longer
                    scratch = new byte[Math.min(Math.max(len, 2 * scratch.length), Math.min(cap - HEADER_BYTES, MAX_PAYLOAD))];
                }
                RecordLayout.copyOut(buf, start, scratch, len);
                src = scratch;
                off = 0;
            }
            // Remove first: no write can reach the slice while the lock is held and the
            // dispatcher is set, and the handler sees the ring as it is after the removal.
            removeHead(RecordLayout.recordBytes(len));
            dispatcher = Thread.currentThread();
            try {
                handler.onMessage(id, src, off, len);
            } finally {
                dispatcher = null;
            }
            return true;
        } finally {
            unlock();
        }
    }

    /**
     * Hands every message to {@code handler}, oldest first, as {@link #get(MessageHandler)} does,
     * until the ring is empty. The lock is taken per message, so producers can add messages
     * meanwhile (and those are drained too).
     *
     * @param handler receives the messages
     * @return the number of messages handed over
     * @throws NullPointerException if {@code handler} is {@code null}
     */
    public int drain(MessageHandler handler) {
        return drain(handler, Integer.MAX_VALUE);
    }

    /**
     * Hands at most {@code limit} messages to {@code handler}, oldest first, as
     * {@link #get(MessageHandler)} does.
     *
     * @param handler receives the messages
     * @param limit   most messages to hand over, at least 0
     * @return the number of messages handed over
     * @throws NullPointerException     if {@code handler} is {@code null}
     * @throws IllegalArgumentException if {@code limit < 0}
     */
    public int drain(MessageHandler handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, was " + limit);
        }
        int n = 0;
        while (n < limit && get(handler)) {
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- state

    /**
     * Returns the ids of the live messages in FIFO order, duplicates included, pulled ones
     * excluded. O(n).
     *
     * @return an unmodifiable snapshot of the ids
     */
    public List<Integer> list() {
        boolean locked = lockForQuery();
        try {
            List<Integer> ids = new ArrayList<>(live);
            int p = head;
            while (ids.size() < live) {
                int recordId = RecordLayout.id(buf, p);
                if (recordId != RecordLayout.MARKED) {
                    ids.add(recordId);
                }
                p = RecordLayout.next(buf, p);
            }
            return Collections.unmodifiableList(ids);
        } finally {
            unlockAfterQuery(locked);
        }
    }

    /**
     * Tells whether no live message is left. Exactly when this is {@code true}, {@link #get()}
     * returns {@link Message#NONE} and {@link #used()} is 0.
     *
     * @return {@code true} if the ring holds no live message
     */
    public boolean isEmpty() {
        return (int) LIVE.getAcquire(this) == 0;
    }

    /**
     * Tells whether not even a message with an empty payload (4 bytes) fits.
     *
     * @return {@code true} if fewer than 4 bytes are free
     */
    public boolean isFull() {
        return cap - (int) USED.getAcquire(this) < HEADER_BYTES;
    }

    /**
     * Removes all messages and gives all space back. Does not change {@link #droppedCount()}.
     */
    public void clear() {
        checkNotDispatching();
        lock();
        try {
            head = 0;
            tail = 0;
            setUsed(0);
            setLive(0);
        } finally {
            unlock();
        }
    }

    /**
     * Returns the size of the ring's storage in bytes, the manual's {@code buffer.size}.
     *
     * @return the {@code size} given to the constructor
     */
    public int capacity() {
        return cap;
    }

    /**
     * Returns the bytes in use, the manual's {@code len(buffer)}: {@code 4 + length} for each live
     * message plus the space of pulled records not yet reclaimed.
     *
     * @return bytes in use, 0..capacity()
     */
    public int used() {
        return (int) USED.getAcquire(this);
    }

    /**
     * Returns the free bytes: {@code capacity() - used()}. A message of {@code n} payload bytes fits
     * when {@code 4 + n <= free()}.
     *
     * @return free bytes
     */
    public int free() {
        return cap - (int) USED.getAcquire(this);
    }

    /**
     * Returns the number of live messages (pulled ones not counted). O(1).
     *
     * @return the message count, the size of {@link #list()}
     */
    public int messageCount() {
        return (int) LIVE.getAcquire(this);
    }

    /**
     * Returns how many live messages {@link OverflowPolicy#DROP_OLDEST} has removed to make room,
     * since the ring was made. Always 0 under {@link OverflowPolicy#REJECT}.
     *
     * @return the number of dropped messages
     */
    public long droppedCount() {
        return (long) DROPPED.getAcquire(this);
    }

    /**
     * Returns the overflow policy chosen at construction.
     *
     * @return the policy
     */
    public OverflowPolicy overflowPolicy() {
        return policy;
    }

    /**
     * Shows capacity, used bytes, message count, policy and dropped count, for example
     * {@code Ring[capacity=1024, used=17, messages=1, policy=REJECT, dropped=0]}.
     *
     * @return the text form
     */
    @Override
    public String toString() {
        boolean locked = lockForQuery();
        try {
            return "Ring[capacity=" + cap + ", used=" + used + ", messages=" + live
                    + ", policy=" + policy + ", dropped=" + dropped + "]";
        } finally {
            unlockAfterQuery(locked);
        }
    }

    // ---------------------------------------------------------------- internals (lock held)

    /** Removes the record at the read end, then reclaims the marked records that follow it. */
    private void removeHead(int recordBytes) {
        int u = used - recordBytes;
        setLive(live - 1);
        head = RecordLayout.advance(buf, head, recordBytes);
        while (u > 0 && RecordLayout.id(buf, head) == RecordLayout.MARKED) {
            int n = RecordLayout.recordBytes(RecordLayout.length(buf, head));
            u -= n;
            head = RecordLayout.advance(buf, head, n);
        }
        if (u == 0) {
            head = 0;
            tail = 0;
        }
        setUsed(u);
    }

    /** Takes the lock: one compare-and-set unless another thread holds it. */
    private void lock() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            waiters.lock(this, LOCK, PARKED);
        }
    }

    /** Gives the lock back: a release store, then a wake-up if a thread parked. */
    private void unlock() {
        LOCK.setRelease(this, 0);
        if ((int) PARKED.getVolatile(this) != 0) {
            waiters.wakeOne();
        }
    }

    private void setUsed(int u) {
        used = u;
    }

    private void setLive(int n) {
        live = n;
    }

    /**
     * Takes the lock for a read-only call, unless this thread runs a handler and so holds it
     * already (a handler may query the ring it reads from).
     *
     * @return whether the lock was taken here, for {@link #unlockAfterQuery(boolean)}
     */
    private boolean lockForQuery() {
        if (dispatcher == Thread.currentThread()) {
            return false;
        }
        lock();
        return true;
    }

    private void unlockAfterQuery(boolean locked) {
        if (locked) {
            unlock();
        }
    }

    /** New array holding the {@code len} payload bytes at {@code p} (two copies if they wrap). */
    private byte[] copyPayload(int p, int len) {
        if (len == 0) {
            return NO_BYTES;
        }
        if (len <= cap - p) {
            return Arrays.copyOfRange(buf, p, p + len); // no zeroing of the new array first
        }
        byte[] out = new byte[len];
        RecordLayout.copyOut(buf, p, out, len);
        return out;
    }

    /** Throws if this thread is running a handler of this ring (it holds the lock meanwhile). */
    private void checkNotDispatching() {
        if (dispatcher == Thread.currentThread()) {
            throw new IllegalStateException(
                    "a MessageHandler must not change the ring it is reading from (put/offer/get/pull/drain/clear)");
        }
    }

    private static void checkId(int id) {
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("id must be in 1..65535, was " + id);
        }
    }

    private static void checkLength(int length, String name) {
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException(
                    name + " must be at most " + MAX_PAYLOAD + " bytes long, was " + length);
        }
    }

    private static void checkSlice(int id, byte[] bytes, int offset, int length) {
        checkId(id);
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkLength(length, "length");
    }
}
