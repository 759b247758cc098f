package org.wskemu.recording;

import java.util.Locale;

/** A recording format {@code wskemu import --from} reads. */
public enum Format {
    /** Wine's {@code WINEDEBUG=+winsock,+pid,+tid} trace of a Windows program (stderr, as Wine writes it). */
    WINE("wine"),
    /** An ETW capture of the Winsock-AFD, Winsock-Sockets or TCPIP provider as {@code tracerpt -of XML} writes it. */
    TRACERPT_XML("tracerpt-xml");

    private final String cliName;

    Format(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@code --from} takes. */
    public String cliName() {
        return cliName;
    }

    /**
     * The format named {@code name} ({@code wine}, {@code tracerpt-xml}).
     *
     * @throws IllegalArgumentException naming the formats when {@code name} is none of them
     */
    public static Format ofCliName(String name) {
        for (Format format : values()) {
            if (format.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + Text.safe(name) + "' (expected wine or tracerpt-xml)");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
