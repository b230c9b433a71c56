package io.microevents.autoconfigure;

import io.microevents.Work;

/**
 * Adjusts the {@link Work.Builder} of the auto-configured {@link Work} bean before it is built,
 * for what the properties do not cover (an output sink of your own, more observers). Every
 * {@code WorkCustomizer} bean is applied, in {@code @Order}; a customizer runs after the starter
 * has set the properties, the ticker, the error handler, the logging output and the
 * {@code WorkObserver} beans, so it can override any of them.
 *
 * <pre>{@code
 * @Bean
 * WorkCustomizer quietPrints() {
 *     return builder -> builder.output(line -> { });
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WorkCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder of the Work bean
     */
    void customize(Work.Builder builder);
}
