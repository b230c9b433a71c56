package io.microevents.dashboard;

import io.microevents.admin.AdminEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page ({@code GET <base-path>/}) and its stream ({@code GET <base-path>/stream}), under the
 * admin's base path, security chain and problem details: both are reads.
 */
@RestController
@AdminEndpoint
class DashboardController {

    static final String PAGE = "io/microevents/dashboard/static/index.html";

    /** Scripts, styles and connections from this origin only; the page is not to be framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final DashboardStream stream;
    private final boolean readOnly;
    private final boolean securityActive;
    private final String adminRole;

    DashboardController(DashboardStream stream, boolean readOnly, boolean securityActive, String adminRole) {
        this.stream = stream;
        this.readOnly = readOnly;
        this.securityActive = securityActive;
        this.adminRole = adminRole;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(new ClassPathResource(PAGE, DashboardController.class.getClassLoader()));
    }

    /**
     * The live stream. {@code EventSource} sends the browser's cookies and cached credentials but
     * no header of the page's own; when it reconnects by itself it sends {@code Last-Event-ID}, and
     * a page that opens a new stream passes the same as {@code ?lastEventId=}.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
                      HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Accel-Buffering", "no");   // proxies such as nginx must not buffer the stream
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("readOnly", readOnly);
        hello.put("write", !readOnly && (!securityActive || request.isUserInRole(adminRole)));
        return stream.open(lastEventId != null ? lastEventId : lastEventIdParam, hello);
    }
}
