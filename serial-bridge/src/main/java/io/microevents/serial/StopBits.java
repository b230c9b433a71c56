package io.microevents.serial;

import com.fazecast.jSerialComm.SerialPort;

/** Stop bits of a serial port's frames. */
public enum StopBits {
    /** One stop bit (the usual 8N1). */
    ONE(SerialPort.ONE_STOP_BIT),
    /** One and a half stop bits. */
    ONE_POINT_FIVE(SerialPort.ONE_POINT_FIVE_STOP_BITS),
    /** Two stop bits. */
    TWO(SerialPort.TWO_STOP_BITS);

    private final int code;

    StopBits(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
