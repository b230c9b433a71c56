package io.microevents.autoconfigure;

import io.microevents.ManualTicker;
import io.microevents.Ring;
import io.microevents.TaskErrorHandler;
import io.microevents.Ticker;
import io.microevents.Work;
import io.microevents.WorkObserver;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration of microevents: a {@link Work} bean whose loop runs on a thread of its own
 * ({@link WorkLifecycle}), one {@link Ring} bean per {@code microevents.rings.<name>}, the
 * {@link RingRegistry}, and the processing of {@code @On} and {@code @Repeat} methods. Every bean
 * backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(MicroeventsProperties.class)
@Import(RingBeanRegistrar.class)
public class MicroeventsAutoConfiguration {

    /** Name of the logger that receives {@link Work#print} lines, at INFO. */
    public static final String PRINT_LOGGER = "io.microevents.print";

    /** Creates the configuration; Spring Boot does. */
    public MicroeventsAutoConfiguration() {
    }

    /**
     * The one definition of the {@link RingRegistry} bean. Modules that need the registry order
     * themselves after this auto-configuration and inject it; one that must also work without it
     * (an application that excludes this auto-configuration) imports this class, which Spring
     * reads once however many configurations import it.
     */
    @Configuration(proxyBeanMethods = false)
    public static class RingRegistryConfiguration {

        /** Creates the configuration; Spring Boot does. */
        public RingRegistryConfiguration() {
        }

        /**
         * Every {@link Ring} bean by name.
         *
         * @param beanFactory the bean factory that holds the rings
         * @return the registry
         */
        @Bean
        @ConditionalOnMissingBean
        public RingRegistry ringRegistry(ListableBeanFactory beanFactory) {
            return new RingRegistry(beanFactory.getBeansOfType(Ring.class));
        }
    }

    /** The scheduler, its loop thread and annotated methods: on unless {@code microevents.work.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "microevents.work.enabled", matchIfMissing = true)
    public static class WorkConfiguration {

        /** Creates the configuration; Spring Boot does. */
        public WorkConfiguration() {
        }

        /**
         * The system clock. Define a {@link ManualTicker} bean instead to run on virtual time
         * (no loop thread; drive it with {@link Work#advanceBy(long)}).
         *
         * @return {@link Ticker#system()}
         */
        @Bean
        @ConditionalOnMissingBean
        public Ticker microeventsTicker() {
            return Ticker.system();
        }

        /**
         * Logs what jobs throw, at WARN, on logger {@code io.microevents.Work}: with its stack trace,
         * except for an {@link EventArgumentException} (a trigger whose values a handler cannot take),
         * which gets one line.
         *
         * @return the handler
         */
        @Bean
        @ConditionalOnMissingBean
        public TaskErrorHandler taskErrorHandler() {
            Log errors = LogFactory.getLog(Work.class);
            return (taskId, job, error) -> {
                if (error instanceof EventArgumentException) {
                    errors.warn("Task " + taskId + " (" + job + ") skipped a trigger: " + error.getMessage());
                } else {
                    errors.warn("Task " + taskId + " (" + job + ") failed: " + error, error);
                }
            };
        }

        /**
         * The scheduler, built from {@code microevents.work.*}, the ticker, the error handler,
         * every {@link WorkObserver} bean and every {@link WorkCustomizer} bean; its
         * {@link Work#print} output goes to the logger {@value MicroeventsAutoConfiguration#PRINT_LOGGER}.
         *
         * @param properties the properties
         * @param ticker the time source
         * @param errorHandler where job failures go
         * @param observers observer beans
         * @param customizers customizer beans
         * @return the scheduler
         */
        @Bean
        @ConditionalOnMissingBean
        public Work work(MicroeventsProperties properties, Ticker ticker, TaskErrorHandler errorHandler,
                         ObjectProvider<WorkObserver> observers, ObjectProvider<WorkCustomizer> customizers) {
            Log printLog = LogFactory.getLog(PRINT_LOGGER);
            Work.Builder builder = Work.builder()
                    .maxTasks(properties.getWork().getMaxTasks())
                    .maxQueuedTriggers(properties.getWork().getMaxQueuedTriggers())
                    .maxQueuedTriggerBytes(properties.getWork().getMaxQueuedTriggerBytes().toBytes())
                    .ticker(ticker)
                    .errorHandler(errorHandler)
                    .output(printLog::info);
            observers.orderedStream().forEach(builder::observer);
            customizers.orderedStream().forEach(c -> c.customize(builder));
            return builder.build();
        }

        /**
         * Runs the scheduler's loop on the thread {@code microevents.work.thread-name} while the
         * context runs; no thread on virtual time.
         *
         * @param work the scheduler (an application's own too: its ticker decides)
         * @param properties the properties
         * @return the lifecycle
         */
        @Bean
        @ConditionalOnMissingBean
        public WorkLifecycle workLifecycle(Work work, MicroeventsProperties properties) {
            return new WorkLifecycle(work, work.ticker() instanceof ManualTicker,
                    properties.getWork().getThreadName(), properties.getWork().getShutdownTimeout());
        }

        /**
         * Registers {@code @On} and {@code @Repeat} methods.
         *
         * @return the processor
         */
        @Bean
        @ConditionalOnMissingBean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        public static MicroeventsAnnotationBeanPostProcessor microeventsAnnotationBeanPostProcessor() {
            return new MicroeventsAnnotationBeanPostProcessor();
        }

        /**
         * Keeps beans with {@code @On} or {@code @Repeat} methods out of lazy initialisation
         * ({@code spring.main.lazy-initialization=true}), so their tasks are registered at start-up.
         *
         * @return the filter
         */
        @Bean
        @ConditionalOnMissingBean(name = "microeventsLazyInitializationExcludeFilter")
        public static LazyInitializationExcludeFilter microeventsLazyInitializationExcludeFilter() {
            return (beanName, definition, beanType) -> AnnotatedMethods.hasAny(beanType);
        }
    }
}
