package io.microevents.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method every time an event is triggered: the annotation form of
 * {@code work.on(job, event, delay, repeat)}.
 *
 * <pre>{@code
 * @Component
 * class Thermostat {
 *     @On("${rig.temperature-event:temperature}")
 *     void onReading(double celsius) { ... }   // work.triggerEvent("temperature", "23.5")
 *
 *     @On(value = "boot", once = true)
 *     void firstBoot(Event event) { ... }      // name, args and time of the trigger
 * }
 * }</pre>
 *
 * <h2>Parameters</h2>
 * The method takes one of:
 * <ul>
 *   <li>no parameters;</li>
 *   <li>parameters bound by position to the trigger's pkg ({@code triggerEvent(flag, pkg...)}),
 *       each value converted to the parameter's type with the application's conversion service
 *       (a serial line's {@code "23.5"} reaches a {@code double}). Extra values are ignored; a
 *       missing value, a {@code null} for a primitive or a value that cannot be converted makes
 *       that run fail: it is counted in the task's status and handed to the error handler, and
 *       the listener keeps listening;</li>
 *   <li>exactly one {@link Event} parameter: the event's name, all its values and the time.</li>
 * </ul>
 * Any other signature (an {@code Event} next to other parameters, a static method, a private
 * method on a proxied bean, {@code @On} together with {@link Repeat}) fails start-up with an error
 * that names the class, the method and the reason.
 *
 * <h2>Threading</h2>
 * The method runs on the scheduler's loop thread, one task at a time: keep it short. Hand long
 * work to an executor of your own and trigger another event with the result when it is done; a
 * slow handler makes every other task late.
 *
 * <p>The task's job name (shown in status, errors and metrics) is {@code SimpleClassName.method}.
 * It is cancelled when its bean is destroyed.
 *
 * @see Repeat
 * @see Event
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface On {

    /**
     * The event name (the {@code flag} of {@code triggerEvent}). Property placeholders such as
     * {@code "${sensor.event:reading}"} are resolved at start-up. A name that resolves to
     * {@value Repeat#DISABLED} disables the listener: nothing is registered.
     *
     * @return the event name
     */
    String value();

    /**
     * Whether the method runs only for the first trigger and then ends. By default a listener
     * runs once for every trigger, for as long as its bean lives.
     *
     * @return true for a single run
     */
    boolean once() default false;

    /**
     * Milliseconds between a trigger and the run it causes; 0 (the default) runs it as soon as
     * the loop is free.
     *
     * @return the delay in milliseconds, at least 0
     */
    long delay() default 0;

    /**
     * The delay as a string that may hold a property placeholder and a duration
     * ({@code "250ms"}, {@code "2s"}, {@code "PT1M"}; a plain number is milliseconds). When set,
     * it is used instead of {@link #delay()}.
     *
     * @return the delay, or empty to use {@link #delay()}
     */
    String delayString() default "";
}
