package org.wskemu.api;

import org.wskemu.api.irp.Irp;
import org.wskemu.security.Token;

/**
 * The emulated kernel as a WSK application sees it.
 *
 * <p>Each WSK call takes an {@link Irp}. The checks follow one order for every entry point (SPEC.md
 * 5): the IRP, then what needs no socket state (an unknown option, a wrong level or size), then the
 * handle, the category and the socket's own rules. A call refused by the first two (a NULL IRP, an
 * IRP still pending, an unknown option, a wrong level or size) returns the failure status and
 * completes the IRP with it (when there is one). Otherwise it returns {@link NtStatus#PENDING} and completes the IRP later,
 * exactly once, on an engine thread, with IoStatus and the call's result. Calls on one socket take
 * effect in the order they were made, from however many threads (SPEC.md 5). Every call, refused
 * or not, is recorded as events.
 *
 * <p>Processes and threads are part of the emulated machine: declare them before sockets name
 * them. Declarations are synchronous and recorded too.
 */
public interface WskKernel {

    /**
     * Declares (or re-declares) a process and its primary token.
     *
     * @param process the process
     * @param token   its primary token
     */
    void declareProcess(ProcessId process, Token token);

    /**
     * Declares unicast addresses the machine owns (SPEC.md 2, a session's {@code host} line); each call
     * adds to the earlier ones. Until the first, every address is local; after it, a bind to a specific
     * address the host does not own is STATUS_INVALID_ADDRESS_COMPONENT. Loopback and the wildcards are
     * always local.
     *
     * @param addresses the unicast addresses the host owns (an IPv4-mapped one declares its IPv4 address)
     */
    void declareHost(java.util.List<HostAddress> addresses);

    /**
     * Declares a thread of a declared process, impersonating {@code impersonation} when non-null.
     *
     * @param thread        the thread
     * @param process       its process
     * @param impersonation the token it impersonates, or null
     */
    void declareThread(ThreadId thread, ProcessId process, Token impersonation);

    /**
     * WskSocket. On success IoStatus.Information is the new socket's handle.
     *
     * @param request the socket's arguments
     * @param irp     the IRP to complete, or null (refused with STATUS_INVALID_PARAMETER)
     * @return STATUS_PENDING, or the failure found at once
     */
    NtStatus socket(SocketRequest request, Irp irp);

    /**
     * WskControlSocket for a socket option (set or get).
     *
     * @param socket  the socket
     * @param request the control request
     * @param irp     the IRP to complete, or null (refused with STATUS_INVALID_PARAMETER)
     * @return STATUS_PENDING, or the failure found at once
     */
    NtStatus controlSocket(SocketId socket, ControlRequest request, Irp irp);

    /**
     * WskBind.
     *
     * @param socket  the socket
     * @param address the local address; port 0 takes an ephemeral port
     * @param irp     the IRP to complete, or null (refused with STATUS_INVALID_PARAMETER)
     * @return STATUS_PENDING, or the failure found at once
     */
    NtStatus bind(SocketId socket, TransportAddress address, Irp irp);

    /**
     * WskCloseSocket.
     *
     * @param socket the socket
     * @param irp    the IRP to complete, or null (refused with STATUS_INVALID_PARAMETER)
     * @return STATUS_PENDING, or the failure found at once
     */
    NtStatus closeSocket(SocketId socket, Irp irp);
}
