package io.microevents;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock of one {@link Ring}: mutual exclusion that costs one compare-and-set to take and one
 * plain (release) store to give back when no thread waits, where a {@code ReentrantLock} also pays
 * a full fence on every release. Not reentrant: the ring never takes it twice on one thread.
 *
 * <p>A thread that finds the lock taken spins briefly, then yields, then parks. Releasing wakes the
 * oldest parked thread. Because the release is not a full fence, a release and a thread that is
 * just starting to park can miss each other; a parked thread therefore also wakes on its own after
 * {@link #PARK_NANOS} and tries again, so a missed wake-up costs a delay, never a hang. Like
 * {@code ReentrantLock.lock()}, taking the lock is not interruptible and keeps the interrupt status.
 */
final class RingLock {

    /** Failed attempts spent spinning before yielding. */
    private static final int SPINS = 64;

    /** Failed attempts (spinning included) before parking. */
    private static final int YIELDS = SPINS + 8;

    /** Longest a parked thread sleeps before it tries again by itself. */
    static final long PARK_NANOS = 100_000;

    private static final VarHandle STATE;
    private static final VarHandle WAITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(RingLock.class, "state", int.class);
            WAITERS = lookup.findVarHandle(RingLock.class, "waiters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 1 while held, 0 when free. */
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    /** Threads parked (or about to park) in {@link #lockContended()}. */
    @SuppressWarnings("unused") // through WAITERS
    private volatile int waiters;

    /** The parked threads, oldest first; only touched when the lock is contended. */
    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();

    /** Takes the lock, waiting as long as it takes. */
    void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            lockContended();
        }
    }

    /** Gives the lock back; the caller holds it. */
    void unlock() {
        STATE.setRelease(this, 0);
        if ((int) WAITERS.getVolatile(this) != 0) {
            Thread next = parked.peek();
            if (next != null) {
                LockSupport.unpark(next);
            }
        }
    }

    /** Tells whether some thread holds the lock (a snapshot, for tests and diagnostics). */
    boolean isLocked() {
        return (int) STATE.getVolatile(this) != 0;
    }

    private boolean tryLock() {
        return (int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1);
    }

    private void lockContended() {
        for (int attempt = 0; attempt < YIELDS; attempt++) {
            if (attempt < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            if (tryLock()) {
                return;
            }
        }
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        parked.add(me);
        WAITERS.getAndAdd(this, 1);
        try {
            while (!tryLock()) {
                LockSupport.parkNanos(this, PARK_NANOS);
                // an interrupt would make every later park return at once: clear it, restore it below
                interrupted |= Thread.interrupted();
            }
        } finally {
            WAITERS.getAndAdd(this, -1);
            parked.remove(me);
            if (interrupted) {
                me.interrupt();
            }
        }
    }
}
