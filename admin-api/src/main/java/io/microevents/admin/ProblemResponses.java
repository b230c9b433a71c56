package io.microevents.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Writes a problem detail straight to a servlet response, for the places that answer before or
 * outside Spring MVC's handler methods (filters, the security chain, exception resolution without a
 * handler). Spring's own JSON converter writes it, as RFC 9457 says, whatever the request's
 * {@code Accept} header asks for.
 */
final class ProblemResponses {

    private static final JacksonJsonHttpMessageConverter CONVERTER = new JacksonJsonHttpMessageConverter();

    private ProblemResponses() {
    }

    /** The path of a request below the servlet context, still URL-encoded. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri != null && context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Whether a request is for the admin: its path is the base path or below it. */
    static boolean isAdmin(HttpServletRequest request, String basePath) {
        return isAdminPath(path(request), basePath);
    }

    static boolean isAdminPath(String path, String basePath) {
        return path != null && (path.equals(basePath) || path.startsWith(basePath + "/")
                || path.startsWith(basePath + ";"));
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, ProblemDetail.forStatusAndDetail(status, detail), HttpHeaders.EMPTY);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
                      HttpHeaders headers) throws IOException {
        if (problem.getInstance() == null) {
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException notAUri) {
                // the server let through a path java.net.URI rejects: leave instance out
            }
        }
        response.setStatus(problem.getStatus());
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        CONVERTER.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
    }
}
