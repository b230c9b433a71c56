package io.microevents.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.Checks;
import io.microevents.ClusterJob;
import io.microevents.Job;
import io.microevents.Work;
import io.microevents.autoconfigure.MicroeventsProperties;

import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@link SingletonJobs} on ShedLock: the application's {@link LockProvider} bean is the lock
 * store, called on a small bounded pool of threads of its own ({@code microevents-lock-N}), never
 * on the scheduler's loop thread.
 *
 * <p>Lock settings a method does not give come from {@code microevents.cluster.*}, else from its
 * period: {@code lockAtMostFor} three periods, {@code lockAtLeastFor} nine tenths of a period
 * (never more than {@code lockAtMostFor}). A lock call that takes longer than
 * {@code microevents.cluster.lock-timeout}, the period, or half of {@code lockAtMostFor},
 * whichever is least, skips its slot.
 *
 * <p>When the context closes it releases the locks it holds and stops its threads.
 */
public final class ShedLockSingletonJobs implements SingletonJobs, DisposableBean {

    private final ObjectProvider<LockProvider> providers;
    private final MicroeventsProperties.ClusterSettings settings;
    private final ThreadPoolExecutor executor;
    private final List<SingletonJob> jobs = new CopyOnWriteArrayList<>();

    /**
     * Singleton jobs on the application's lock provider.
     *
     * @param providers the {@link LockProvider} beans; one is needed when a singleton job is made
     * @param settings {@code microevents.cluster.*}
     * @throws NullPointerException if an argument is null
     */
    public ShedLockSingletonJobs(ObjectProvider<LockProvider> providers, MicroeventsProperties.ClusterSettings settings) {
        this.providers = Checks.notNull(providers, "providers");
        this.settings = Checks.notNull(settings, "settings");
        this.executor = new ThreadPoolExecutor(settings.getLockThreads(), settings.getLockThreads(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.getMaxQueuedLockCalls()), threads());
        this.executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void checkReady() {
        provider();
    }

    @Override
    public ClusterJob create(Work work, String jobName, Job job, SingletonSpec spec) {
        Checks.notNull(work, "work");
        Checks.notBlank(jobName, "jobName");
        Checks.notNull(job, "job");
        Checks.notNull(spec, "spec");
        LockProvider provider = provider();
        Duration period = Duration.ofMillis(spec.every());
        Duration atMost = first(spec.lockAtMostFor(), settings.getLockAtMostFor(), period.multipliedBy(3));
        Duration atLeast = spec.lockAtLeastFor() != null ? spec.lockAtLeastFor()
                : settings.getLockAtLeastFor() != null ? settings.getLockAtLeastFor()
                : min(period.multipliedBy(9).dividedBy(10), atMost);
        if (atLeast.compareTo(atMost) > 0) {
            throw new IllegalStateException("lockAtLeastFor (" + atLeast + ") is longer than lockAtMostFor ("
                    + atMost + ")");
        }
        long timeout = Math.max(1, Math.min(settings.getLockTimeout().toMillis(),
                Math.min(spec.every(), atMost.toMillis() / 2)));
        SingletonJob singleton = new SingletonJob(work, jobName, job, spec.lockName(), atMost, atLeast, timeout,
                provider, executor);
        jobs.add(singleton);
        return singleton;
    }

    /** Releases the locks held here and stops the lock-store threads. */
    @Override
    public void destroy() {
        for (SingletonJob job : jobs) {
            job.close();
        }
        jobs.clear();
        executor.shutdownNow();
    }

    private LockProvider provider() {
        LockProvider provider = providers.getIfUnique();
        if (provider != null) {
            return provider;
        }
        long count = providers.stream().count();
        throw new IllegalStateException(count == 0
                ? "there is no bean of type net.javacrumbs.shedlock.core.LockProvider: define one, from a provider "
                        + "such as net.javacrumbs.shedlock:shedlock-provider-jdbc-template (see docs/cluster.md)"
                : "there are " + count + " beans of type net.javacrumbs.shedlock.core.LockProvider: mark the one "
                        + "to use @Primary");
    }

    private static Duration first(Duration a, Duration b, Duration c) {
        return a != null ? a : b != null ? b : c;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "microevents-lock-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
