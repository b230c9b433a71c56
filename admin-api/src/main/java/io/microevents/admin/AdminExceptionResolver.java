package io.microevents.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers, as problem details, the errors Spring MVC raises under the admin's base path before
 * any admin controller was chosen: an unknown path (404), a method the path does not take (405),
 * an {@code Accept} or {@code Content-Type} no endpoint serves (406, 415), a query string that is
 * not valid percent-encoding. Without it these would go to the servlet container's error page,
 * which answers with Spring Boot's generic error JSON, an HTML page, or nothing. Errors of the
 * admin's own handlers are left to {@link AdminControllerAdvice}; requests outside the base path
 * are left to the application.
 *
 * <p>It runs ahead of Spring MVC's own resolvers and builds its answers with the same
 * {@link AdminControllerAdvice} (a {@code ResponseEntityExceptionHandler}), so a 405 still carries
 * its {@code Allow} header and every detail reads the same.
 */
final class AdminExceptionResolver implements HandlerExceptionResolver, Ordered {

    private final String basePath;
    private final AdminControllerAdvice advice;

    AdminExceptionResolver(String basePath, AdminControllerAdvice advice) {
        this.basePath = basePath;
        this.advice = advice;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!ProblemResponses.isAdmin(request, basePath) || isAdminHandler(handler) || response.isCommitted()) {
            return null;
        }
        ResponseEntity<Object> answer = advice.answer(ex, new ServletWebRequest(request, response));
        ProblemDetail problem = answer.getBody() instanceof ProblemDetail p ? p
                : ProblemDetail.forStatus(answer.getStatusCode());
        try {
            response.resetBuffer();
            ProblemResponses.write(request, response, problem, answer.getHeaders());
        } catch (IOException | IllegalStateException e) {
            return null;
        }
        return new ModelAndView();
    }

    private static boolean isAdminHandler(Object handler) {
        return handler instanceof HandlerMethod method
                && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), AdminEndpoint.class);
    }

    /** Just after Spring Boot's error attributes (which only record the exception), before Spring MVC's resolvers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
