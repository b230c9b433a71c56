/**
 * Serial ports (USB-serial lab rigs, microcontrollers) as event sources and sinks of a
 * {@link io.microevents.Work}: {@link io.microevents.serial.SerialBridge}, its ports'
 * {@link io.microevents.serial.SerialPortConfig settings} and
 * {@link io.microevents.serial.SerialPortStatus status}, and the {@link io.microevents.serial.LineParser line formats}.
 */
package io.microevents.serial;
