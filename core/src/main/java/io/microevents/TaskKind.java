package io.microevents;

/** How a task was scheduled: which of the manual's calls made it. */
public enum TaskKind {
    /** {@link Work#doNow}: runs on the next cycle. */
    NOW,
    /** {@link Work#at}: runs once after a delay. */
    AT,
    /** {@link Work#repeat}: runs at a fixed rate. */
    REPEAT,
    /** {@link Work#on}: runs when an event is triggered. */
    ON
}
