package io.microevents.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Asks Spring Security's {@link HttpFirewall} (the application's, or a {@link StrictHttpFirewall}
 * as Spring Security uses by default) about a request under the base path before Spring Security
 * does, so that a request it rejects (an encoded {@code ;}, {@code %2F} or {@code %25}, {@code //},
 * {@code ..}) is answered as a problem detail rather than by the container's error page.
 */
final class AdminFirewall {

    private final ObjectProvider<HttpFirewall> firewall;

    AdminFirewall(ObjectProvider<HttpFirewall> firewall) {
        this.firewall = firewall;
    }

    /** Why the firewall rejects the request, or null when it lets it through. */
    String rejects(HttpServletRequest request) {
        try {
            firewall.getIfAvailable(StrictHttpFirewall::new).getFirewalledRequest(request);
            return null;
        } catch (RequestRejectedException e) {
            return "Spring Security's firewall rejected the request: " + AdminControllerAdvice.shorten(e.getMessage());
        }
    }
}
