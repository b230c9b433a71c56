package io.microevents.autoconfigure.cluster;

import io.microevents.Checks;

import java.time.Duration;

/**
 * The lock settings of one {@code @Repeat(singleton = true)} method, as its annotation gives them.
 *
 * @param lockName the name of the lock the instances share
 * @param lockAtMostFor how long the lock is kept at most; null for the configured default
 * @param lockAtLeastFor how long the lock is kept at least; null for the configured default
 * @param every the method's period in milliseconds
 */
public record SingletonSpec(String lockName, Duration lockAtMostFor, Duration lockAtLeastFor, long every) {

    /**
     * Checks the components.
     *
     * @param lockName the name of the lock the instances share
     * @param lockAtMostFor how long the lock is kept at most; null for the configured default
     * @param lockAtLeastFor how long the lock is kept at least; null for the configured default
     * @param every the method's period in milliseconds
     * @throws NullPointerException if {@code lockName} is null
     * @throws IllegalArgumentException if {@code lockName} is blank, {@code every} not positive,
     *     a duration negative or {@code lockAtMostFor} zero
     */
    public SingletonSpec {
        Checks.notBlank(lockName, "lockName");
        Checks.positive(every, "every");
        if (lockAtMostFor != null && (lockAtMostFor.isNegative() || lockAtMostFor.isZero())) {
            throw new IllegalArgumentException("lockAtMostFor must be > 0, but was " + lockAtMostFor);
        }
        if (lockAtLeastFor != null && lockAtLeastFor.isNegative()) {
            throw new IllegalArgumentException("lockAtLeastFor must be >= 0, but was " + lockAtLeastFor);
        }
    }

    @Override
    public String toString() {
        return "lock '" + lockName + "'" + (lockAtMostFor == null ? "" : ", lockAtMostFor " + lockAtMostFor)
                + (lockAtLeastFor == null ? "" : ", lockAtLeastFor " + lockAtLeastFor);
    }

}
