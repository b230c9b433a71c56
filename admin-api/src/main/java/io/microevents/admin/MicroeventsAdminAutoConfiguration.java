package io.microevents.admin;

import io.microevents.Work;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.autoconfigure.RingRegistry;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of the REST admin: in a servlet web app with a {@link Work} bean, it
 * registers the admin's controllers under {@code microevents.admin.base-path}, their error
 * handling, and, with Spring Security on the classpath, a {@link SecurityFilterChain} for that
 * path. Mutating controllers are left out when {@code microevents.admin.read-only=true}.
 *
 * <p>Runs after the microevents starter (which provides {@link Work} and the {@link RingRegistry},
 * which the admin injects; an application that excludes the starter's auto-configuration still
 * gets the starter's one registry definition, imported) and after Spring Boot's servlet security,
 * whose default chain must be decided before the admin adds its own.
 */
@AutoConfiguration(after = MicroeventsAutoConfiguration.class, afterName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(Work.class)
@ConditionalOnBooleanProperty(name = "microevents.admin.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MicroeventsAdminProperties.class)
@Import({MicroeventsAutoConfiguration.RingRegistryConfiguration.class, TasksReadController.class,
        EventsReadController.class, RingsReadController.class, SummaryController.class})
public class MicroeventsAdminAutoConfiguration {

    /** Name of the admin's {@link SecurityFilterChain} bean; define a bean of that name to replace it. */
    public static final String SECURITY_FILTER_CHAIN_BEAN = "microeventsAdminSecurityFilterChain";

    /**
     * Order of the admin's {@link SecurityFilterChain}: ahead of Spring Boot's default chain and
     * of chains without an explicit order, so it sees the admin paths first.
     */
    public static final int SECURITY_FILTER_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 20;

    /** Creates the auto-configuration; Spring calls this. */
    public MicroeventsAdminAutoConfiguration() {
    }

    /**
     * Order of the admin's request guard (protected mode, cross-origin protection): just ahead
     * of Spring Security's filter ({@code spring.security.filter.order}, -100 by default).
     */
    public static final int REQUEST_GUARD_ORDER = -101;

    @Bean
    WebMvcConfigurer microeventsAdminPathPrefix(MicroeventsAdminProperties properties) {
        return new AdminPathPrefix(properties);
    }

    @Bean
    FilterRegistrationBean<AdminRequestGuard> microeventsAdminRequestGuard(MicroeventsAdminProperties properties,
                                                                           ListableBeanFactory beans,
                                                                           ObjectProvider<AdminFirewall> firewall) {
        AdminFirewall checks = firewall.getIfAvailable();
        AdminRequestGuard guard = new AdminRequestGuard(properties, securityFilterChainPresence(beans),
                checks == null ? request -> null : checks::rejects);
        FilterRegistrationBean<AdminRequestGuard> registration = new FilterRegistrationBean<>(guard);
        registration.setName("microeventsAdminRequestGuard");
        registration.addUrlPatterns(properties.getBasePath(), properties.getBasePath() + "/*");
        registration.setOrder(REQUEST_GUARD_ORDER);
        return registration;
    }

    /**
     * Whether the application has a Spring Security filter chain, asked once the context is
     * complete and remembered (requests arrive after that; looking through every bean definition
     * on each request would cost).
     */
    private static BooleanSupplier securityFilterChainPresence(ListableBeanFactory beans) {
        return new BooleanSupplier() {
            private volatile Boolean known;

            @Override
            public boolean getAsBoolean() {
                Boolean present = known;
                if (present == null) {
                    present = hasSecurityFilterChain(beans);
                    if (beans instanceof ConfigurableListableBeanFactory factory && factory.isConfigurationFrozen()) {
                        known = present;
                    }
                }
                return present;
            }
        };
    }

    /** Whether the application has a Spring Security filter chain (then protected mode stands aside). */
    static boolean hasSecurityFilterChain(ListableBeanFactory beans) {
        ClassLoader loader = beans instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
                : MicroeventsAdminAutoConfiguration.class.getClassLoader();
        if (!ClassUtils.isPresent(AdminAccessReport.SECURITY_CLASS, loader)) {
            return false;
        }
        Class<?> chain = ClassUtils.resolveClassName(AdminAccessReport.SECURITY_CLASS, loader);
        return beans.getBeanNamesForType(chain, false, false).length > 0;
    }

    @Bean
    AdminExceptionResolver microeventsAdminExceptionResolver(MicroeventsAdminProperties properties,
                                                             AdminControllerAdvice advice) {
        return new AdminExceptionResolver(properties.getBasePath(), advice);
    }

    @Bean
    WorkClock microeventsAdminClock(Work work) {
        return new WorkClock(work, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ExecutionTracker microeventsAdminExecutionTracker(Work work, WorkClock clock) {
        ExecutionTracker tracker = new ExecutionTracker(work, clock);
        tracker.start();
        return tracker;
    }

    @Bean
    TaskViews microeventsAdminTaskViews(Work work, WorkClock clock, ExecutionTracker tracker) {
        return new TaskViews(work, clock, tracker);
    }

    @Bean
    AdminControllerAdvice microeventsAdminControllerAdvice() {
        return new AdminControllerAdvice();
    }

    @Bean
    PayloadLimitAdvice microeventsAdminPayloadLimit(MicroeventsAdminProperties properties) {
        return new PayloadLimitAdvice(properties.getMaxPayloadSize());
    }

    @Bean
    AdminAccessReport microeventsAdminAccessReport(ListableBeanFactory beans, MicroeventsAdminProperties properties) {
        return new AdminAccessReport(beans, properties);
    }

    /** The mutating endpoints, left out entirely in read-only mode. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "microevents.admin.read-only", havingValue = false, matchIfMissing = true)
    @Import({TasksWriteController.class, EventsWriteController.class, RingsWriteController.class})
    static class WriteEndpoints {
    }

    /**
     * The admin's security filter chain, when Spring Security is present and the application has
     * no bean of that name; with it, the admin's security in the OpenAPI document.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {AdminAccessReport.SECURITY_CLASS,
            "org.springframework.security.config.annotation.web.builders.HttpSecurity"})
    @ConditionalOnBooleanProperty(name = "microevents.admin.security.enabled", matchIfMissing = true)
    @ConditionalOnBean(HttpSecurity.class)
    @ConditionalOnMissingBean(name = SECURITY_FILTER_CHAIN_BEAN)
    static class Security {

        @Bean(name = SECURITY_FILTER_CHAIN_BEAN)
        @Order(SECURITY_FILTER_CHAIN_ORDER)
        SecurityFilterChain microeventsAdminSecurityFilterChain(HttpSecurity http, MicroeventsAdminProperties properties)
                throws Exception {
            return AdminSecurity.chain(http, properties);
        }

        /** Documents this chain's rules; a replaced chain documents itself. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
        static class Documentation {

            @Bean
            AdminOpenApiSecurity microeventsAdminOpenApiSecurity(MicroeventsAdminProperties properties) {
                return new AdminOpenApiSecurity(properties);
            }
        }
    }

    /** Spring Security's firewall, asked ahead of Spring Security so that its refusals are problem details. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.web.firewall.HttpFirewall")
    static class Firewall {

        @Bean
        AdminFirewall microeventsAdminFirewall(
                ObjectProvider<org.springframework.security.web.firewall.HttpFirewall> firewall) {
            return new AdminFirewall(firewall);
        }
    }

    /** Tomcat's own refusals on the admin's paths as problem details, when the server is Tomcat. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.apache.catalina.valves.ErrorReportValve",
            "org.springframework.boot.tomcat.TomcatContextCustomizer",
            "org.springframework.boot.tomcat.TomcatConnectorCustomizer"})
    static class Tomcat {

        @Bean
        org.springframework.boot.tomcat.TomcatContextCustomizer microeventsAdminTomcatErrorReport(
                MicroeventsAdminProperties properties) {
            return AdminTomcatErrorReport.customizer(properties.getBasePath());
        }

        @Bean
        org.springframework.boot.tomcat.TomcatConnectorCustomizer microeventsAdminTomcatBackslash() {
            return AdminTomcatErrorReport.backslashRefusedAfterParsing();
        }
    }

    /** The admin's own OpenAPI group (opt-in) and its hand-made schemas, when springdoc is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.models.GroupedOpenApi")
    static class OpenApi {

        @Bean
        AdminOpenApiSchemas microeventsAdminOpenApiSchemas() {
            return new AdminOpenApiSchemas();
        }

        @Bean
        @ConditionalOnBooleanProperty(name = "microevents.admin.openapi.group")
        @ConditionalOnMissingBean(name = "microeventsAdminOpenApiGroup")
        org.springdoc.core.models.GroupedOpenApi microeventsAdminOpenApiGroup(MicroeventsAdminProperties properties) {
            return org.springdoc.core.models.GroupedOpenApi.builder()
                    .group(properties.getOpenapi().getGroupName())
                    .displayName("microevents admin")
                    .pathsToMatch(properties.getBasePath() + "/**")
                    .build();
        }
    }

    /** Puts the admin's controllers, and only them, under the base path. */
    private static final class AdminPathPrefix implements WebMvcConfigurer, Ordered {
        private final MicroeventsAdminProperties properties;

        AdminPathPrefix(MicroeventsAdminProperties properties) {
            this.properties = properties;
        }

        @Override
        public void configurePathMatch(PathMatchConfigurer configurer) {
            configurer.addPathPrefix(properties.getBasePath(), HandlerTypePredicate.forAnnotation(AdminEndpoint.class));
        }

        /** First, so a host prefix for all {@code @RestController}s does not take the admin's place. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
