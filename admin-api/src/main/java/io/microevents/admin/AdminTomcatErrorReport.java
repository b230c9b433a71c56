package io.microevents.admin;

import java.io.IOException;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.HttpHeaders;

/**
 * Tomcat's error report for requests under the admin's base path that Tomcat itself refuses
 * before they reach the application (an encoded {@code /} or NUL, a {@code \}, a malformed
 * request target): a problem detail instead of Tomcat's HTML page. Other paths keep the report
 * the server had (Spring Boot's, or Tomcat's own).
 *
 * <p>The valve sits in the host's pipeline behind any report valve already there, so it sees the
 * response first and reports only for the admin's paths.
 */
final class AdminTomcatErrorReport extends ErrorReportValve {

    private final String basePath;

    AdminTomcatErrorReport(String basePath) {
        this.basePath = basePath;
    }

    /**
     * A context customizer (Spring Boot applies every {@link TomcatContextCustomizer} bean) that
     * adds the valve when the context starts, after Spring Boot's own customizers placed theirs.
     */
    static TomcatContextCustomizer customizer(String basePath) {
        return context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                ((Context) event.getLifecycle()).getParent().getPipeline().addValve(new AdminTomcatErrorReport(basePath));
            }
        });
    }

    /**
     * Lets Tomcat's request-line parser pass a {@code \} in the path, so that Tomcat refuses it a
     * step later, when it normalizes the path (it still does: {@code allowBackslash} stays false),
     * with the request's path known, and this valve can tell an admin path. Without it, the
     * parser refuses the request before its path is recorded.
     */
    static TomcatConnectorCustomizer backslashRefusedAfterParsing() {
        return connector -> {
            Object relaxed = connector.getProperty("relaxedPathChars");
            String chars = relaxed == null ? "" : relaxed.toString();
            if (chars.indexOf('\\') < 0) {
                connector.setProperty("relaxedPathChars", chars + "\\");
            }
        };
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0
                || !ProblemResponses.isAdminPath(request.getRequestURI(), basePath) || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String detail = "The server refused this request before it reached the application";
        if (response.getMessage() != null && !response.getMessage().isEmpty()) {
            detail += ": " + AdminControllerAdvice.shorten(response.getMessage());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code, detail);
        if (code instanceof HttpStatus known) {
            problem.setTitle(known.getReasonPhrase());
        }
        try {
            response.resetBuffer();
            ProblemResponses.write(request, response, problem, HttpHeaders.EMPTY);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response cannot be written: nothing more to do
        }
    }
}
