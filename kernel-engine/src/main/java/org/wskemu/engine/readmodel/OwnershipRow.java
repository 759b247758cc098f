package org.wskemu.engine.readmodel;

import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;

/**
 * A live binding as the address-ownership view shows it: who holds which address, since which position.
 * {@code dualStack} marks a dual-stack socket's {@code [::]:P}, held in both name spaces (SPEC.md 6a.1);
 * a mapped binding shows its IPv6 form ({@code [::ffff:127.0.0.1]:80}, SPEC.md 6a.6).
 */
public record OwnershipRow(SocketId socket, String label, SessionRun run, TransportProtocol protocol, AddressFamily family,
                           TransportAddress address, SharingOption option, ProcessId process, long boundAt,
                           boolean dualStack) {

    /** A row of a binding held in one name space. */
    public OwnershipRow(SocketId socket, String label, SessionRun run, TransportProtocol protocol, AddressFamily family,
                        TransportAddress address, SharingOption option, ProcessId process, long boundAt) {
        this(socket, label, run, protocol, family, address, option, process, boundAt, false);
    }
}
