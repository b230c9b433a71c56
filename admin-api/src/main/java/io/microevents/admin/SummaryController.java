package io.microevents.admin;

import io.microevents.Work;
import io.microevents.autoconfigure.RingRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scheduler at a glance. */
@RestController
@AdminEndpoint
@Tag(name = AdminTags.SUMMARY, description = AdminTags.SUMMARY_DESCRIPTION)
class SummaryController {

    private final Work work;
    private final WorkClock clock;
    private final ExecutionTracker tracker;
    private final RingRegistry rings;

    SummaryController(Work work, WorkClock clock, ExecutionTracker tracker, RingRegistry rings) {
        this.work = work;
        this.clock = clock;
        this.tracker = tracker;
        this.rings = rings;
    }

    @GetMapping(path = "/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "microeventsSummary", summary = "The scheduler at a glance",
            description = "Task and pending counts, whether a loop runs, how late runs start, and uptime.")
    @ApiResponse(responseCode = "200", description = "The summary")
    SummaryView summary() {
        return new SummaryView(work.taskCount(), work.pendingCount(), work.maxTasks(), work.isRunning(),
                work.waitingEvents().size(), rings.all().size(), tracker.lateness(), clock.uptimeMillis(),
                clock.startedAt().toString());
    }
}
