package io.microevents.autoconfigure;

import java.util.Map;

import io.microevents.Ring;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link Ring} bean definition per {@code microevents.rings.<name>} entry, named
 * after the entry, while configuration classes are read: early enough for
 * {@code @Qualifier("<name>") Ring ring} and by-name injection to see them. A bean the
 * application already defines under that name wins, as with {@code @ConditionalOnMissingBean}.
 */
final class RingBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    static final String PREFIX = "microevents.rings";

    private static final Log log = LogFactory.getLog(RingBeanRegistrar.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, MicroeventsProperties.RingSettings> rings = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, MicroeventsProperties.RingSettings.class))
                .orElse(Map.of());
        rings.forEach((name, settings) -> {
            if (registry.containsBeanDefinition(name)) {
                log.info("Bean '" + name + "' is already defined; " + PREFIX + "." + name
                        + " does not create a ring of its own");
                return;
            }
            int size = settings.getSize();
            var overflow = settings.getOverflow();
            RootBeanDefinition definition = new RootBeanDefinition(Ring.class, () -> new Ring(size, overflow));
            definition.setDescription("Ring from " + PREFIX + "." + name + " (" + size + " bytes, " + overflow + ")");
            registry.registerBeanDefinition(name, definition);
        });
    }
}
