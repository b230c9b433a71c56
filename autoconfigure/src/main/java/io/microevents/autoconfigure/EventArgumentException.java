package io.microevents.autoconfigure;

/**
 * A trigger's pkg that an {@code @On} method cannot take: too few values, a {@code null} for a
 * primitive parameter, or a value the conversion service cannot convert. It fails that run only
 * (counted in the task's status, handed to the error handler); the listener keeps listening. The
 * default error handler logs it in one line without a stack trace, since the cause is the data
 * (a serial line, an HTTP client), not the code.
 */
public final class EventArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be bound, naming the method, the event and the argument
     * @param cause the conversion failure, or null
     */
    public EventArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
