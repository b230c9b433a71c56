package io.microevents.serial.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Client errors of the serial port endpoints, as RFC 9457 problem details. */
final class SerialProblems {

    private SerialProblems() {
    }

    static ErrorResponseException of(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    static ErrorResponseException noSuchPort(String name) {
        return of(HttpStatus.NOT_FOUND, "No serial port named '" + name + "'");
    }
}
