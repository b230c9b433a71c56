package io.microevents.admin;

import io.microevents.TaskKind;
import io.microevents.TaskState;
import io.microevents.TaskStatus;
import io.microevents.Work;
import java.util.List;

/** Builds {@link TaskView}s from snapshots, with wall-clock times and the last run's outcome. */
final class TaskViews {

    private final Work work;
    private final WorkClock clock;
    private final ExecutionTracker tracker;

    TaskViews(Work work, WorkClock clock, ExecutionTracker tracker) {
        this.work = work;
        this.clock = clock;
        this.tracker = tracker;
    }

    /** The view of a task, or a 404 problem when there is no such task. */
    TaskView find(int id) {
        AdminProblems.checkTaskId(id);
        return work.status(id).map(this::of).orElseThrow(() -> AdminProblems.noSuchTask(id));
    }

    /** One page of the tasks that match the filters (null: any), ordered by id. */
    TaskPage page(TaskState state, TaskKind kind, String event, int page, int pageSize) {
        List<TaskStatus> matching = work.statuses().stream()
                .filter(s -> state == null || s.state() == state)
                .filter(s -> kind == null || s.kind() == kind)
                .filter(s -> event == null || event.equals(s.event()))
                .toList();
        long from = (long) page * pageSize;
        List<TaskView> content = matching.stream().skip(from).limit(pageSize).map(this::of).toList();
        int totalPages = (int) ((matching.size() + (long) pageSize - 1) / pageSize);
        return new TaskPage(content, new TaskPage.PageMetadata(pageSize, page, matching.size(), totalPages));
    }

    TaskView of(TaskStatus s) {
        TaskView.NextExecution next = null;
        if (s.nextRun() >= 0) {
            next = new TaskView.NextExecution(clock.toInstant(clock.nowMillis() + s.nextRun()).toString(), s.nextRun());
        }
        return new TaskView(s.id(), s.job(), s.kind(), s.state(), s.event(), s.interval(), JsonValues.of(s.params()),
                next, tracker.lastExecution(s), s.runs(), s.failures(), TaskView.ErrorInfo.of(s.lastError()),
                s.queuedTriggers(), s.droppedTriggers(), TaskView.Cluster.of(s.cluster()));
    }
}
