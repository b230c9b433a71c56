package io.microevents.admin;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says once at start-up, in the log, who can reach the admin: a warning when nothing protects it
 * because Spring Security is not on the classpath, a note when Spring Security is there but the
 * admin's own chain is not, so the host app's chains decide.
 */
final class AdminAccessReport implements SmartInitializingSingleton, BeanClassLoaderAware {

    static final String SECURITY_CLASS = "org.springframework.security.web.SecurityFilterChain";

    private static final Log LOG = LogFactory.getLog(MicroeventsAdminAutoConfiguration.class);

    private final ListableBeanFactory beans;
    private final MicroeventsAdminProperties properties;
    private ClassLoader classLoader = AdminAccessReport.class.getClassLoader();

    AdminAccessReport(ListableBeanFactory beans, MicroeventsAdminProperties properties) {
        this.beans = beans;
        this.properties = properties;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String paths = properties.getBasePath() + "/**";
        String mode = properties.isReadOnly() ? "read-only" : "read-write";
        if (!MicroeventsAdminAutoConfiguration.hasSecurityFilterChain(beans)) {
            String how = "Add spring-boot-starter-security (the admin then requires role "
                    + properties.getSecurity().getAdminRole() + " for changes), set microevents.admin.read-only=true, "
                    + "or microevents.admin.enabled=false.";
            if (properties.isProtectedMode()) {
                LOG.warn("microevents admin at " + paths + " (" + mode + ") is not secured: no Spring Security "
                        + "filter chain. Protected mode: it answers only clients on this machine (loopback), others "
                        + "get 403. " + how);
            } else {
                LOG.warn("microevents admin at " + paths + " (" + mode + ") is OPEN: no Spring Security filter "
                        + "chain and microevents.admin.protected-mode=false, so anyone who can reach this "
                        + "application can " + (properties.isReadOnly() ? "read tasks, events and ring messages. "
                                : "cancel and run tasks, trigger events and pull ring messages. ") + how);
            }
        } else if (!beans.containsBean(MicroeventsAdminAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN)) {
            LOG.info("microevents admin at " + paths + " (" + mode + "): no microeventsAdminSecurityFilterChain; "
                    + "the application's own security filter chains decide who may call it.");
        }
    }
}
