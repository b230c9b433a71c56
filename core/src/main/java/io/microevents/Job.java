package io.microevents;

import java.util.Objects;

/**
 * A piece of work that {@link Work} runs on its loop thread.
 *
 * <p>The job receives the task's params (or, for a run caused by {@link Work#triggerEvent},
 * that trigger's pkg when it is non-empty) as its arguments, as the manual's jobs do:
 * <pre>{@code
 * work.doNow(args -> System.out.println("Hello, " + args[0] + "!"), "Alice");
 * }</pre>
 * Jobs without arguments can be plain {@link Runnable}s: every scheduling method of
 * {@link Work} has a {@code Runnable} overload.
 */
@FunctionalInterface
public interface Job {

    /**
     * Runs the job.
     *
     * @param args the task's params, or the pkg of the trigger that caused this run; never null
     * @throws Exception anything; the loop survives it and hands it to the error handler
     */
    void run(Object... args) throws Exception;

    /**
     * Adapts a {@link Runnable} that ignores the arguments.
     *
     * @param runnable the code to run
     * @return a job that runs {@code runnable}, named after it
     * @throws NullPointerException if {@code runnable} is null
     * @throws IllegalArgumentException if its name is blank
     */
    static Job of(Runnable runnable) {
        Checks.notNull(runnable, "job");
        return new JobNames.RunnableJob(Checks.notBlank(JobNames.nameOf(runnable), "name"), runnable);
    }

    /**
     * Gives a job the name that {@link TaskStatus#job()} and error reports show.
     *
     * @param name a name such as {@code "SensorReader.poll"}
     * @param job the job to name
     * @return a job that delegates to {@code job} and whose {@code toString()} is {@code name}
     * @throws NullPointerException if {@code name} or {@code job} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static Job named(String name, Job job) {
        Checks.notBlank(name, "name");
        Checks.notNull(job, "job");
        return new JobNames.NamedJob(name, job);
    }

    /**
     * The name of a job as shown in status and error reports: the name given to
     * {@link #named}, a {@code toString()} the job's class overrides, or its class name.
     *
     * @param job a job
     * @return its display name
     * @throws NullPointerException if {@code job} is null
     */
    static String nameOf(Object job) {
        return JobNames.nameOf(Objects.requireNonNull(job, "job"));
    }
}
