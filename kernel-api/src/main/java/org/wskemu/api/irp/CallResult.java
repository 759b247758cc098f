package org.wskemu.api.irp;

import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.SecurityDescriptor;

/**
 * What a completed call hands back beyond its IoStatus: the output buffer of a get, the new
 * socket, or the address a bind actually took (with the port chosen for port 0).
 */
public sealed interface CallResult {

    /** Nothing beyond the status. */
    record None() implements CallResult {
    }

    /** WskSocket: the new socket (also in IoStatus.Information). */
    record NewSocket(SocketId socket) implements CallResult {
    }

    /** WskGetOption of a ULONG option: the value written to the output buffer. */
    record OptionValue(int value) implements CallResult {
    }

    /** WskGetOption of SO_WSK_SECURITY: the socket's descriptor. */
    record Descriptor(SecurityDescriptor descriptor) implements CallResult {
    }

    /** WskBind: the local address now held, with the actual port. */
    record Bound(TransportAddress address) implements CallResult {
    }

    /** The one {@link None}. */
    CallResult NONE = new None();
}
