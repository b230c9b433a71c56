/**
 * Serial ports (USB-serial lab rigs, microcontrollers) as event sources and sinks of a
 * {@link io.microevents.Work}: {@link io.microevents.serial.SerialBridge}, its ports'
 * {@link io.microevents.serial.SerialPortConfig settings} and
 * {@link io.microevents.serial.SerialPortStatus status}, the {@link io.microevents.serial.LineParser line formats},
 * and the {@link io.microevents.serial.PortConnector connectors} that open a port's device (jSerialComm's by default).
 */
package io.microevents.serial;
