package io.microevents.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.ManualTicker;
import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.autoconfigure.RingRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** When the admin turns on, and what it contributes, without starting a server. */
@ExtendWith(OutputCaptureExtension.class)
class MicroeventsAdminAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAdminAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class WorkConfig {
        @Bean
        Work work() {
            return Work.builder().ticker(new ManualTicker()).build();
        }
    }

    @Test
    void withoutAWorkBeanThereIsNoAdmin() {
        web.run(context -> assertThat(context).doesNotHaveBean(MicroeventsAdminAutoConfiguration.class)
                .doesNotHaveBean(TasksReadController.class));
    }

    @Test
    void itComesUpAfterTheStarterAndUsesItsWorkAndRings() {
        web.withConfiguration(AutoConfigurations.of(MicroeventsAutoConfiguration.class))
                .withBean(ManualTicker.class, ManualTicker::new)
                .withPropertyValues("microevents.rings.sensor.size=64")
                .run(context -> {
                    assertThat(context).hasSingleBean(TasksReadController.class).hasSingleBean(RingRegistry.class);
                    assertThat(context.getBean(RingRegistry.class).find("sensor")).isPresent();
                });
    }

    @Test
    void withoutTheStarterItFindsRingBeansItself() {
        web.withUserConfiguration(WorkConfig.class)
                .withBean("sensor", Ring.class, () -> new Ring(64))
                .run(context -> assertThat(context.getBean(RingRegistry.class).all()).containsOnlyKeys("sensor"));
    }

    @Test
    void outsideAServletWebAppThereIsNoAdmin() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MicroeventsAdminAutoConfiguration.class))
                .withUserConfiguration(WorkConfig.class)
                .run(context -> assertThat(context).doesNotHaveBean(TasksReadController.class));
    }

    @Test
    void itCanBeSwitchedOff() {
        web.withUserConfiguration(WorkConfig.class)
                .withPropertyValues("microevents.admin.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TasksReadController.class));
    }

    @Test
    void readOnlyLeavesOutEveryMutatingController() {
        web.withUserConfiguration(WorkConfig.class)
                .withPropertyValues("microevents.admin.read-only=true")
                .run(context -> assertThat(context)
                        .hasSingleBean(TasksReadController.class)
                        .hasSingleBean(EventsReadController.class)
                        .hasSingleBean(RingsReadController.class)
                        .hasSingleBean(SummaryController.class)
                        .doesNotHaveBean(TasksWriteController.class)
                        .doesNotHaveBean(EventsWriteController.class)
                        .doesNotHaveBean(RingsWriteController.class));
    }

    @Test
    void withoutSpringSecurityItWarnsOnceThatOnlyLocalClientsAreAnswered(CapturedOutput output) {
        web.withUserConfiguration(WorkConfig.class)
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TasksWriteController.class)
                            .doesNotHaveBean(SecurityFilterChain.class).doesNotHaveBean(AdminFirewall.class);
                    assertThat(output).containsOnlyOnce("microevents admin at /microevents/** (read-write) is not "
                            + "secured: no Spring Security filter chain. Protected mode: it answers only clients on "
                            + "this machine");
                });
    }

    @Test
    void withoutSpringSecurityAndProtectedModeOffItWarnsThatTheAdminIsOpen(CapturedOutput output) {
        web.withUserConfiguration(WorkConfig.class)
                .withPropertyValues("microevents.admin.protected-mode=false")
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).containsOnlyOnce("microevents admin at /microevents/** (read-write) is OPEN");
                });
    }

    @Test
    void badAllowedOriginsAreRefusedAtStartup() {
        web.withUserConfiguration(WorkConfig.class)
                .withPropertyValues("microevents.admin.allowed-origins=https://ops.example/path")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void itsChainSitsBesideSpringBootsDefaultChain(CapturedOutput output) {
        web.withUserConfiguration(WorkConfig.class)
                .withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(SecurityFilterChain.class))
                            .containsKey(MicroeventsAdminAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN)
                            .hasSize(2);
                    assertThat(context).hasSingleBean(AdminOpenApiSecurity.class);
                    assertThat(output).doesNotContain("is OPEN").doesNotContain("is not secured");
                });
    }

    @Test
    void aBeanWithTheChainsNameReplacesIt() {
        web.withUserConfiguration(WorkConfig.class, OwnChain.class)
                .withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class))
                .run(context -> {
                    assertThat(context.getBean(MicroeventsAdminAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN))
                            .isSameAs(context.getBean(OwnChain.class).chain);
                    assertThat(context).doesNotHaveBean(AdminOpenApiSecurity.class);
                });
    }

    @Test
    void theChainCanBeLeftToTheHostApp(CapturedOutput output) {
        web.withUserConfiguration(WorkConfig.class)
                .withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class))
                .withPropertyValues("microevents.admin.security.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(MicroeventsAdminAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN);
                    assertThat(output).contains("the application's own security filter chains decide");
                });
    }

    @Test
    void aBadBasePathFailsAtStartUpNamingTheProperty() {
        web.withUserConfiguration(WorkConfig.class)
                .withPropertyValues("microevents.admin.base-path=ops/")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("microevents.admin.base-path"));
    }

    @Test
    void rolesAreGivenWithoutThePrefix() {
        MicroeventsAdminProperties.Security security = new MicroeventsAdminProperties().getSecurity();
        security.setAdminRole("ROLE_OPS");
        assertThat(security.getAdminRole()).isEqualTo("OPS");
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {
        SecurityFilterChain chain;

        @Bean(name = MicroeventsAdminAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN)
        SecurityFilterChain microeventsAdminSecurityFilterChain(HttpSecurity http) throws Exception {
            chain = http.securityMatcher("/microevents/**")
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .build();
            return chain;
        }
    }
}
