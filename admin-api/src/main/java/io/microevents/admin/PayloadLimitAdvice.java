package io.microevents.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Caps the request bodies of the admin's controllers at {@code microevents.admin.max-payload-size}:
 * a larger body, announced or streamed, answers 413 before any JSON is parsed.
 */
@ControllerAdvice(annotations = AdminEndpoint.class)
class PayloadLimitAdvice extends RequestBodyAdviceAdapter {

    private final DataSize limit;

    PayloadLimitAdvice(DataSize limit) {
        this.limit = limit;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        int max = (int) limit.toBytes();
        if (input.getHeaders().getContentLength() > max) {
            throw tooLarge();
        }
        byte[] body = input.getBody().readNBytes(max + 1);
        if (body.length > max) {
            throw tooLarge();
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    private ErrorResponseException tooLarge() {
        return AdminProblems.of(HttpStatus.CONTENT_TOO_LARGE,
                "Request body is larger than " + limit.toBytes() + " bytes (microevents.admin.max-payload-size)");
    }
}
