package io.microevents.admin;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * OpenAPI responses of the admin's REST controllers that answer with an RFC 9457 problem detail
 * ({@code application/problem+json}, schema {@link ProblemDetail}), one annotation per status,
 * for a handler method or, for every method of a controller, its class. springdoc reads them as
 * the {@link ApiResponse} they carry; the value is the response's description.
 *
 * <pre>{@code
 * @GetMapping("/rings/{name}")
 * @AdminApiResponses.NotFound("No ring with that name")
 * RingView get(@PathVariable String name) { ... }
 * }</pre>
 */
public final class AdminApiResponses {

    private AdminApiResponses() {
    }

    /** A 400 problem: a path variable, parameter or body the endpoint cannot take. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "400", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class)))
    public @interface BadRequest {

        /**
         * What makes the request bad.
         *
         * @return the response's description
         */
        @AliasFor(annotation = ApiResponse.class, attribute = "description")
        String value();
    }

    /** A 404 problem: the resource named in the path does not exist. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "404", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class)))
    public @interface NotFound {

        /**
         * What was not found.
         *
         * @return the response's description
         */
        @AliasFor(annotation = ApiResponse.class, attribute = "description")
        String value();
    }

    /** A 413 problem: the request body is larger than {@code microevents.admin.max-payload-size}. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "413", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class)))
    public @interface PayloadTooLarge {

        /**
         * Which limit the body passed.
         *
         * @return the response's description
         */
        @AliasFor(annotation = ApiResponse.class, attribute = "description")
        String value() default "Body larger than microevents.admin.max-payload-size";
    }

    /** A 429 problem: a bound was reached; the client may try again later. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "429", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class)))
    public @interface TooManyRequests {

        /**
         * Which bound was reached, and what happened to the request.
         *
         * @return the response's description
         */
        @AliasFor(annotation = ApiResponse.class, attribute = "description")
        String value();
    }
}
