package io.microevents;

/**
 * What a task that runs on one instance of a cluster at a time (a {@link ClusterJob}) did with
 * its slots on this instance: the {@code cluster} part of a {@link TaskStatus}.
 *
 * <p>At each slot the instance asks a lock store for the task's lock. It runs the task when it
 * gets the lock, and skips the slot when another instance holds it or when the lock store fails
 * or does not answer in time.
 *
 * @param lockName the name of the lock the instances share
 * @param lastSlot what happened at the last slot that was decided
 * @param ranHere slots run on this instance
 * @param heldElsewhere slots skipped because another instance held the lock
 * @param lockFailures slots skipped because the lock store failed, did not answer in time, or
 *     was still busy with the previous slot
 */
public record ClusterSlots(String lockName, Outcome lastSlot, long ranHere, long heldElsewhere, long lockFailures) {

    /** What happened at a slot. */
    public enum Outcome {
        /** No slot has been decided yet. */
        NONE,
        /** This instance took the lock and ran the task. */
        RAN_HERE,
        /** Another instance held the lock: skipped here. */
        HELD_ELSEWHERE,
        /** The lock store failed or did not answer in time: skipped, tried again at the next slot. */
        LOCK_FAILED
    }

    /**
     * Checks the components.
     *
     * @param lockName the name of the lock the instances share
     * @param lastSlot what happened at the last slot that was decided
     * @param ranHere slots run on this instance
     * @param heldElsewhere slots skipped because another instance held the lock
     * @param lockFailures slots skipped because the lock store failed or did not answer in time
     * @throws IllegalArgumentException if {@code lockName} is blank, {@code lastSlot} null or a count negative
     */
    public ClusterSlots {
        Checks.notBlank(lockName, "lockName");
        Checks.notNull(lastSlot, "lastSlot");
        Checks.notNegative(ranHere, "ranHere");
        Checks.notNegative(heldElsewhere, "heldElsewhere");
        Checks.notNegative(lockFailures, "lockFailures");
    }
}
