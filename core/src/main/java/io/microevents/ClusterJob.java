package io.microevents;

/**
 * A job that runs on one instance of a cluster at a time, guarded by a lock the instances share
 * (the Spring starter's {@code @Repeat(singleton = true)}). {@link Work} shows what it reports in
 * {@link TaskStatus#cluster()}.
 */
public interface ClusterJob extends Job {

    /**
     * What the job did with its slots on this instance. Called by {@link Work#status} while it
     * holds the scheduler's lock: it must be quick and must not block or call {@link Work}.
     *
     * @return a snapshot of its slots; never null
     */
    ClusterSlots clusterSlots();
}
