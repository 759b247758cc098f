package org.wskemu.api.sharing;

import java.util.Objects;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.security.SecurityDescriptor;

/**
 * A live binding: a socket holding a local address with the sharing attributes it was bound with.
 * The option and descriptor in force when it bound are its own for its whole life (SPEC.md 6.4).
 *
 * @param socket     the socket
 * @param label      the socket's label in its session, or its handle when it has none
 * @param run        the session run that created the socket (0 outside a session run)
 * @param process    the owning (else creating) process, for audit
 * @param protocol   the transport protocol
 * @param address    the address held, with its actual port
 * @param option     the sharing option in force at bind time
 * @param descriptor the effective descriptor at bind time (the profile's default when none was set)
 */
public record Binding(SocketId socket, String label, long run, ProcessId process, TransportProtocol protocol,
                      TransportAddress address, SharingOption option, SecurityDescriptor descriptor) {

    /**
     * Checks every part but the run is there.
     *
     * @param socket     the socket
     * @param label      its label
     * @param run        its run
     * @param process    its process
     * @param protocol   the transport protocol
     * @param address    the address held
     * @param option     the sharing option at bind time
     * @param descriptor the effective descriptor at bind time
     */
    public Binding {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    /**
     * {@return the same binding on {@code actual} (an ephemeral request's chosen port)}
     *
     * @param actual the address actually held
     */
    public Binding withAddress(TransportAddress actual) {
        return new Binding(socket, label, run, process, protocol, actual, option, descriptor);
    }
}
