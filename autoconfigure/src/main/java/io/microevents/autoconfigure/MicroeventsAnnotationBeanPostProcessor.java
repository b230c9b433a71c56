package io.microevents.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.microevents.Job;
import io.microevents.TaskRejectedException;
import io.microevents.Work;
import io.microevents.annotation.Event;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import io.microevents.autoconfigure.cluster.SingletonJobs;
import io.microevents.autoconfigure.cluster.SingletonSpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;

/**
 * Turns {@link On} and {@link Repeat} methods of beans into {@link Work} tasks, in the manner of
 * Spring's {@code ScheduledAnnotationBeanPostProcessor} and {@code EventListenerMethodProcessor}.
 *
 * <ul>
 *   <li>Methods are looked up on the bean's user class (behind any proxy) and called through
 *       the bean as the context exposes it, so a proxied bean's advice (transactions,
 *       validation, interceptors) applies.</li>
 *   <li>Once every singleton exists (before the loop thread starts), each singleton's methods are
 *       checked and registered: a signature that cannot work fails start-up with an error naming
 *       the class, the method and the reason. Placeholders in event names and durations are
 *       resolved then. Beans created later (lazy singletons, prototypes) are checked and
 *       registered as they are created.</li>
 *   <li>A bean's tasks are cancelled when the bean is destroyed. A context {@code stop()} keeps
 *       them (the loop pauses, see {@link WorkLifecycle}), so a {@code start()} resumes them.</li>
 *   <li>Each task's job name is {@code SimpleClassName.method}.</li>
 * </ul>
 */
