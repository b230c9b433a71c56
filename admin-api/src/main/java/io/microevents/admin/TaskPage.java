package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the task list, in the shape of Spring Data's {@code PagedModel}.
 *
 * @param content the tasks of this page, by id
 * @param page where this page is
 */
@Schema(name = "MicroeventsTaskPage", description = "A page of tasks, ordered by id")
public record TaskPage(List<TaskView> content, PageMetadata page) {

    /**
     * Where a page is.
     *
     * @param size the page size asked for
     * @param number the page number, from 0
     * @param totalElements how many tasks match the filters
     * @param totalPages how many pages of {@code size} they fill
     */
    @Schema(name = "MicroeventsPageMetadata")
    public record PageMetadata(
            @Schema(example = "50") int size,
            @Schema(example = "0") int number,
            @Schema(example = "3") long totalElements,
            @Schema(example = "1") int totalPages) {
    }
}
