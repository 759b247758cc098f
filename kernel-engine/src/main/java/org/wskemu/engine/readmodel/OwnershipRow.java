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
 *
 * @param socket    the socket holding the address
 * @param label     the socket's label in its session, or its handle when it has none
 * @param run       the session run that created the socket
 * @param protocol  the transport protocol
 * @param family    the address's family
 * @param address   the address held, with its actual port
 * @param option    the sharing option the socket bound with
 * @param process   the owning (else creating) process
 * @param boundAt   the log position of the bind
 * @param dualStack whether this is a dual-stack socket's {@code [::]:P}
 */
public record OwnershipRow(SocketId socket, String label, SessionRun run, TransportProtocol protocol, AddressFamily family,
                           TransportAddress address, SharingOption option, ProcessId process, long boundAt,
                           boolean dualStack) {

    /**
     * A row of a binding held in one name space.
     *
     * @param socket    the socket holding the address
     * @param label     the socket's label in its session, or its handle when it has none
     * @param run       the session run that created the socket
     * @param protocol  the transport protocol
     * @param family    the address's family
     * @param address   the address held, with its actual port
     * @param option    the sharing option the socket bound with
     * @param process   the owning (else creating) process
     * @param boundAt   the log position of the bind
     */
    public OwnershipRow(SocketId socket, String label, SessionRun run, TransportProtocol protocol, AddressFamily family,
                        TransportAddress address, SharingOption option, ProcessId process, long boundAt) {
        this(socket, label, run, protocol, family, address, option, process, boundAt, false);
    }
}