public class MicroeventsAnnotationBeanPostProcessor implements DestructionAwareBeanPostProcessor,
        SmartInitializingSingleton, BeanFactoryAware, EmbeddedValueResolverAware {

    private static final Log log = LogFactory.getLog(MicroeventsAnnotationBeanPostProcessor.class);

    private final Map<Class<?>, Boolean> annotatedClasses = new ConcurrentHashMap<>();
    private final Object monitor = new Object();
    private final List<Object> pending = new ArrayList<>();
    private final Map<Object, List<Registration>> registered = new IdentityHashMap<>();

    private ConfigurableListableBeanFactory beanFactory;
    private StringValueResolver valueResolver;
    private ConversionService conversionService;
    private Work work;
    private boolean singletonsInstantiated;

    /** Creates the processor; the application context supplies the bean factory and the placeholder resolver. */
    public MicroeventsAnnotationBeanPostProcessor() {
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (!(beanFactory instanceof ConfigurableListableBeanFactory listable)) {
            throw new IllegalArgumentException("MicroeventsAnnotationBeanPostProcessor needs a "
                    + "ConfigurableListableBeanFactory, but got " + beanFactory);
        }
        this.beanFactory = listable;
    }

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.valueResolver = resolver;
    }

    /**
     * Registers the annotated methods of beans created after start-up (lazy singletons, prototypes)
     * at once, and remembers non-singletons created before it; singletons that exist at start-up
     * are handled by {@link #afterSingletonsInstantiated()}, which sees their final (proxied) form.
     */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || bean instanceof Work
                || !isAnnotated(AopProxyUtils.ultimateTargetClass(bean))) {
            return bean;
        }
        synchronized (monitor) {
            if (!singletonsInstantiated) {
                if (!isSingletonDefinition(beanName)) {
                    pending.add(bean);
                }
                return bean;
            }
        }
        process(bean, beanName);
        return bean;
    }

    /**
     * Checks and registers the annotated methods of every singleton, through the bean as the
     * context exposes it (its proxy, if it has one), then those of earlier non-singletons.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Work target = beanFactory.getBean(Work.class);
        List<Object> earlier;
        synchronized (monitor) {
            work = target;
            singletonsInstantiated = true;
            earlier = new ArrayList<>(pending);
            pending.clear();
        }
        for (String beanName : beanFactory.getBeanNamesForType(Object.class, false, false)) {
            if (ScopedProxyUtils.isScopedTarget(beanName) || !beanFactory.containsSingleton(beanName)) {
                continue;
            }
            Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
            if (type != null && isAnnotated(type)) {
                process(beanFactory.getBean(beanName), beanName);
            }
        }
        for (Object bean : earlier) {
            process(bean, null);
        }
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return isAnnotated(AopProxyUtils.ultimateTargetClass(bean));
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        Object key = unwrap(bean);
        List<Registration> registrations;
        Work target;
        synchronized (monitor) {
            pending.removeIf(p -> unwrap(p) == key);
            registrations = registered.remove(key);
            target = work;
        }
        if (registrations == null) {
            return;
        }
        for (Registration r : registrations) {
            r.job().deactivate();
            // an id that ended is never given to another task before ids wrap around: no check needed
            target.cancel(r.taskId());
        }
    }

    private boolean isAnnotated(Class<?> type) {
        return annotatedClasses.computeIfAbsent(ClassUtils.getUserClass(type), AnnotatedMethods::hasAny);
    }

    private boolean isSingletonDefinition(String beanName) {
        return beanName != null && beanFactory.containsBeanDefinition(beanName)
                && beanFactory.getMergedBeanDefinition(beanName).isSingleton();
    }

    /** The object behind any chain of singleton proxies: what destruction callbacks receive. */
    private static Object unwrap(Object bean) {
        Object current = bean;
        while (true) {
            Object target = AopProxyUtils.getSingletonTarget(current);
            if (target == null || target == current) {
                return current;
            }
            current = target;
        }
    }

    private void process(Object bean, String beanName) {
        Object key = unwrap(bean);
        Work target;
        synchronized (monitor) {
            if (registered.containsKey(key)) {
                return;
            }
            registered.put(key, new ArrayList<>());
            target = work;
        }
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        String name = beanName != null ? beanName : targetClass.getSimpleName();
        List<MethodTask> tasks = new ArrayList<>();
        AnnotatedMethods.find(targetClass).forEach((method, found) -> {
            MethodTask task = validate(bean, name, targetClass, method, found);
            if (task != null) {
                tasks.add(task);
            }
        });
        List<Registration> registrations = register(target, tasks);
        synchronized (monitor) {
            List<Registration> list = registered.get(key);
            if (list != null) {
                list.addAll(registrations);
            }
        }
    }

    private List<Registration> register(Work target, List<MethodTask> tasks) {
        List<Registration> registrations = new ArrayList<>(tasks.size());
        for (MethodTask task : tasks) {
            MethodJob job = task.job(target::nowMillis);
            int id;
            try {
                Job named = task.singleton() != null
                        ? singletonJobs(task.description()).create(target, task.jobName(), job, task.singleton())
                        : Job.named(task.jobName(), job);
                id = task.on() != null
                        ? target.on(named, task.event(), task.delay(), !task.on().once())
                        : target.repeat(named, task.delay(), task.every());
            } catch (TaskRejectedException e) {
                for (Registration r : registrations) {
                    target.cancel(r.taskId());
                }
                throw new IllegalStateException("Cannot register " + task.description() + ": " + e.getMessage()
                        + " (see microevents.work.max-tasks)", e);
            } catch (IllegalStateException | BeanInitializationException e) {
                for (Registration r : registrations) {
                    target.cancel(r.taskId());
                }
                throw e instanceof BeanInitializationException bie ? bie : invalid(task.description(), e.getMessage());
            }
            registrations.add(new Registration(id, task.jobName(), job));
            if (log.isDebugEnabled()) {
                log.debug("Registered " + task.description() + " as task " + id);
            }
        }
        return registrations;
    }

    // ------------------------------------------------------------------ validation

    private MethodTask validate(Object bean, String beanName, Class<?> targetClass, Method method,
                                AnnotatedMethods.Found found) {
        String kind = found.on() != null ? "@On" : "@Repeat";
        String where = kind + " method " + AnnotatedMethods.describe(targetClass, method) + " of bean '" + beanName + "'";
        if (found.on() != null && found.repeat() != null) {
            throw invalid(where, "a method takes @On or @Repeat, not both");
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw invalid(where, "it must not be static: it runs on its bean");
        }
        MethodJob.Binding binding = binding(where, found, method);
        Method invocable;
        try {
            invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        } catch (IllegalStateException e) {
            throw invalid(where, e.getMessage());
        }
        if (AopUtils.isCglibProxy(bean) && Modifier.isFinal(invocable.getModifiers())) {
            throw invalid(where, "it must not be final on a proxied bean: the proxy cannot pass the call on");
        }
        ReflectionUtils.makeAccessible(invocable);
        String jobName = targetClass.getSimpleName() + "." + method.getName();
        return found.on() != null
                ? onTask(where, jobName, bean, invocable, method, binding, found.on())
                : repeatTask(where, jobName, bean, invocable, method, found.repeat());
    }

    private static MethodJob.Binding binding(String where, AnnotatedMethods.Found found, Method method) {
        int count = method.getParameterCount();
        if (found.repeat() != null) {
            if (count > 0) {
                throw invalid(where, "@Repeat methods take no parameters, but it takes " + count);
            }
            return MethodJob.Binding.NONE;
        }
        long events = java.util.Arrays.stream(method.getParameterTypes()).filter(Event.class::equals).count();
        if (events > 1) {
            throw invalid(where, "it takes " + events + " Event parameters; an @On method takes one Event "
                    + "parameter or parameters bound to the trigger's values by position");
        }
        if (events == 1 && count > 1) {
            throw invalid(where, "an Event parameter must be the method's only parameter, but it takes " + count);
        }
        return count == 0 ? MethodJob.Binding.NONE
                : events == 1 ? MethodJob.Binding.EVENT : MethodJob.Binding.POSITIONAL;
    }

    private MethodTask onTask(String where, String jobName, Object bean, Method invocable, Method declared,
                              MethodJob.Binding binding, On on) {
        String event = resolve(where, "value", on.value());
        if (event.isBlank()) {
            throw invalid(where, "the event name \"" + on.value() + "\" resolves to a blank string");
        }
        if (Repeat.DISABLED.equals(event)) {
            log.info("Disabled from configuration: " + where);
            return null;
        }
        if (on.delay() != 0 && !on.delayString().isEmpty()) {
            throw invalid(where, "give delay or delayString, not both");
        }
        long delay = on.delayString().isEmpty() ? on.delay() : millis(where, "delayString", on.delayString());
        if (delay < 0) {
            throw invalid(where, "delay must be >= 0, but was " + delay);
        }
        return new MethodTask(where, jobName, bean, invocable, declared, binding, on, event, delay, 0,
                conversionService(), null);
    }

    private MethodTask repeatTask(String where, String jobName, Object bean, Method invocable, Method declared,
                                  Repeat repeat) {
        boolean hasEvery = repeat.every() != -1;
        boolean hasEveryString = !repeat.everyString().isEmpty();
        if (hasEvery && hasEveryString) {
            throw invalid(where, "give every or everyString, not both");
        }
        if (!hasEvery && !hasEveryString) {
            throw invalid(where, "it needs every (milliseconds) or everyString (a duration)");
        }
        if (repeat.at() != 0 && !repeat.atString().isEmpty()) {
            throw invalid(where, "give at or atString, not both");
        }
        String everyText = hasEveryString ? resolve(where, "everyString", repeat.everyString()) : null;
        String atText = repeat.atString().isEmpty() ? null : resolve(where, "atString", repeat.atString());
        if (Repeat.DISABLED.equals(everyText) || Repeat.DISABLED.equals(atText)) {
            log.info("Disabled from configuration: " + where);
            return null;
        }
        long every = hasEveryString ? parse(where, "everyString", repeat.everyString(), everyText) : repeat.every();
        long at = atText == null ? repeat.at() : parse(where, "atString", repeat.atString(), atText);
        if (every <= 0) {
            throw invalid(where, "every must be > 0 ms, but was " + every);
        }
        if (at < 0) {
            throw invalid(where, "at must be >= 0 ms, but was " + at);
        }
        return new MethodTask(where, jobName, bean, invocable, declared, MethodJob.Binding.NONE, null, null, at,
                every, conversionService(), singleton(where, jobName, repeat, every));
    }

    /** The lock settings of a {@code @Repeat(singleton = true)} method; null for any other. */
    private SingletonSpec singleton(String where, String jobName, Repeat repeat, long every) {
        if (!repeat.singleton()) {
            if (!repeat.lockName().isEmpty() || !repeat.lockAtMostFor().isEmpty()
                    || !repeat.lockAtLeastFor().isEmpty()) {
                throw invalid(where, "lockName, lockAtMostFor and lockAtLeastFor apply only with singleton = true");
            }
            return null;
        }
        String lockName = repeat.lockName().isEmpty() ? jobName : resolve(where, "lockName", repeat.lockName());
        if (lockName.isBlank()) {
            throw invalid(where, "lockName \"" + repeat.lockName() + "\" resolves to a blank string");
        }
        Duration atMost = repeat.lockAtMostFor().isEmpty() ? null
                : Duration.ofMillis(millis(where, "lockAtMostFor", repeat.lockAtMostFor()));
        Duration atLeast = repeat.lockAtLeastFor().isEmpty() ? null
                : Duration.ofMillis(millis(where, "lockAtLeastFor", repeat.lockAtLeastFor()));
        if (atMost != null && (atMost.isZero() || atMost.isNegative())) {
            throw invalid(where, "lockAtMostFor must be > 0, but was " + atMost.toMillis() + " ms");
        }
        if (atLeast != null && atLeast.isNegative()) {
            throw invalid(where, "lockAtLeastFor must be >= 0, but was " + atLeast.toMillis() + " ms");
        }
        if (atMost != null && atLeast != null && atLeast.compareTo(atMost) > 0) {
            throw invalid(where, "lockAtLeastFor (" + atLeast.toMillis() + " ms) must not be longer than "
                    + "lockAtMostFor (" + atMost.toMillis() + " ms)");
        }
        singletonJobs(where);
        return new SingletonSpec(lockName, atMost, atLeast, every);
    }

    /** The factory of singleton jobs; a start-up error that says what to add when there is none. */
    private SingletonJobs singletonJobs(String where) {
        SingletonJobs jobs = beanFactory.getBeanProvider(SingletonJobs.class).getIfAvailable();
        if (jobs == null) {
            throw invalid(where, "singleton = true runs it on one instance at a time through a lock store: "
                    + SingletonJobs.SETUP);
        }
        try {
            jobs.checkReady();
        } catch (IllegalStateException e) {
            throw invalid(where, "singleton = true runs it on one instance at a time through a lock store, but "
                    + e.getMessage());
        }
        return jobs;
    }

    private long millis(String where, String attribute, String raw) {
        return parse(where, attribute, raw, resolve(where, attribute, raw));
    }

    private static long parse(String where, String attribute, String raw, String resolved) {
        try {
            Duration duration = DurationStyle.detectAndParse(resolved.trim(), ChronoUnit.MILLIS);
            return duration.toMillis();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(where, attribute + " \"" + raw + "\""
                    + (raw.equals(resolved) ? "" : " resolves to \"" + resolved + "\", which")
                    + " is not a duration (such as 500, 500ms, 2s or PT1M)");
        }
    }

    private String resolve(String where, String attribute, String value) {
        if (valueResolver == null) {
            return value;
        }
        try {
            String resolved = valueResolver.resolveStringValue(value);
            return resolved == null ? "" : resolved;
        } catch (RuntimeException e) {
            throw invalid(where, attribute + " \"" + value + "\" cannot be resolved: " + e.getMessage());
        }
    }

    private ConversionService conversionService() {
        if (conversionService == null) {
            ConversionService fromFactory = beanFactory.getConversionService();
            conversionService = fromFactory != null ? fromFactory : ApplicationConversionService.getSharedInstance();
        }
        return conversionService;
    }

    private static BeanInitializationException invalid(String where, String reason) {
        return new BeanInitializationException("Invalid " + where + ": " + reason);
    }

    /** A task registered for a bean. */
    private record Registration(int taskId, String jobName, MethodJob job) {
    }

    /** A checked annotated method, ready to be registered. */
    private record MethodTask(String description, String jobName, Object bean, Method invocable, Method declared,
                              MethodJob.Binding binding, On on, String event, long delay, long every,
                              ConversionService conversionService, SingletonSpec singleton) {

        MethodJob job(java.util.function.LongSupplier clock) {
            return new MethodJob(jobName, bean, invocable, declared, binding, event, conversionService, clock);
        }
    }
}
