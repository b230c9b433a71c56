package io.microevents.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.microevents.Work;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for {@link Work} and the rings, when Micrometer is on the classpath. They are
 * {@link MeterBinder}s: Spring Boot's metrics auto-configuration binds them to the application's
 * meter registry.
 */
@AutoConfiguration(after = MicroeventsAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
public class MicroeventsMetricsAutoConfiguration {

    /** Creates the configuration; Spring Boot does. */
    public MicroeventsMetricsAutoConfiguration() {
    }

    /**
     * Task, lateness and event meters.
     *
     * @param work the scheduler
     * @param properties for {@code microevents.metrics.max-event-tags}
     * @return the binder
     */
    @Bean
    @ConditionalOnBean(Work.class)
    @ConditionalOnMissingBean
    public WorkMetrics workMetrics(Work work, MicroeventsProperties properties) {
        return new WorkMetrics(work, properties.getMetrics().getMaxEventTags());
    }

    /**
     * Ring usage meters.
     *
     * @param rings the rings
     * @return the binder
     */
    @Bean
    @ConditionalOnBean(RingRegistry.class)
    @ConditionalOnMissingBean
    public RingMetrics ringMetrics(RingRegistry rings) {
        return new RingMetrics(rings);
    }
}
