package org.wskemu.api;

/** The WskControlSocket request types the emulator models. */
public enum ControlType {
    /** WskSetOption. */
    SET,
    /** WskGetOption. */
    GET
}
