package org.wskemu.api.sharing;

import org.wskemu.api.SessionRun;
import java.util.List;
import java.util.Objects;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.PortKey;
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
 * <p>Name spaces (SPEC.md 6a): a binding is held in its address's family, except that an
 * IPv4-mapped address is held as its IPv4 address in {@code inet}, and a dual-stack socket's
 * wildcard {@code [::]:P} is held in {@code inet6} as {@code [::]:P} and in {@code inet} as
 * {@code 0.0.0.0:P}.
 *
 * @param socket     the socket
 * @param label      the socket's label in its session, or its handle when it has none
 * @param run        the session run that created the socket ({@link SessionRun#NONE} outside one)
 * @param process    the owning (else creating) process, for audit
 * @param protocol   the transport protocol
 * @param address    the address held as the socket sees it, with its actual port ({@code [::ffff:127.0.0.1]:80}
 *                   for a mapped binding)
 * @param option     the sharing option in force at bind time
 * @param descriptor the effective descriptor at bind time (the profile's default when none was set)
 * @param dualStack  whether the socket was dual-stack ({@code inet6} with IPV6_V6ONLY off) when it bound;
 *                   false in events written before dual-stack sockets existed
 */
public record Binding(SocketId socket, String label, SessionRun run, ProcessId process, TransportProtocol protocol,
                      TransportAddress address, SharingOption option, SecurityDescriptor descriptor,
                      boolean dualStack) {

    /**
     * Checks every part is there.
     *
     * @param socket     the socket
     * @param label      its label
     * @param run        its run
     * @param process    its process
     * @param protocol   the transport protocol
     * @param address    the address held
     * @param option     the sharing option at bind time
     * @param descriptor the effective descriptor at bind time
     * @param dualStack  whether the socket is dual-stack (IPV6_V6ONLY off on an {@code inet6} socket)
     */
    public Binding {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    /**
     * A binding of a socket that is not dual-stack.
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
    public Binding(SocketId socket, String label, SessionRun run, ProcessId process, TransportProtocol protocol,
                   TransportAddress address, SharingOption option, SecurityDescriptor descriptor) {
        this(socket, label, run, process, protocol, address, option, descriptor, false);
    }

    /**
     * The same binding on {@code actual} (an ephemeral request's chosen port).
     *
     * @param actual the address actually held
     * @return a copy differing only in the address
     */
    public Binding withAddress(TransportAddress actual) {
        return new Binding(socket, label, run, process, protocol, actual, option, descriptor, dualStack);
    }

    /** {@return whether this is a dual-stack socket's {@code [::]} binding, held in both name spaces (SPEC.md 6a.1)} */
    public boolean dualStackWildcard() {
        return dualStack && address.family() == AddressFamily.INET6 && address.host().equals("::");
    }

    /** {@return the name spaces the binding is held in, {@code inet} first; one or two} */
    public List<AddressFamily> nameSpaces() {
        if (address.isIpv4Mapped()) {
            return List.of(AddressFamily.INET);
        }
        return dualStackWildcard() ? List.of(AddressFamily.INET, AddressFamily.INET6) : List.of(address.family());
    }

    /**
     * The address as held in name space {@code nameSpace} (null: the address's own name space): an
     * IPv4-mapped address as its IPv4 address, a dual-stack wildcard as {@code 0.0.0.0} in {@code inet}.
     *
     * @param nameSpace the name space, or null for the address's own
     * @return the address as the sharing rules compare it there
     */
    public TransportAddress heldIn(AddressFamily nameSpace) {
        if (address.isIpv4Mapped()) {
            return address.ipv4();
        }
        if (nameSpace == AddressFamily.INET && dualStackWildcard()) {
            return TransportAddress.wildcard(AddressFamily.INET, address.port());
        }
        return address;
    }

    /** {@return the ports (one per name space) the binding holds; its port must be an actual one} */
    public List<PortKey> portKeys() {
        return nameSpaces().stream().map(space -> new PortKey(protocol, space, address.port())).toList();
    }
}
