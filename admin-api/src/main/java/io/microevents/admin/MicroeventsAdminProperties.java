package io.microevents.admin;

import io.microevents.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the REST admin (microevents.admin.*). Each property is described once, on its
 * field, which is what the configuration metadata shows; a setter throws
 * {@link NullPointerException} for a null and {@link IllegalArgumentException} for a value of the
 * wrong form, naming the property.
 *
 * <pre>
 * microevents.admin.base-path=/ops/microevents
 * microevents.admin.read-only=true
 * microevents.admin.security.admin-role=OPS
 * microevents.admin.security.read-access=role
 * </pre>
 */
@ConfigurationProperties(prefix = "microevents.admin")
public class MicroeventsAdminProperties {

    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\s]+");

    /** Whether the REST admin is registered at all. */
    private boolean enabled = true;

    /**
     * Path under which every admin endpoint lives: one or more segments, starting with a slash
     * and without a trailing slash.
     */
    private String basePath = "/microevents";

    /**
     * Register only the endpoints that read. The mutating ones (cancel, interval, params, run
     * now, trigger, pull) are not registered at all, so they answer 404 or 405.
     */
    private boolean readOnly = false;

    /**
     * Largest request body the admin accepts (params, trigger pkg, interval). A larger body is
     * answered with 413 before it is parsed.
     */
    private DataSize maxPayloadSize = DataSize.ofKilobytes(64);

    /** Page size of the task list when a request does not give one. */
    private int defaultPageSize = 50;

    /** Largest page size a request may ask for; larger sizes answer 400. */
    private int maxPageSize = 500;

    /**
     * Answer only clients on this machine (loopback addresses) while nothing secures the admin:
     * no Spring Security filter chain in the application. Others get a 403 problem that says how
     * to secure the admin. Behind a reverse proxy, let the server see the client's address
     * ({@code server.forward-headers-strategy}), or every client looks local.
     */
    private boolean protectedMode = true;

    /**
     * Origins ({@code scheme://host[:port]}) whose browser pages may call the mutating endpoints,
     * and whose CORS preflights are answered. Other cross-site browser requests are refused
     * with 403, whatever the authentication.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Access rules, used when Spring Security is on the classpath. */
    private final Security security = new Security();

    /** How the admin shows up in the OpenAPI document and Swagger UI (springdoc). */
    private final OpenApi openapi = new OpenApi();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        if (!BASE_PATH.matcher(Checks.notNull(basePath, "microevents.admin.base-path")).matches()) {
            throw new IllegalArgumentException("microevents.admin.base-path must look like /segment[/segment...] "
                    + "without a trailing slash, but was '" + basePath + "'");
        }
        this.basePath = basePath;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public DataSize getMaxPayloadSize() {
        return maxPayloadSize;
    }

    public void setMaxPayloadSize(DataSize maxPayloadSize) {
        long bytes = Checks.notNull(maxPayloadSize, "microevents.admin.max-payload-size").toBytes();
        if (bytes <= 0 || bytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("microevents.admin.max-payload-size must be between 1B and 2GB, but was "
                    + maxPayloadSize);
        }
        this.maxPayloadSize = maxPayloadSize;
    }

    public boolean isProtectedMode() {
        return protectedMode;
    }

    public void setProtectedMode(boolean protectedMode) {
        this.protectedMode = protectedMode;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        List<String> checked = new ArrayList<>();
        for (String origin : allowedOrigins == null ? List.<String>of() : allowedOrigins) {
            if (origin == null || !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("microevents.admin.allowed-origins must hold origins of the form "
                        + "scheme://host[:port] without a path, but held '" + origin + "'");
            }
            checked.add(origin);
        }
        this.allowedOrigins = checked;
    }

    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    public void setDefaultPageSize(int defaultPageSize) {
        if (defaultPageSize < 1) {
            throw new IllegalArgumentException("microevents.admin.default-page-size must be >= 1, but was "
                    + defaultPageSize);
        }
        this.defaultPageSize = defaultPageSize;
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("microevents.admin.max-page-size must be >= 1, but was " + maxPageSize);
        }
        this.maxPageSize = maxPageSize;
    }

    public Security getSecurity() {
        return security;
    }

    public OpenApi getOpenapi() {
        return openapi;
    }

    /** Who may read from the admin. */
    public enum ReadAccess {
        /** Any authenticated user. */
        AUTHENTICATED,
        /** Users with read-role or admin-role. */
        ROLE,
        /** Everyone, including anonymous callers. */
        ANYONE
    }

    /**
     * Access rules (microevents.admin.security.*), applied by the admin's own
     * SecurityFilterChain when Spring Security is on the classpath.
     */
    public static class Security {

        /**
         * Whether to contribute the admin's SecurityFilterChain (bean
         * microeventsAdminSecurityFilterChain). Turn it off when the host app's own
         * chains protect the admin paths.
         */
        private boolean enabled = true;

        /** Role needed by every mutating endpoint, without the ROLE_ prefix. */
        private String adminRole = "MICROEVENTS_ADMIN";

        /** Who may call the reading endpoints (GET and HEAD). */
        private ReadAccess readAccess = ReadAccess.AUTHENTICATED;

        /**
         * Role that may call the reading endpoints when read-access is role
         * (users with admin-role may read too), without the ROLE_ prefix.
         */
        private String readRole = "MICROEVENTS_VIEWER";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getAdminRole() {
            return adminRole;
        }

        public void setAdminRole(String adminRole) {
            this.adminRole = role(adminRole, "admin-role");
        }

        public ReadAccess getReadAccess() {
            return readAccess;
        }

        public void setReadAccess(ReadAccess readAccess) {
            this.readAccess = Checks.notNull(readAccess, "microevents.admin.security.read-access");
        }

        public String getReadRole() {
            return readRole;
        }

        public void setReadRole(String readRole) {
            this.readRole = role(readRole, "read-role");
        }

        private static String role(String value, String name) {
            String role = Checks.notBlank(value, "microevents.admin.security." + name).strip();
            return role.startsWith("ROLE_") ? role.substring("ROLE_".length()) : role;
        }
    }

    /** OpenAPI settings (microevents.admin.openapi.*), used when springdoc is present. */
    public static class OpenApi {

        /**
         * Also publish the admin as an OpenAPI group of its own. Off by default: springdoc's
         * Swagger UI shows only groups as soon as one exists, so a group would hide the host
         * app's ungrouped API. The admin is always in the default document.
         */
        private boolean group = false;

        /** Name of that group. */
        private String groupName = "microevents";

        public boolean isGroup() {
            return group;
        }

        public void setGroup(boolean group) {
            this.group = group;
        }

        public String getGroupName() {
            return groupName;
        }

        public void setGroupName(String groupName) {
            this.groupName = Checks.notBlank(groupName, "microevents.admin.openapi.group-name");
        }
    }
}
