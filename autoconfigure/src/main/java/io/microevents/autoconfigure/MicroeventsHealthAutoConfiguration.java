package io.microevents.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code microevents} health indicator, when Spring Boot's health support (actuator) is on the
 * classpath; {@code management.health.microevents.enabled=false} turns it off.
 */
@AutoConfiguration(after = MicroeventsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(WorkLifecycle.class)
@ConditionalOnEnabledHealthIndicator("microevents")
public class MicroeventsHealthAutoConfiguration {

    /** Creates the configuration; Spring Boot does. */
    public MicroeventsHealthAutoConfiguration() {
    }

    /**
     * The loop's health.
     *
     * @param lifecycle the loop's lifecycle
     * @param properties for {@code microevents.health.max-lateness}
     * @return the indicator, named {@code microevents}
     */
    @Bean
    @ConditionalOnMissingBean(name = "microeventsHealthIndicator")
    public WorkHealthIndicator microeventsHealthIndicator(WorkLifecycle lifecycle, MicroeventsProperties properties) {
        return new WorkHealthIndicator(lifecycle, properties.getHealth().getMaxLateness());
    }
}
