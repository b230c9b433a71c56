package io.microevents.autoconfigure;

import java.lang.reflect.Method;
import java.util.function.LongSupplier;

import io.microevents.autoconfigure.cluster.SingletonJobs;
import io.microevents.autoconfigure.cluster.SingletonSpec;

import org.springframework.core.convert.ConversionService;

/**
 * One checked {@code @On} or {@code @Repeat} method, as {@link AnnotatedMethodParser} describes it
 * and {@link AnnotatedTaskRegistrar} registers it: every placeholder resolved, every value in range.
 *
 * @param description the method as errors and logs name it: kind, class, method and bean
 * @param jobName the job name, {@code SimpleClassName.method}
 * @param bean the bean as the context exposes it (its proxy, if it has one)
 * @param invocable the method to call on {@code bean}
 * @param declared the method as declared on the user class
 * @param binding how the method's parameters are filled
 * @param event the event name of an {@code @On} method; null for {@code @Repeat}
 * @param repeatOnEvent for {@code @On}: whether it runs on every trigger (not {@code once})
 * @param delay {@code @On}: the delay after a trigger; {@code @Repeat}: the first run's offset, in ms
 * @param every {@code @Repeat}: the period in ms; 0 for {@code @On}
 * @param conversionService converts trigger values to parameter types
 * @param singleton the lock settings of a {@code @Repeat(singleton = true)} method; null otherwise
 * @param singletonJobs the factory of singleton jobs when {@code singleton} is set; null otherwise
 */
record MethodTask(String description, String jobName, Object bean, Method invocable, Method declared,
                  MethodJob.Binding binding, String event, boolean repeatOnEvent, long delay, long every,
                  ConversionService conversionService, SingletonSpec singleton, SingletonJobs singletonJobs) {

    /** Whether it is an {@code @On} method (else a {@code @Repeat} one). */
    boolean isOn() {
        return event != null;
    }

    /** A fresh job that calls the method, with the scheduler's clock for {@code Event.time()}. */
    MethodJob job(LongSupplier clock) {
        return new MethodJob(jobName, bean, invocable, declared, binding, event, conversionService, clock);
    }
}
