package io.microevents.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.microevents.annotation.Event;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import io.microevents.autoconfigure.cluster.SingletonJobs;
import io.microevents.autoconfigure.cluster.SingletonSpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;

/**
 * Reads the {@link On} and {@link Repeat} methods of a bean, the way Spring's
 * {@code ScheduledAnnotationBeanPostProcessor} reads {@code @Scheduled}: methods are looked up on
 * the bean's user class (behind any proxy) and called through the bean as the context exposes it.
 * Each method is checked once: a signature or value that cannot work is a
 * {@link BeanInitializationException} naming the class, the method, the bean and the reason.
 * Placeholders in event names, durations and lock names are resolved here. The result is one
 * immutable {@link MethodTask} per method, for {@link AnnotatedTaskRegistrar}.
 */
final class AnnotatedMethodParser {

    private static final Log log = LogFactory.getLog(AnnotatedMethodParser.class);

    private final Map<Class<?>, Boolean> annotatedClasses = new ConcurrentHashMap<>();
    private final ConfigurableListableBeanFactory beanFactory;
    private final StringValueResolver valueResolver;
    private volatile ConversionService conversionService;

    /**
     * A parser.
     *
     * @param beanFactory the factory that holds the {@link SingletonJobs} bean and the conversion service
     * @param valueResolver resolves placeholders; null leaves values as written
     */
    AnnotatedMethodParser(ConfigurableListableBeanFactory beanFactory, StringValueResolver valueResolver) {
        this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory");
        this.valueResolver = valueResolver;
    }

    /** Whether a class (or the user class behind it) has any {@code @On} or {@code @Repeat} method. */
    boolean isAnnotated(Class<?> type) {
        return annotatedClasses.computeIfAbsent(ClassUtils.getUserClass(type), AnnotatedMethods::hasAny);
    }

    /**
     * The checked tasks of a bean, in a stable order; methods disabled from configuration
     * ({@code "-"}) are left out.
     *
     * @param bean the bean as the context exposes it
     * @param beanName its name, or null for one the context does not name (a prototype)
     * @return the tasks; empty when it has none
     * @throws BeanInitializationException if a method cannot work
     */
    List<MethodTask> parse(Object bean, String beanName) {
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        String name = beanName != null ? beanName : targetClass.getSimpleName();
        List<MethodTask> tasks = new ArrayList<>();
        AnnotatedMethods.find(targetClass).forEach((method, found) -> {
            MethodTask task = parse(bean, name, targetClass, method, found);
            if (task != null) {
                tasks.add(task);
            }
        });
        return List.copyOf(tasks);
    }

    private MethodTask parse(Object bean, String beanName, Class<?> targetClass, Method method,
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
        Target target = new Target(where, targetClass.getSimpleName() + "." + method.getName(), bean, invocable, method);
        return found.on() != null ? onTask(target, binding, found.on()) : repeatTask(target, found.repeat());
    }

    /** What every task of one method shares. */
    private record Target(String where, String jobName, Object bean, Method invocable, Method declared) {
    }

    private static MethodJob.Binding binding(String where, AnnotatedMethods.Found found, Method method) {
        int count = method.getParameterCount();
        if (found.repeat() != null) {
            if (count > 0) {
                throw invalid(where, "@Repeat methods take no parameters, but it takes " + count);
            }
            return MethodJob.Binding.NONE;
        }
        long events = Arrays.stream(method.getParameterTypes()).filter(Event.class::equals).count();
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

    private MethodTask onTask(Target t, MethodJob.Binding binding, On on) {
        String where = t.where();
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
        return new MethodTask(where, t.jobName(), t.bean(), t.invocable(), t.declared(), binding, event, !on.once(),
                delay, 0, conversionService(), null, null);
    }

    private MethodTask repeatTask(Target t, Repeat repeat) {
        String where = t.where();
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
        SingletonSpec singleton = singleton(where, t.jobName(), repeat, every);
        return new MethodTask(where, t.jobName(), t.bean(), t.invocable(), t.declared(), MethodJob.Binding.NONE,
                null, false, at, every, conversionService(), singleton,
                singleton == null ? null : singletonJobs(where));
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
        ConversionService service = conversionService;
        if (service == null) {
            ConversionService fromFactory = beanFactory.getConversionService();
            service = fromFactory != null ? fromFactory : ApplicationConversionService.getSharedInstance();
            conversionService = service;
        }
        return service;
    }

    /**
     * The start-up error for a method that cannot work.
     *
     * @param where the method's description
     * @param reason why
     * @return the exception to throw
     */
    static BeanInitializationException invalid(String where, String reason) {
        return new BeanInitializationException("Invalid " + where + ": " + reason);
    }
}
