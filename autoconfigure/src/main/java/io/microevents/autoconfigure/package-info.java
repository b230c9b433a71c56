/**
 * Spring Boot auto-configuration of microevents: the {@link io.microevents.Work} bean and its loop
 * thread ({@link io.microevents.autoconfigure.WorkLifecycle}), {@link io.microevents.Ring} beans
 * from {@code microevents.rings.*} and the {@link io.microevents.autoconfigure.RingRegistry},
 * {@link io.microevents.annotation.On @On} and {@link io.microevents.annotation.Repeat @Repeat}
 * methods, and, when they are on the classpath, Micrometer meters and an actuator health indicator.
 * Properties: {@link io.microevents.autoconfigure.MicroeventsProperties}.
 */
package io.microevents.autoconfigure;
