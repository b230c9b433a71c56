package io.microevents.admin;

import io.microevents.admin.MicroeventsAdminProperties.ReadAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The admin's {@link SecurityFilterChain}: it matches only the admin's base path, so the host
 * app's own chains keep deciding everywhere else. Reads (GET, HEAD) need what
 * {@code microevents.admin.security.read-access} says; everything else needs
 * {@code admin-role}. Callers authenticate with HTTP Basic on each request; the chain keeps no
 * session and ignores a session login, which is why it needs no CSRF tokens. 401 and 403 are
 * answered as problem details.
 */
final class AdminSecurity {

    private AdminSecurity() {
    }

    static SecurityFilterChain chain(HttpSecurity http, MicroeventsAdminProperties properties) throws Exception {
        MicroeventsAdminProperties.Security rules = properties.getSecurity();
        String paths = properties.getBasePath() + "/**";
        String realm = "microevents";
        http.securityMatcher(paths)
                .authorizeHttpRequests(requests -> {
                    for (HttpMethod read : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
                        var reads = requests.requestMatchers(read, paths);
                        switch (rules.getReadAccess()) {
                            case ANYONE -> reads.permitAll();
                            case ROLE -> reads.hasAnyRole(rules.getReadRole(), rules.getAdminRole());
                            case AUTHENTICATED -> reads.authenticated();
                            default -> throw new IllegalStateException("read-access " + rules.getReadAccess());
                        }
                    }
                    requests.anyRequest().hasRole(rules.getAdminRole());
                })
                .httpBasic(basic -> basic.realmName(realm)
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
                            write(request, response, HttpStatus.UNAUTHORIZED,
                                    "Authentication required (HTTP Basic)");
                        }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        write(request, response, HttpStatus.FORBIDDEN, "Role " + needed(request, rules) + " required")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable);

        return http.build();
    }

    private static String needed(HttpServletRequest request, MicroeventsAdminProperties.Security rules) {
        boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        if (read && rules.getReadAccess() == ReadAccess.ROLE) {
            return rules.getReadRole() + " or " + rules.getAdminRole();
        }
        return rules.getAdminRole();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String detail) throws IOException {
        ProblemResponses.write(request, response, status, detail);
    }
}
