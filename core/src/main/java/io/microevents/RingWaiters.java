package io.microevents;

import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The slow path of a {@link Ring}'s lock: the threads that found it taken. The lock itself is an
 * int in the ring (0 free, 1 held), next to the state it guards, taken with one compare-and-set and
 * given back with one plain (release) store; a {@code ReentrantLock} also pays a full fence on
 * every release. The lock is not reentrant: the ring never takes it twice on one thread.
 *
 * <p>A thread that finds the lock taken yields before each new try, then parks. It does not spin:
 * with one producer and one consumer, a waiter that spun kept pulling the lock's cache line away
 * from the holder, and yielding first (a pause of about a microsecond when a core is free) let the
 * holder finish a few operations uncontended. In the two-thread JMH run (4 forks, 64-byte
 * messages) that took {@code get(handler)} from 9.5 to 20.3 messages/µs and {@code get()} from
 * 14.8 to 15.9, and left one thread unchanged (docs/performance.md, round 2). Releasing wakes the
 * oldest parked thread. Because the release is not a full fence, a release and a thread that is
 * just starting to park can miss each other; a parked thread therefore also wakes on its own after
 * {@link #PARK_NANOS} and tries again, so a missed wake-up costs a delay, never a hang. Like
 * {@code ReentrantLock.lock()}, taking the lock is not interruptible and keeps the interrupt status.
 */
final class RingWaiters {

    /** Failed attempts, each after a yield, before parking. */
    private static final int YIELDS = 8;

    /** Longest a parked thread sleeps before it tries again by itself. */
    static final long PARK_NANOS = 100_000;

    /** The parked threads, oldest first. */
    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();

    /**
     * Takes the lock {@code state} of {@code owner} (0 free, 1 held), which a first try found
     * taken. {@code count} is the owner's count of parked threads, which its release reads.
     */
    void lock(Object owner, VarHandle state, VarHandle count) {
        for (int attempt = 0; attempt < YIELDS; attempt++) {
            Thread.yield();
            if (tryLock(owner, state)) {
                return;
            }
        }
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        parked.add(me);
        count.getAndAdd(owner, 1);
        try {
            while (!tryLock(owner, state)) {
                LockSupport.parkNanos(owner, PARK_NANOS);
                // an interrupt would make every later park return at once: clear it, restore it below
                interrupted |= Thread.interrupted();
            }
        } finally {
            count.getAndAdd(owner, -1);
            parked.remove(me);
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** Called after a release of the lock that found a parked thread: wakes the oldest. */
    void wakeOne() {
        Thread next = parked.peek();
        if (next != null) {
            LockSupport.unpark(next);
        }
    }

    private static boolean tryLock(Object owner, VarHandle state) {
        return (int) state.getOpaque(owner) == 0 && state.compareAndSet(owner, 0, 1);
    }
}
