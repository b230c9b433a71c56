package io.microevents.autoconfigure;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/** Finds {@link On} and {@link Repeat} methods on a class, its superclasses and interfaces. */
final class AnnotatedMethods {

    private static final List<Class<? extends java.lang.annotation.Annotation>> ANNOTATIONS = List.of(On.class, Repeat.class);

    private AnnotatedMethods() {
    }

    /**
     * The annotations of one method; at least one is present.
     *
     * @param on its {@code @On}, or null
     * @param repeat its {@code @Repeat}, or null
     */
    record Found(On on, Repeat repeat) {
    }

    /**
     * Whether a class has any {@code @On} or {@code @Repeat} method.
     *
     * @param type a bean class (null: false)
     * @return true when it has one
     */
    static boolean hasAny(Class<?> type) {
        return type != null && !find(type).isEmpty();
    }

    /**
     * The annotated methods of a class, in a stable order (by name, then parameter types).
     *
     * @param type the user class (not a proxy class)
     * @return the methods with their annotations; empty when there are none
     */
    static Map<Method, Found> find(Class<?> type) {
        if (!AnnotationUtils.isCandidateClass(type, ANNOTATIONS)) {
            return Map.of();
        }
        Map<Method, Found> found = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<Found>) method -> {
                    On on = AnnotatedElementUtils.findMergedAnnotation(method, On.class);
                    Repeat repeat = AnnotatedElementUtils.findMergedAnnotation(method, Repeat.class);
                    return on == null && repeat == null ? null : new Found(on, repeat);
                });
        Map<Method, Found> sorted = new LinkedHashMap<>();
        found.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(AnnotatedMethods::sortKey)))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * A method as error messages show it: {@code com.acme.Rig.poll(String, int)}.
     *
     * @param type the class the method was found on
     * @param method the method
     * @return its description
     */
    static String describe(Class<?> type, Method method) {
        return type.getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String sortKey(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }
}
