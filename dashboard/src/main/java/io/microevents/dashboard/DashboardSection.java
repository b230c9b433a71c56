package io.microevents.dashboard;

/**
 * A section of the dashboard contributed by a module next to the scheduler (the serial bridge's
 * ports). Every bean of this type is read by the dashboard's publisher thread, at most once per
 * update interval and only while a page is open; it is never called on the scheduler's loop
 * thread. What {@link #read()} returns is sent as JSON under {@code sections.<name>}, and a change
 * in it (by {@code equals}) is an update.
 */
public interface DashboardSection {

    /**
     * The section's key in the page's state; the page knows how to show {@code ports}.
     *
     * @return a short name, for example {@code ports}
     */
    String name();

    /**
     * The section's current value: records, lists and maps of plain values, as Jackson writes
     * them. It must be quick and must not block.
     *
     * @return the value, or null when there is nothing to show
     */
    Object read();
}
