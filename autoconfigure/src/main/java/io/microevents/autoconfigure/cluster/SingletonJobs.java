package io.microevents.autoconfigure.cluster;

import io.microevents.ClusterJob;
import io.microevents.Job;
import io.microevents.Work;

/**
 * Makes the jobs of {@code @Repeat(singleton = true)} methods: each slot runs on the one instance
 * that takes the method's lock. The annotation processor asks for the bean of this type; without
 * one (ShedLock is not on the classpath) a singleton method fails start-up with {@link #SETUP}.
 */
public interface SingletonJobs {

    /** What an application adds to run singleton methods; part of start-up errors. */
    String SETUP = "add the dependency net.javacrumbs.shedlock:shedlock-core with a lock provider such as "
            + "net.javacrumbs.shedlock:shedlock-provider-jdbc-template, and define a bean of type "
            + "net.javacrumbs.shedlock.core.LockProvider (see docs/cluster.md)";

    /**
     * Checks that singleton jobs can be made: there is a lock store.
     *
     * @throws IllegalStateException with a message that says what to add, when there is none
     */
    void checkReady();

    /**
     * Wraps a method's job so that each of its slots runs on one instance only. Register the
     * result with {@link Work#repeat}; it is named {@code jobName} and reports its slots in
     * {@link io.microevents.TaskStatus#cluster()}.
     *
     * @param work the scheduler the job runs on
     * @param jobName the job's display name
     * @param job the method's job
     * @param spec the method's lock settings
     * @return the singleton job
     * @throws IllegalStateException if there is no lock store, or the settings contradict each other
     */
    ClusterJob create(Work work, String jobName, Job job, SingletonSpec spec);
}
