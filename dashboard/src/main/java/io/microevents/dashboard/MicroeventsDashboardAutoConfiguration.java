package io.microevents.dashboard;

import io.microevents.Work;
import io.microevents.admin.MicroeventsAdminAutoConfiguration;
import io.microevents.admin.MicroeventsAdminProperties;
import io.microevents.autoconfigure.RingRegistry;
import io.microevents.serial.SerialBridge;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the live dashboard: in a servlet web app where the REST admin is on, it
 * serves the page at {@code <base-path>/}, its stream at {@code <base-path>/stream} and its
 * scripts at {@code <base-path>/assets/}, all under the admin's base path and security chain.
 * The rings come from the one {@link RingRegistry} bean (defined by the starter, imported by the
 * admin, which this page requires).
 */
@AutoConfiguration(after = MicroeventsAdminAutoConfiguration.class, afterName = {
        "io.microevents.serial.autoconfigure.SerialBridgeAutoConfiguration",
        "io.microevents.serial.admin.SerialBridgeAdminAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({Work.class, MicroeventsAdminProperties.class})
@ConditionalOnBooleanProperty(name = "microevents.dashboard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MicroeventsDashboardProperties.class)
public class MicroeventsDashboardAutoConfiguration {

    private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

    /** Creates the auto-configuration; Spring calls this. */
    public MicroeventsDashboardAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    DashboardCharts microeventsDashboardCharts(Work work, MicroeventsDashboardProperties properties) {
        return new DashboardCharts(work, new RunMeter(), properties.getCharts(), properties.getChartPoints());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DashboardStream microeventsDashboardStream(Work work, RingRegistry rings,
                                               ObjectProvider<DashboardSection> sections, DashboardCharts charts,
                                               MicroeventsDashboardProperties properties) {
        List<DashboardSection> contributed = sections.orderedStream().toList();
        RunMeter meter = charts.meter();
        DashboardModel model = new DashboardModel(work, rings, contributed, charts.series(), properties.getCharts(),
                meter, properties.getChartWindow().toMillis(), Clock.systemUTC());
        return new DashboardStream(model, JsonMapper.builder().build(), properties);
    }

    @Bean
    DashboardController microeventsDashboardController(DashboardStream stream, MicroeventsAdminProperties admin,
                                                       ListableBeanFactory beans) {
        boolean security = SecurityChains.present(beans);
        return new DashboardController(stream, admin.isReadOnly(), security, admin.getSecurity().getAdminRole());
    }

    @Bean
    WebMvcConfigurer microeventsDashboardAssets(MicroeventsAdminProperties admin) {
        String base = admin.getBasePath();
        return new WebMvcConfigurer() {
            /** Without the trailing slash, the page's relative links would miss the base path. */
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController(base, base + "/");
            }

            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(base + "/assets/uplot/**")
                        .addResourceLocations("classpath:/META-INF/resources/webjars/uplot/")
                        .setCacheControl(CacheControl.maxAge(java.time.Duration.ofDays(7)));
                registry.addResourceHandler(base + "/assets/**")
                        .addResourceLocations("classpath:/io/microevents/dashboard/static/")
                        .setCacheControl(CacheControl.noCache());
            }
        };
    }

    /** The serial bridge's ports as the section {@code ports}, when the bridge is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SerialBridge.class)
    @ConditionalOnBean(SerialBridge.class)
    static class SerialPorts {

        @Bean
        @ConditionalOnMissingBean(name = "microeventsDashboardSerialPorts")
        DashboardSection microeventsDashboardSerialPorts(SerialBridge bridge) {
            return new DashboardSection() {
                @Override
                public String name() {
                    return "ports";
                }

                @Override
                public Object read() {
                    return bridge.status();
                }
            };
        }
    }

    /** Whether Spring Security filters guard the app: then writing needs the admin role. */
    static final class SecurityChains {
        private SecurityChains() {
        }

        static boolean present(ListableBeanFactory beans) {
            ClassLoader loader = MicroeventsDashboardAutoConfiguration.class.getClassLoader();
            if (!ClassUtils.isPresent(SECURITY_FILTER_CHAIN, loader)) {
                return false;
            }
            return beans.getBeanNamesForType(ClassUtils.resolveClassName(SECURITY_FILTER_CHAIN, loader), false, false)
                    .length > 0;
        }
    }
}
