package org.wskemu.engine.aggregate;

import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.Binding;

/** The socket's half of a close: its status and the binding to release from the port, if any. */
public record Closing(NtStatus status, Binding released) {
}
