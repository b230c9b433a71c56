package io.microevents.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.LongSupplier;

import io.microevents.Job;
import io.microevents.SafeText;
import io.microevents.annotation.Event;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * The job of one annotated method: binds a run's arguments to the method's parameters and calls
 * it on its bean (through the bean's proxy, if it has one). A run whose arguments cannot be bound
 * throws {@link EventArgumentException}: Work counts it as a failed run and hands it to the
 * error handler. Its message renders the values through {@link SafeText}: bounded, with control
 * characters escaped, so a huge or hostile argument can neither flood the log and the task's
 * {@code lastError} nor forge a log line.
 */
final class MethodJob implements Job {

    /** How the method's parameters are filled. */
    enum Binding {
        /** No parameters. */
        NONE,
        /** One {@link Event} parameter. */
        EVENT,
        /** Parameters bound by position to the trigger's pkg, converted to their types. */
        POSITIONAL
    }

    private final String name;
    private final Object bean;
    private final Method invocable;
    private final MethodParameter[] parameters;
    private final Binding binding;
    private final String event;
    private final ConversionService conversionService;
    private final LongSupplier clock;
    private volatile boolean active = true;

    /**
     * A job for a method.
     *
     * @param name the job name ({@code SimpleClassName.method})
     * @param bean the bean (its proxy, if it has one)
     * @param invocable the method to call on {@code bean}
     * @param declared the method as declared on the user class: the source of parameter types
     * @param binding how its parameters are filled
     * @param event the event name of an {@code @On} method, null for {@code @Repeat}
     * @param conversionService converts pkg values to parameter types
     * @param clock the scheduler's clock in milliseconds, for {@link Event#time()}
     */
    MethodJob(String name, Object bean, Method invocable, Method declared, Binding binding, String event,
              ConversionService conversionService, LongSupplier clock) {
        this.name = name;
        this.bean = bean;
        this.invocable = invocable;
        this.parameters = new MethodParameter[declared.getParameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = new MethodParameter(declared, i);
        }
        this.binding = binding;
        this.event = event;
        this.conversionService = conversionService;
        this.clock = clock;
    }

    @Override
    public void run(Object... args) throws Exception {
        if (!active) {
            return;
        }
        Object[] values = bind(args);
        try {
            invocable.invoke(bean, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Makes later runs do nothing: the bean is being destroyed. */
    void deactivate() {
        active = false;
    }

    private Object[] bind(Object[] args) {
        return switch (binding) {
            case NONE -> new Object[0];
            case EVENT -> new Object[] {Event.of(event, args, clock.getAsLong())};
            case POSITIONAL -> positional(args);
        };
    }

    private Object[] positional(Object[] args) {
        if (args.length < parameters.length) {
            throw new EventArgumentException(name + ": the trigger of '" + event + "' carried " + args.length
                    + (args.length == 1 ? " value" : " values") + ", but the method takes " + parameters.length, null);
        }
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = convert(i, args[i]);
        }
        return values;
    }

    private Object convert(int index, Object value) {
        MethodParameter parameter = parameters[index];
        Class<?> type = parameter.getParameterType();
        if (value == null) {
            if (type.isPrimitive()) {
                throw new EventArgumentException(name + ": argument " + index + " of the trigger of '" + event
                        + "' is null, which a " + type.getName() + " parameter cannot take", null);
            }
            return null;
        }
        if (!type.isPrimitive() && type.isInstance(value) && parameter.getGenericParameterType() instanceof Class) {
            return value;
        }
        TypeDescriptor target = new TypeDescriptor(parameter);
        try {
            Object converted = conversionService.convert(value, TypeDescriptor.forObject(value), target);
            if (converted == null && type.isPrimitive()) {
                throw new EventArgumentException(name + ": argument " + index + " ('" + SafeText.of(value)
                        + "') converts to null, which a " + type.getName() + " parameter cannot take", null);
            }
            return converted;
        } catch (ConversionException e) {
            // the conversion's own messages quote the whole value: keep only a bounded account of
            // the most specific one, and no cause that would carry (and print) them
            Throwable root = e.getMostSpecificCause();
            throw new EventArgumentException(name + ": cannot convert argument " + index + " of the trigger of '"
                    + event + "' ('" + SafeText.of(value) + "', a " + value.getClass().getSimpleName() + ") to "
                    + target.getType().getSimpleName() + ": " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + SafeText.of(root.getMessage())), null);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
