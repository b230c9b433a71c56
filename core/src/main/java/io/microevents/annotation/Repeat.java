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
 * <h2>Once per cluster</h2>
 * When several instances of an application run, every instance runs every {@code @Repeat}
 * method. With {@link #singleton()} each slot runs on one instance only: at each slot the
 * instance takes a lock, named {@link #lockName()}, from a lock store the instances share, and
 * skips the slot when another instance holds it. The Spring starter takes the lock through
 * ShedLock (any {@code LockProvider} bean: a database, Redis, ZooKeeper...), off the loop thread.
 * <pre>{@code
 * @Repeat(every = 60_000, singleton = true)
 * void sendReport() { ... }
 * }</pre>
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

    /**
     * Whether each slot runs on one instance of the application only, the one that takes the
     * task's lock; the others skip it. Needs a lock store shared by the instances (in the
     * Spring starter: ShedLock and a {@code LockProvider} bean; without one, start-up fails).
     *
     * @return true to run once per cluster; false (default) to run on every instance
     */
    boolean singleton() default false;

    /**
     * The name of the lock the instances share, with {@link #singleton()}. Placeholders are
     * resolved.
     *
     * @return the lock name, or empty for {@code SimpleClassName.method}
     */
    String lockName() default "";

    /**
     * How long the lock is kept at most when the instance that holds it dies, with
     * {@link #singleton()}: a duration such as {@code "5m"} or {@code "PT5M"}, placeholders
     * resolved. It must be longer than the method ever runs.
     *
     * @return the duration, or empty for {@code microevents.cluster.lock-at-most-for} (default:
     *     three periods)
     */
    String lockAtMostFor() default "";

    /**
     * How long the lock is kept at least, even when the method returns sooner, with
     * {@link #singleton()}: it keeps instances whose clocks or slots are a little apart from
     * running the same slot twice. A duration such as {@code "50s"}, placeholders resolved; at
     * most {@link #lockAtMostFor()}.
     *
     * @return the duration, or empty for {@code microevents.cluster.lock-at-least-for} (default:
     *     nine tenths of the period)
     */
    String lockAtLeastFor() default "";
}
