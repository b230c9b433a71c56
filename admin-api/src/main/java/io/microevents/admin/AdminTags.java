package io.microevents.admin;

/** OpenAPI tag names of the admin's controllers. */
final class AdminTags {

    static final String TASKS = "microevents: tasks";
    static final String TASKS_DESCRIPTION = "Scheduled tasks of the microevents scheduler";
    static final String EVENTS = "microevents: events";
    static final String EVENTS_DESCRIPTION = "Events that tasks wait for, and triggering them";
    static final String RINGS = "microevents: rings";
    static final String RINGS_DESCRIPTION = "Ring buffers and their messages";
    static final String SUMMARY = "microevents: summary";
    static final String SUMMARY_DESCRIPTION = "The scheduler at a glance";

    private AdminTags() {
    }
}
