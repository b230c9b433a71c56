package io.microevents;

/**
 * What one {@link Work#trigger(String, Object...)} did.
 *
 * @param woken how many tasks will run because of the trigger
 * @param dropped how many listeners dropped it because their queue of triggers was full (each
 *     also counted in that task's {@link TaskStatus#droppedTriggers()})
 */
public record TriggerOutcome(int woken, int dropped) {

    /**
     * Checks the counts.
     *
     * @param woken how many tasks will run because of the trigger
     * @param dropped how many listeners dropped it
     * @throws IllegalArgumentException if a count is negative
     */
    public TriggerOutcome {
        Checks.notNegative(woken, "woken");
        Checks.notNegative(dropped, "dropped");
    }
}
