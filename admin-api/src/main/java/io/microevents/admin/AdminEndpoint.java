package io.microevents.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the admin's controllers: they get the base path prefix, and the admin's controller
 * advice (problem details, payload limit) applies to them and to nothing else; the admin's
 * security chain covers everything under the base path. Public so that add-on modules (the serial
 * bridge's port endpoints) can put their controllers into the admin the same way.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AdminEndpoint {
}
