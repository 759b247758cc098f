package org.wskemu.api;

/** The WSK calls the emulator records. */
public enum CallKind {
    /** WskSocket: a socket is created ({@code op} {@code socket}). */
    SOCKET("socket"),
    /** WskControlSocket setting an option ({@code op} {@code set}). */
    SET("set"),
    /** WskControlSocket reading an option ({@code op} {@code get}). */
    GET("get"),
    /** WskBind: a socket takes a local address ({@code op} {@code bind}). */
    BIND("bind"),
    /** WskCloseSocket: the socket and its bindings are released ({@code op} {@code close}). */
    CLOSE("close");

    private final String op;

    CallKind(String op) {
        this.op = op;
    }

    /**
     * The kind of a WskControlSocket call of {@code type}.
     *
     * @param type the control request's type
     * @return {@link #SET} for a set, {@link #GET} for anything else
     */
    public static CallKind forControl(ControlType type) {
        return type == ControlType.SET ? SET : GET;
    }

    /** {@return the session file's {@code op}, e.g. {@code bind}} */
    public String op() {
        return op;
    }
}
