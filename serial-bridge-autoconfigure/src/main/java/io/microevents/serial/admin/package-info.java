/**
 * The serial ports in the REST admin ({@code microevents-admin-api}), when that module is present.
 */
package io.microevents.serial.admin;
