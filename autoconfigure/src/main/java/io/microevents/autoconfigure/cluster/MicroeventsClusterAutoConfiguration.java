package io.microevents.autoconfigure.cluster;

import io.microevents.autoconfigure.MicroeventsAutoConfiguration;
import io.microevents.autoconfigure.MicroeventsProperties;

import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code @Repeat(singleton = true)} on ShedLock, when {@code shedlock-core} is on the classpath:
 * the {@link SingletonJobs} bean. The application defines the {@link LockProvider} bean; it is
 * looked up only when a singleton method is registered, and start-up fails without one.
 */
@AutoConfiguration(after = MicroeventsAutoConfiguration.class)
@ConditionalOnClass(LockProvider.class)
@ConditionalOnBooleanProperty(name = "microevents.work.enabled", matchIfMissing = true)
public class MicroeventsClusterAutoConfiguration {

    /** Creates the configuration; Spring Boot does. */
    public MicroeventsClusterAutoConfiguration() {
    }

    /**
     * Singleton jobs on the application's {@link LockProvider}, configured by
     * {@code microevents.cluster.*}.
     *
     * @param providers the lock provider beans
     * @param properties the properties
     * @return the factory of singleton jobs
     */
    @Bean
    @ConditionalOnMissingBean
    public SingletonJobs microeventsSingletonJobs(ObjectProvider<LockProvider> providers,
                                                  MicroeventsProperties properties) {
        return new ShedLockSingletonJobs(providers, properties.getCluster());
    }
}
