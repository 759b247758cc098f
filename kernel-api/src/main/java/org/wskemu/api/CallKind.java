package org.wskemu.api;

/** The WSK calls the emulator records. */
public enum CallKind {
    SOCKET("socket"),
    SET("set"),
    GET("get"),
    BIND("bind"),
    CLOSE("close");

    private final String op;

    CallKind(String op) {
        this.op = op;
    }

    /** The kind of a WskControlSocket call of {@code type}. */
    public static CallKind forControl(ControlType type) {
        return type == ControlType.SET ? SET : GET;
    }

    /** The session file's {@code op}. */
    public String op() {
        return op;
    }
}
