package org.wskemu.engine.sharing;

import java.util.Objects;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.Token;

/**
 * What the arbiter needs of a socket asking to bind.
 *
 * @param socket    the socket
 * @param requested the address as asked (port 0 for an ephemeral port)
 * @param address   the address to decide on (the chosen port filled in for an ephemeral request)
 * @param option    the socket's sharing option now
 * @param context   the socket's security context (SPEC.md 3)
 */
public record BindRequest(SocketId socket, TransportAddress requested, TransportAddress address,
                          SharingOption option, Token context) {

    /**
     * Checks the components.
     *
     * @param socket    the socket
     * @param requested the address as asked
     * @param address   the address to decide on
     * @param option    the socket's sharing option now
     * @param context   the socket's security context
     */
    public BindRequest {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(context, "context");
        if (address.port() == 0) {
            throw new IllegalArgumentException("the arbiter decides on an actual port, not port 0");
        }
    }
}
