package io.microevents.admin;

import io.microevents.SafeText;
import io.microevents.TaskKind;
import io.microevents.TaskState;
import java.beans.PropertyEditorSupport;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Error handling of the admin's controllers, and of nothing else: every error is an RFC 9457
 * problem detail ({@code application/problem+json}). Spring MVC's own exceptions get their usual
 * status (400, 405, 406, 415 ...) with a detail that names the argument; an
 * {@link IllegalArgumentException} from the scheduler is a 400, and so is a
 * {@link NullPointerException} from an argument check; anything unexpected is a 500
 * problem without a stack trace, logged on the server.
 */
@RestControllerAdvice(annotations = AdminEndpoint.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminControllerAdvice extends ResponseEntityExceptionHandler {

    private static final Log LOG = LogFactory.getLog(AdminControllerAdvice.class);
    private static final int MAX_DETAIL = 300;

    /** State and kind filters are case-insensitive: {@code ?state=waiting}. */
    @InitBinder
    void enums(WebDataBinder binder) {
        binder.registerCustomEditor(TaskState.class, new EnumEditor<>(TaskState.class));
        binder.registerCustomEditor(TaskKind.class, new EnumEditor<>(TaskKind.class));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, shorten(e.getMessage()));
    }

    /**
     * A null argument that a check refused ({@code Objects.requireNonNull}, {@code Checks.notNull}):
     * a 400 naming the argument, like an {@link IllegalArgumentException}. Any other
     * {@link NullPointerException} is a fault of the server: a 500 without a stack trace.
     */
    @ExceptionHandler(NullPointerException.class)
    ProblemDetail nullArgument(NullPointerException e, WebRequest request) {
        if (!isArgumentCheck(e)) {
            return unexpected(e, request);
        }
        String message = e.getMessage();
        String detail = message == null || message.isBlank() ? "A required argument is missing"
                : message.strip().chars().anyMatch(Character::isWhitespace) ? shorten(message)
                : shorten(message.strip()) + " must not be null";
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    /** Whether a {@link NullPointerException} comes from {@code Objects.requireNonNull}, not from a dereference. */
    static boolean isArgumentCheck(NullPointerException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals("java.util.Objects")
                && trace[0].getMethodName().startsWith("requireNonNull");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, WebRequest request) {
        String badParameter = invalidParameter(e);
        if (badParameter != null) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, badParameter);
        }
        LOG.error("microevents admin: unexpected error on " + request.getDescription(false), e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error; the server log has the details");
    }

    /**
     * The answer to an exception raised under the base path before an admin handler was chosen
     * (see {@link AdminExceptionResolver}): Spring MVC's exceptions with their usual status and
     * headers, anything else as this advice's handlers answer it.
     */
    ResponseEntity<Object> answer(Exception e, WebRequest request) {
        try {
            ResponseEntity<Object> answer = handleException(e, request);
            if (answer != null) {
                return answer;
            }
        } catch (Exception notSpringMvcs) {
            // not one of Spring MVC's exceptions: answered below
        }
        ProblemDetail problem = e instanceof IllegalArgumentException illegal ? illegalArgument(illegal)
                : e instanceof NullPointerException npe ? nullArgument(npe, request)
                : unexpected(e, request);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * A query string or form the servlet container could not decode (such as {@code ?state=%ZZ}):
     * the container reports it as an exception of its own when the parameters are first read.
     */
    private static String invalidParameter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")
                    || t.getClass().getSimpleName().equals("BadMessageException")) {
                return "The query string is not valid percent-encoded UTF-8: " + shorten(t.getMessage());
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return noEndpoint(ex, ex.getHttpMethod().name(), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return noEndpoint(ex, ex.getHttpMethod(), headers, status, request);
    }

    private ResponseEntity<Object> noEndpoint(Exception ex, String method, HttpHeaders headers, HttpStatusCode status,
                                              WebRequest request) {
        String path = request instanceof ServletWebRequest servlet
                ? ProblemResponses.path(servlet.getRequest()) : request.getDescription(false);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                "No endpoint " + shorten(method) + " " + shorten(path));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected;
        if (type != null && type.isEnum()) {
            expected = "one of " + Arrays.toString(type.getEnumConstants());
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            expected = "an integer";
        } else {
            expected = "a valid " + (type == null ? "value" : type.getSimpleName());
        }
        String detail = name + " must be " + expected + ", but was '" + shorten(String.valueOf(ex.getValue())) + "'";
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        String detail;
        if (cause instanceof MismatchedInputException mismatch) {
            detail = "Malformed JSON body: " + where(mismatch) + " must be " + expected(mismatch.getTargetType());
        } else if (cause instanceof JacksonException json) {
            detail = "Malformed JSON body: " + shorten(json.getOriginalMessage());
        } else if (cause == ex) {
            detail = "A JSON request body is required";
        } else {
            detail = "Unreadable request body: " + shorten(cause.getMessage());
        }
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
    }

    /** The JSON path of a mismatch, such as {@code interval} or {@code body}. */
    private static String where(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : shorten(path.toString());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a JSON integer that fits " + type.getSimpleName();
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number that fits " + type.getSimpleName();
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        return "a JSON object";
    }

    /**
     * An exception's message (its first line: parsers add their location on the next ones), or text
     * from the request, as it may appear in a detail: bounded, control characters escaped.
     */
    static String shorten(String text) {
        return text == null ? "" : SafeText.of(text.lines().findFirst().orElse(""), MAX_DETAIL);
    }

    /** Binds an enum by name, ignoring case. */
    private static final class EnumEditor<E extends Enum<E>> extends PropertyEditorSupport {
        private final Class<E> type;

        EnumEditor(Class<E> type) {
            this.type = type;
        }

        @Override
        public void setAsText(String text) {
            setValue(text == null || text.isBlank() ? null : Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT)));
        }
    }
}
