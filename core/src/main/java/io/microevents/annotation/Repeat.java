package io.microevents.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method at a fixed rate: the annotation form of
 * {@code work.repeat(job, at, every)}. Run n is due at {@code start + at + n * every}; a run that
 * falls behind by more than a period skips the missed slots instead of bursting.
 *
 * <pre>{@code
 * @Component
 * class Rig {
 *     @Repeat(every = 1000)
 *     void heartbeat() { ... }
 *
 *     @Repeat(everyString = "${rig.poll:1s}", atString = "${rig.warm-up:5s}")
 *     void poll() { ... }
 * }
 * }</pre>
 *
 * <p>Give the interval either as {@link #every()} (milliseconds) or as {@link #everyString()}
 * (placeholders and durations), not both; the same for the initial delay ({@link #at()} or
 * {@link #atString()}). A string that resolves to {@value #DISABLED} disables the task from
 * configuration: nothing is registered, as with Spring's {@code @Scheduled(cron = "-")}.
 *
 * <p>The method takes no parameters. Any other signature (parameters, a static method, a private
 * method on a proxied bean, {@code @Repeat} together with {@link On}) fails start-up with an
 * error that names the class, the method and the reason.
 *
 * <h2>Threading</h2>
 * The method runs on the scheduler's loop thread, one task at a time: keep it short. Hand long
 * work to an executor of your own and trigger an event with the result when it is done.
 *
 * <p>The task's job name (shown in status, errors and metrics) is {@code SimpleClassName.method}.
 * It is cancelled when its bean is destroyed.
 *
 * @see On
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Repeat {

    /** The value of {@link #everyString()}, {@link #atString()} or {@link On#value()} that disables the task. */
    String DISABLED = "-";

    /**
     * The interval in milliseconds (greater than 0). Leave it unset when {@link #everyString()} is given.
     *
     * @return the interval in milliseconds, or -1 when unset
     */
    long every() default -1;

    /**
     * The interval as a string that may hold a property placeholder and a duration
     * ({@code "${rig.poll:1s}"}, {@code "500ms"}, {@code "PT1M"}; a plain number is
     * milliseconds), or {@value #DISABLED} to disable the task.
     *
     * @return the interval, or empty to use {@link #every()}
     */
    String everyString() default "";

    /**
     * The initial delay in milliseconds before the first run (default 0: run at once).
     *
     * @return the initial delay in milliseconds, at least 0
     */
    long at() default 0;

    /**
     * The initial delay as a string that may hold a property placeholder and a duration, or
     * {@value #DISABLED} to disable the task. When set, it is used instead of {@link #at()}.
     *
     * @return the initial delay, or empty to use {@link #at()}
     */
    String atString() default "";
}
