package io.microevents.serial;

import com.fazecast.jSerialComm.SerialPort;

/** Flow control of a serial port. */
public enum FlowControl {
    /** No flow control (what most USB-serial microcontroller boards expect). */
    NONE(SerialPort.FLOW_CONTROL_DISABLED),
    /** Hardware flow control on the RTS and CTS lines. */
    RTS_CTS(SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED),
    /** Software flow control with XON/XOFF characters, both directions. */
    XON_XOFF(SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED);

    private final int code;

    FlowControl(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
