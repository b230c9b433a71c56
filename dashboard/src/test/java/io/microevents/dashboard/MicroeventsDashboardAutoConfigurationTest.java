package io.microevents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.microevents.ManualTicker;
import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.admin.MicroeventsAdminAutoConfiguration;
import io.microevents.autoconfigure.RingRegistry;
import io.microevents.serial.SerialBridge;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the dashboard turns on, and what it adds to the scheduler, without starting a server. */
class MicroeventsDashboardAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroeventsAdminAutoConfiguration.class,
                    MicroeventsDashboardAutoConfiguration.class))
            .withUserConfiguration(WorkConfig.class);

    @Configuration(proxyBeanMethods = false)
    static class WorkConfig {
        @Bean
        Work work() {
            return Work.builder().ticker(new ManualTicker()).build();
        }
    }

    @Test
    void withTheAdminItServesThePageAndStream() {
        web.run(context -> assertThat(context).hasSingleBean(DashboardController.class)
                .hasSingleBean(DashboardStream.class)
                .doesNotHaveBean(DashboardSection.class));
    }

    @Test
    void theRingsComeFromTheOneRegistryOfTheContext() {
        RingRegistry own = new RingRegistry(java.util.Map.of("sensor", new Ring(1024)));
        web.withBean(RingRegistry.class, () -> own)
                .run(context -> assertThat(context).hasSingleBean(DashboardStream.class)
                        .getBean(RingRegistry.class).isSameAs(own));
    }

    @Test
    void withoutTheAdminThereIsNoDashboard() {
        web.withPropertyValues("microevents.admin.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardController.class));
    }

    @Test
    void itCanBeSwitchedOff() {
        web.withPropertyValues("microevents.dashboard.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardController.class)
                        .doesNotHaveBean(DashboardStream.class));
    }

    @Test
    void outsideAServletWebAppThereIsNoDashboard() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MicroeventsDashboardAutoConfiguration.class))
                .withUserConfiguration(WorkConfig.class)
                .run(context -> assertThat(context).doesNotHaveBean(DashboardController.class));
    }

    @Test
    void eachChartIsAListenerTaskOnItsEventUntilTheContextCloses() {
        Work[] seen = new Work[1];
        web.withPropertyValues("microevents.dashboard.charts.temp.event=rig1.temp",
                        "microevents.dashboard.charts.load.event=load", "microevents.dashboard.charts.load.arg=1")
                .run(context -> {
                    Work work = context.getBean(Work.class);
                    seen[0] = work;
                    assertThat(work.waitingEvents()).containsEntry("rig1.temp", 1).containsEntry("load", 1);
                    assertThat(work.statuses()).extracting(s -> s.job())
                            .contains("dashboard chart 'temp'", "dashboard chart 'load'");
                });
        assertThat(seen[0].waitingEvents()).isEmpty();
    }

    @Test
    void aChartWithoutAnEventFailsAtStartUpNamingTheProperty() {
        web.withPropertyValues("microevents.dashboard.charts.temp.label=C")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("microevents.dashboard.charts.temp.event"));
    }

    @Test
    void outOfRangeSettingsFailAtStartUpNamingTheProperty() {
        web.withPropertyValues("microevents.dashboard.max-clients=0")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("microevents.dashboard.max-clients"));
        web.withPropertyValues("microevents.dashboard.update-interval=1ms")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("microevents.dashboard.update-interval"));
    }

    @Test
    void withASerialBridgeThePortsAreASection() {
        web.withBean(SerialBridge.class, () -> SerialBridge.builder(Work.builder().ticker(new ManualTicker()).build())
                        .build())
                .run(context -> {
                    List<DashboardSection> sections = context.getBeanProvider(DashboardSection.class).stream().toList();
                    assertThat(sections).extracting(DashboardSection::name).containsExactly("ports");
                    assertThat(sections.get(0).read()).isEqualTo(List.of());
                });
    }
}
