package io.microevents.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the REST admin (microevents.admin.*).
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

    /**
     * Whether the REST admin is registered at all.
     *
     * @return true by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the REST admin is registered.
     *
     * @param enabled false to register nothing
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The path prefix of every admin endpoint.
     *
     * @return for example /microevents
     */
    public String getBasePath() {
        return basePath;
    }

    /**
     * Sets the path prefix of every admin endpoint.
     *
     * @param basePath segments of letters, digits and . _ ~ -, each after a slash, no
     *     trailing slash (for example /ops/microevents)
     * @throws IllegalArgumentException if the path has another form
     */
    public void setBasePath(String basePath) {
        if (basePath == null || !BASE_PATH.matcher(basePath).matches()) {
            throw new IllegalArgumentException("microevents.admin.base-path must look like /segment[/segment...] "
                    + "without a trailing slash, but was '" + basePath + "'");
        }
        this.basePath = basePath;
    }

    /**
     * Whether only the reading endpoints are registered.
     *
     * @return false by default
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Sets whether only the reading endpoints are registered.
     *
     * @param readOnly true to leave out every mutating endpoint
     */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * The largest request body accepted.
     *
     * @return 64KB by default
     */
    public DataSize getMaxPayloadSize() {
        return maxPayloadSize;
    }

    /**
     * Sets the largest request body accepted.
     *
     * @param maxPayloadSize a positive size, for example 16KB
     * @throws IllegalArgumentException if it is null, not positive or above 2GB
     */
    public void setMaxPayloadSize(DataSize maxPayloadSize) {
        if (maxPayloadSize == null || maxPayloadSize.toBytes() <= 0 || maxPayloadSize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("microevents.admin.max-payload-size must be between 1B and 2GB, but was "
                    + maxPayloadSize);
        }
        this.maxPayloadSize = maxPayloadSize;
    }

    /**
     * Whether the admin answers only loopback clients while nothing secures it.
     *
     * @return true by default
     */
    public boolean isProtectedMode() {
        return protectedMode;
    }

    /**
     * Sets whether the admin answers only loopback clients while nothing secures it.
     *
     * @param protectedMode false to let every client in without Spring Security
     */
    public void setProtectedMode(boolean protectedMode) {
        this.protectedMode = protectedMode;
    }

    /**
     * The origins whose pages may call the mutating endpoints across sites.
     *
     * @return empty by default
     */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    /**
     * Sets the origins whose pages may call the mutating endpoints across sites.
     *
     * @param allowedOrigins origins such as {@code https://ops.example.com:8443}, no path
     * @throws IllegalArgumentException if one is not of the form {@code scheme://host[:port]}
     */
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

    /**
     * The page size of the task list when a request gives none.
     *
     * @return 50 by default
     */
    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    /**
     * Sets the page size of the task list when a request gives none.
     *
     * @param defaultPageSize at least 1
     * @throws IllegalArgumentException if it is below 1
     */
    public void setDefaultPageSize(int defaultPageSize) {
        if (defaultPageSize < 1) {
            throw new IllegalArgumentException("microevents.admin.default-page-size must be >= 1, but was "
                    + defaultPageSize);
        }
        this.defaultPageSize = defaultPageSize;
    }

    /**
     * The largest page size a request may ask for.
     *
     * @return 500 by default
     */
    public int getMaxPageSize() {
        return maxPageSize;
    }

    /**
     * Sets the largest page size a request may ask for.
     *
     * @param maxPageSize at least 1
     * @throws IllegalArgumentException if it is below 1
     */
    public void setMaxPageSize(int maxPageSize) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("microevents.admin.max-page-size must be >= 1, but was " + maxPageSize);
        }
        this.maxPageSize = maxPageSize;
    }

    /**
     * Access rules for Spring Security.
     *
     * @return the nested group
     */
    public Security getSecurity() {
        return security;
    }

    /**
     * OpenAPI settings.
     *
     * @return the nested group
     */
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

        /**
         * Whether the admin contributes its SecurityFilterChain.
         *
         * @return true by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the admin contributes its SecurityFilterChain.
         *
         * @param enabled false to leave the admin paths to the host app's chains
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The role of mutating endpoints.
         *
         * @return without the ROLE_ prefix
         */
        public String getAdminRole() {
            return adminRole;
        }

        /**
         * Sets the role of mutating endpoints.
         *
         * @param adminRole a role name; a leading ROLE_ is dropped
         * @throws IllegalArgumentException if it is blank
         */
        public void setAdminRole(String adminRole) {
            this.adminRole = role(adminRole, "admin-role");
        }

        /**
         * Who may read.
         *
         * @return AUTHENTICATED by default
         */
        public ReadAccess getReadAccess() {
            return readAccess;
        }

        /**
         * Sets who may read.
         *
         * @param readAccess authenticated, role or anyone
         */
        public void setReadAccess(ReadAccess readAccess) {
            if (readAccess == null) {
                throw new IllegalArgumentException("microevents.admin.security.read-access must not be empty");
            }
            this.readAccess = readAccess;
        }

        /**
         * The role of reading endpoints when read-access is role.
         *
         * @return without the ROLE_ prefix
         */
        public String getReadRole() {
            return readRole;
        }

        /**
         * Sets the role of reading endpoints.
         *
         * @param readRole a role name; a leading ROLE_ is dropped
         * @throws IllegalArgumentException if it is blank
         */
        public void setReadRole(String readRole) {
            this.readRole = role(readRole, "read-role");
        }

        private static String role(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("microevents.admin.security." + name + " must not be blank");
            }
            String role = value.strip();
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

        /**
         * Whether the admin is published as a group of its own.
         *
         * @return false by default
         */
        public boolean isGroup() {
            return group;
        }

        /**
         * Sets whether the admin is published as a group of its own.
         *
         * @param group true to add a springdoc {@code GroupedOpenApi}
         */
        public void setGroup(boolean group) {
            this.group = group;
        }

        /**
         * The group's name.
         *
         * @return {@code microevents} by default
         */
        public String getGroupName() {
            return groupName;
        }

        /**
         * Sets the group's name.
         *
         * @param groupName not blank
         * @throws IllegalArgumentException if it is blank
         */
        public void setGroupName(String groupName) {
            if (groupName == null || groupName.isBlank()) {
                throw new IllegalArgumentException("microevents.admin.openapi.group-name must not be blank");
            }
            this.groupName = groupName;
        }
    }
}
