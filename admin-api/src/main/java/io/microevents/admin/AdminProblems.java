package io.microevents.admin;

import io.microevents.Ring;
import io.microevents.autoconfigure.RingRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The admin's client errors, as RFC 9457 problem details. */
final class AdminProblems {

    private AdminProblems() {
    }

    static ErrorResponseException of(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    static ErrorResponseException noSuchTask(int id) {
        return of(HttpStatus.NOT_FOUND, "No task with id " + id);
    }

    static ErrorResponseException noSuchRing(String name) {
        return of(HttpStatus.NOT_FOUND, "No ring named '" + name + "'");
    }

    /** The ring of a name, or a 404 problem when there is none. */
    static Ring ring(RingRegistry rings, String name) {
        return rings.find(name).orElseThrow(() -> noSuchRing(name));
    }

    static ErrorResponseException badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, detail);
    }

    /** Task ids in paths are positive: 0 ("the current task" in the core API) is not an admin id. */
    static void checkTaskId(int id) {
        if (id <= 0) {
            throw badRequest("id must be > 0, but was " + id);
        }
    }
}
