package io.microevents.serial;

import com.fazecast.jSerialComm.SerialPort;

/** Parity of a serial port's frames. */
public enum Parity {
    /** No parity bit (the usual 8N1). */
    NONE(SerialPort.NO_PARITY),
    /** Odd parity. */
    ODD(SerialPort.ODD_PARITY),
    /** Even parity. */
    EVEN(SerialPort.EVEN_PARITY),
    /** Parity bit always 1. */
    MARK(SerialPort.MARK_PARITY),
    /** Parity bit always 0. */
    SPACE(SerialPort.SPACE_PARITY);

    private final int code;

    Parity(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
