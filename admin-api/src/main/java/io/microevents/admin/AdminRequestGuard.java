package io.microevents.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every request under the admin's base path before anything else sees it (Spring
 * Security included):
 * <ul>
 *   <li><b>Protected mode</b>: while no Spring Security filter chain exists in the application,
 *       only loopback clients are answered; any other gets a 403 problem that says how to
 *       secure the admin or opt out ({@code microevents.admin.protected-mode=false}).</li>
 *   <li><b>Cross-origin protection</b> of the mutating methods, by the rules of Go's
 *       {@code net/http.CrossOriginProtection}: GET, HEAD and OPTIONS always pass;
 *       {@code Sec-Fetch-Site: same-origin} or {@code none} passes, any other value is refused
 *       unless the {@code Origin} is listed in {@code microevents.admin.allowed-origins}; without
 *       {@code Sec-Fetch-Site}, an {@code Origin} whose host and port are the request's
 *       {@code Host} passes, a listed one passes, another is refused; with neither header the
 *       request is not from a browser and passes. The authentication a request carries changes
 *       nothing: a browser sends cached credentials with a forged request too.</li>
 *   <li><b>CORS</b> for the allowed origins: their preflights are answered here, before any
 *       authentication (a preflight carries no credentials), and their requests get CORS headers.
 *       Other origins get no CORS headers, so browsers keep their pages from reading answers.</li>
 *   <li><b>Path parameters</b>: a {@code ;} in the path is refused with 400. The servlet container
 *       would cut {@code /events/a;b} down to event {@code a}; {@code %3B} stands for a literal
 *       {@code ;}.</li>
 *   <li><b>Spring Security's firewall</b>, when a security filter chain exists: what it rejects is
 *       answered with 400 here, as a problem detail.</li>
 * </ul>
 */
final class AdminRequestGuard extends OncePerRequestFilter {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Spring's CORS checks; a refusal is answered as a problem detail, not as the processor's plain text. */
    private static final DefaultCorsProcessor CORS = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // answered by the guard
        }
    };
    private static final List<String> SAFE_METHODS = List.of("GET", "HEAD", "OPTIONS");

    private final MicroeventsAdminProperties properties;
    private final BooleanSupplier secured;
    private final Function<HttpServletRequest, String> firewall;

    /**
     * @param properties the admin's settings
     * @param secured whether a Spring Security filter chain exists (asked on each request that
     *     needs it, so chains created after this filter count)
     * @param firewall why Spring Security's firewall would reject a request, or null when it would not
     */
    AdminRequestGuard(MicroeventsAdminProperties properties, BooleanSupplier secured,
                      Function<HttpServletRequest, String> firewall) {
        this.properties = properties;
        this.secured = secured;
        this.firewall = firewall;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = null;
        HttpStatus status = HttpStatus.FORBIDDEN;
        if (properties.isProtectedMode() && !isLoopback(request.getRemoteAddr()) && !secured.getAsBoolean()) {
            refusal = "The microevents admin answers only clients on this machine while nothing secures it "
                    + "(protected mode), and this request came from " + AdminControllerAdvice.shorten(
                    request.getRemoteAddr()) + ". Add spring-boot-starter-security (the admin then requires role "
                    + properties.getSecurity().getAdminRole() + " for changes), or set "
                    + "microevents.admin.protected-mode=false to let every client in.";
        } else if (ProblemResponses.path(request).indexOf(';') >= 0) {
            status = HttpStatus.BAD_REQUEST;
            refusal = "The path holds a ';', which the server would treat as the start of path parameters and "
                    + "cut off. Write a literal ';' in a name as %3B (Spring Security's firewall refuses that too).";
        } else if (secured.getAsBoolean() && (refusal = firewall.apply(request)) != null) {
            status = HttpStatus.BAD_REQUEST;
        } else if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            refusal = crossOrigin(request);
        }
        if (refusal == null && allowed(request.getHeader("Origin")) && CorsUtils.isCorsRequest(request)) {
            if (!CORS.processRequest(cors(properties), request, response)) {
                refusal = "CORS request refused: the method or a header is not one the admin allows";
            } else if (CorsUtils.isPreFlightRequest(request)) {
                response.setStatus(HttpServletResponse.SC_OK);
                return;
            }
        }
        if (refusal == null) {
            chain.doFilter(request, response);
        } else {
            ProblemResponses.write(request, response, status, refusal);
        }
    }

    /** Why a request is refused as a cross-origin browser request, or null when it is not one. */
    private String crossOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.isEmpty()) {
            if (fetchSite.equals("same-origin") || fetchSite.equals("none") || allowed(origin)) {
                return null;
            }
            return "Cross-site request refused: the browser reports Sec-Fetch-Site: "
                    + AdminControllerAdvice.shorten(fetchSite) + allowHint(origin);
        }
        if (origin == null || origin.isEmpty() || sameHost(origin, request.getHeader("Host")) || allowed(origin)) {
            return null;
        }
        return "Cross-origin request refused: Origin " + AdminControllerAdvice.shorten(origin)
                + " is not this server (" + AdminControllerAdvice.shorten(request.getHeader("Host")) + ")"
                + allowHint(origin);
    }

    private boolean allowed(String origin) {
        return origin != null && properties.getAllowedOrigins().contains(origin);
    }

    private static String allowHint(String origin) {
        return ". Pages of another origin may change the admin only when microevents.admin.allowed-origins lists "
                + "it" + (origin == null ? "" : " (" + AdminControllerAdvice.shorten(origin) + ")") + ".";
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Whether an address (an IP literal, as the servlet container reports it) is a loopback address. */
    static boolean isLoopback(String address) {
        // only IP literals: a name (a forwarded header may carry anything) is never looked up
        if (address == null || !(IPV4.matcher(address).matches() || address.indexOf(':') >= 0)) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** The CORS rules of the admin's paths: the allowed origins may call every endpoint. */
    static CorsConfiguration cors(MicroeventsAdminProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.getAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(1800L);
        return cors;
    }
}
