package io.microevents.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.context.event.ContextStartedEvent;
import org.springframework.context.event.ContextStoppedEvent;
import org.springframework.util.StringValueResolver;

/**
 * Turns {@link On} and {@link Repeat} methods of beans into {@link Work} tasks, in the manner of
 * Spring's {@code ScheduledAnnotationBeanPostProcessor}: an {@link AnnotatedMethodParser} reads
 * and checks the methods, an {@link AnnotatedTaskRegistrar} registers them and keeps what it
 * registered; this class decides when.
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
 *       them (the loop pauses, see {@link WorkLifecycle}), so a {@code start()} resumes them; when
 *       the scheduler discarded every one of them meanwhile (the manual's {@link Work#stop()}),
 *       the {@code start()} registers them again.</li>
 *   <li>Each task's job name is {@code SimpleClassName.method}.</li>
 * </ul>
 */
public class MicroeventsAnnotationBeanPostProcessor implements DestructionAwareBeanPostProcessor,
        SmartInitializingSingleton, BeanFactoryAware, EmbeddedValueResolverAware, ApplicationListener<ApplicationEvent> {

    private final Object monitor = new Object();
    private final List<Object> pending = new ArrayList<>();

    private ConfigurableListableBeanFactory beanFactory;
    private StringValueResolver valueResolver;
    private volatile AnnotatedMethodParser parser;
    private AnnotatedTaskRegistrar registrar;
    private boolean stopped;

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
                || !parser().isAnnotated(AopProxyUtils.ultimateTargetClass(bean))) {
            return bean;
        }
        synchronized (monitor) {
            if (registrar == null) {
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
        AnnotatedTaskRegistrar created = new AnnotatedTaskRegistrar(beanFactory.getBean(Work.class));
        List<Object> earlier;
        synchronized (monitor) {
            registrar = created;
            earlier = new ArrayList<>(pending);
            pending.clear();
        }
        for (String beanName : beanFactory.getBeanNamesForType(Object.class, false, false)) {
            if (ScopedProxyUtils.isScopedTarget(beanName) || !beanFactory.containsSingleton(beanName)) {
                continue;
            }
            Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
            if (type != null && parser().isAnnotated(type)) {
                process(beanFactory.getBean(beanName), beanName);
            }
        }
        for (Object bean : earlier) {
            process(bean, null);
        }
    }

    /**
     * After a context stop, a start registers the tasks again if the scheduler discarded them all
     * meanwhile; a plain pause and resume keeps them as they are.
     */
    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ContextStoppedEvent stoppedEvent && isOwnContext(stoppedEvent.getApplicationContext())) {
            synchronized (monitor) {
                stopped = true;
            }
        } else if (event instanceof ContextStartedEvent startedEvent
                && isOwnContext(startedEvent.getApplicationContext())) {
            AnnotatedTaskRegistrar current;
            synchronized (monitor) {
                current = stopped ? registrar : null;
                stopped = false;
            }
            if (current != null) {
                current.reregisterIfDiscarded();
            }
        }
    }

    private boolean isOwnContext(org.springframework.context.ApplicationContext context) {
        return context.getAutowireCapableBeanFactory() == beanFactory;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return parser().isAnnotated(AopProxyUtils.ultimateTargetClass(bean));
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        Object key = unwrap(bean);
        AnnotatedTaskRegistrar current;
        synchronized (monitor) {
            pending.removeIf(p -> unwrap(p) == key);
            current = registrar;
        }
        if (current != null) {
            current.cancel(key);
        }
    }

    /** The parser, made once the bean factory and the placeholder resolver are known. */
    private AnnotatedMethodParser parser() {
        AnnotatedMethodParser current = parser;
        if (current == null) {
            synchronized (monitor) {
                if (parser == null) {
                    parser = new AnnotatedMethodParser(beanFactory, valueResolver);
                }
                current = parser;
            }
        }
        return current;
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
        AnnotatedTaskRegistrar current;
        synchronized (monitor) {
            current = registrar;
        }
        if (!current.isRegistered(key)) {
            current.register(key, parser().parse(bean, beanName));
        }
    }
}
