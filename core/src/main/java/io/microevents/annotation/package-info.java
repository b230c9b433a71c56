/**
 * Annotations that turn methods of an application's beans into {@link io.microevents.Work} tasks:
 * {@link io.microevents.annotation.On} (runs on every trigger of an event) and
 * {@link io.microevents.annotation.Repeat} (runs at a fixed rate), plus the
 * {@link io.microevents.annotation.Event} value an {@code @On} method may take.
 *
 * <p>They carry no dependency beyond the JDK, so application code that uses them needs no Spring
 * type. The Spring Boot starter ({@code microevents-spring-boot-starter}) finds the annotated
 * methods, checks their signatures at start-up and registers them with the application's
 * {@code Work} bean.
 *
 * <p>Annotated methods run on the scheduler's loop thread, one at a time, like every other task:
 * they must be short. Hand long work to an executor of your own and trigger an event with the
 * result when it is done:
 * <pre>{@code
 * @On("file.requested")
 * void fetch(String path) {
 *     executor.submit(() -> work.triggerEvent("file.loaded", path, Files.readAllBytes(Path.of(path))));
 * }
 * }</pre>
 */
package io.microevents.annotation;
