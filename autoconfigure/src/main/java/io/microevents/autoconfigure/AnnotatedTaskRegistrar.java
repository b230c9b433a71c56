package io.microevents.autoconfigure;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.microevents.Job;
import io.microevents.TaskRejectedException;
import io.microevents.Work;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * Registers {@link MethodTask}s with a {@link Work}, in the manner of Spring's
 * {@code ScheduledTaskRegistrar}: it keeps, per bean, what it registered and under which task
 * ids, cancels a bean's tasks when the bean goes, and can register them again when the scheduler
 * has discarded every one of them (the manual's {@link Work#stop()}) before a context start.
 *
 * <p>Registration is all or nothing per bean: when one task is refused, the bean's tasks
 * registered before it are cancelled and start-up fails with an error naming the method.
 */
final class AnnotatedTaskRegistrar {

    private static final Log log = LogFactory.getLog(AnnotatedTaskRegistrar.class);

    private final Work work;
    private final Object monitor = new Object();
    /** Per bean (the object behind its proxies): its tasks and what is registered for them. */
    private final Map<Object, Entry> entries = new IdentityHashMap<>();

    /**
     * A registrar for a scheduler.
     *
     * @param work the scheduler
     * @throws NullPointerException if {@code work} is null
     */
    AnnotatedTaskRegistrar(Work work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    /**
     * Registers a bean's tasks, once per bean: a bean seen before is left as it is.
     *
     * @param key the bean behind its proxies
     * @param tasks its checked tasks
     * @throws BeanInitializationException if Work refuses one of them (the others are cancelled)
     */
    void register(Object key, List<MethodTask> tasks) {
        Entry entry = new Entry(List.copyOf(tasks));
        synchronized (monitor) {
            if (entries.putIfAbsent(key, entry) != null) {
                return;
            }
        }
        List<Registration> registrations;
        try {
            registrations = registerAll(entry.tasks());
        } catch (RuntimeException e) {
            synchronized (monitor) {
                entries.remove(key, entry);
            }
            throw e;
        }
        synchronized (monitor) {
            if (entries.get(key) == entry) {
                entry.registrations = registrations;
                return;
            }
        }
        cancelAll(registrations);   // the bean went while its tasks were being registered
    }

    /**
     * Whether the registrar has seen a bean.
     *
     * @param key the bean behind its proxies
     * @return true once {@link #register} was called for it, until {@link #cancel}
     */
    boolean isRegistered(Object key) {
        synchronized (monitor) {
            return entries.containsKey(key);
        }
    }

    /**
     * Cancels a bean's tasks and forgets them: the bean is being destroyed.
     *
     * @param key the bean behind its proxies
     */
    void cancel(Object key) {
        Entry entry;
        synchronized (monitor) {
            entry = entries.remove(key);
        }
        if (entry != null) {
            cancelAll(entry.registrations);
        }
    }

    /**
     * Registers every task again when the scheduler holds none of those registered (it discarded
     * them all, as the manual's {@link Work#stop()} does); a task cancelled on its own while
     * others remain stays cancelled.
     *
     * @return how many tasks were registered again
     */
    int reregisterIfDiscarded() {
        List<Entry> all;
        List<Registration> before;
        synchronized (monitor) {
            all = new ArrayList<>(entries.values());
            before = all.stream().flatMap(e -> e.registrations.stream()).toList();
        }
        if (before.isEmpty() || before.stream().anyMatch(this::isLive)) {
            return 0;
        }
        before.forEach(r -> r.job().deactivate());
        int count = 0;
        for (Entry entry : all) {
            List<Registration> registrations = registerAll(entry.tasks());
            synchronized (monitor) {
                if (entries.containsValue(entry)) {
                    entry.registrations = registrations;
                    count += registrations.size();
                    continue;
                }
            }
            cancelAll(registrations);
        }
        log.info("Registered " + count + " @On and @Repeat tasks again: the scheduler had discarded them");
        return count;
    }

    private boolean isLive(Registration r) {
        return work.status(r.taskId()).map(s -> s.job().equals(r.jobName())).orElse(false);
    }

    private List<Registration> registerAll(List<MethodTask> tasks) {
        List<Registration> registrations = new ArrayList<>(tasks.size());
        for (MethodTask task : tasks) {
            MethodJob job = task.job(work::nowMillis);
            int id;
            try {
                Job named = task.singleton() != null
                        ? task.singletonJobs().create(work, task.jobName(), job, task.singleton())
                        : Job.named(task.jobName(), job);
                id = task.isOn()
                        ? work.on(named, task.event(), task.delay(), task.repeatOnEvent())
                        : work.repeat(named, task.delay(), task.every());
            } catch (TaskRejectedException e) {
                cancelAll(registrations);
                throw new IllegalStateException("Cannot register " + task.description() + ": " + e.getMessage()
                        + " (see microevents.work.max-tasks)", e);
            } catch (IllegalStateException | BeanInitializationException e) {
                cancelAll(registrations);
                throw e instanceof BeanInitializationException bie ? bie
                        : AnnotatedMethodParser.invalid(task.description(), e.getMessage());
            }
            registrations.add(new Registration(id, task.jobName(), job));
            if (log.isDebugEnabled()) {
                log.debug("Registered " + task.description() + " as task " + id);
            }
        }
        return List.copyOf(registrations);
    }

    private void cancelAll(List<Registration> registrations) {
        for (Registration r : registrations) {
            r.job().deactivate();
            // an id that ended is never given to another task before ids wrap around: no check needed
            work.cancel(r.taskId());
        }
    }

    /** A bean's tasks and, once registered, their registrations; written under the monitor. */
    private static final class Entry {
        private final List<MethodTask> tasks;
        private List<Registration> registrations = List.of();

        Entry(List<MethodTask> tasks) {
            this.tasks = tasks;
        }

        List<MethodTask> tasks() {
            return tasks;
        }
    }

    /** A task registered for a bean. */
    private record Registration(int taskId, String jobName, MethodJob job) {
    }
}
