package io.microevents.autoconfigure;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Test beans behind a class-based (CGLIB) proxy, as Spring's own proxying post-processors make them. */
final class ClassProxies {

    private ClassProxies() {
    }

    /**
     * A post-processor that puts every bean of a type behind a class-based proxy.
     *
     * @param type the beans to proxy
     * @param advice interceptors the proxy runs around each call; none passes calls straight on
     * @return the post-processor
     */
    static BeanPostProcessor of(Class<?> type, MethodInterceptor... advice) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!type.isInstance(bean)) {
                    return bean;
                }
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setProxyTargetClass(true);
                for (MethodInterceptor interceptor : advice) {
                    factory.addAdvice(interceptor);
                }
                return factory.getProxy();
            }
        };
    }
}
