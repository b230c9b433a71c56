/**
 * Spring Boot auto-configuration of the serial bridge ({@code microevents.serial.*}).
 */
package io.microevents.serial.autoconfigure;
