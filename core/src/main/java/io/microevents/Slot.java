package io.microevents;

/**
 * One queued run of a task, ordered by (due, sequence): a {@link Run}, or a {@link Task} standing
 * for its own next timer slot in the timer heap. Guarded by {@link Work}'s lock.
 */
abstract class Slot implements Comparable<Slot> {
    long due;
    long seq;
    /** Taken, dropped, or (for a task's own slot) not queued. */
    boolean dead;

    /** The task this run belongs to. */
    abstract Task task();

    @Override
    public int compareTo(Slot o) {
        long d = due - o.due;
        if (d != 0) {
            return d < 0 ? -1 : 1;
        }
        return Long.compare(seq, o.seq);
    }
}
