package org.wskemu.engine.rules;

import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.aggregate.Outcome;

/**
 * What {@link CallDispatcher} drives once a call has passed the checks that need no state: the engine's
 * {@code KernelCalls} (the aggregates, through Axon), or {@link PlainModel}'s plain maps (the bench's
 * reference, issue #15). Both see the calls in the dispatcher's one order of checks.
 */
public interface KernelTarget {

    /**
     * Records a call refused at once and answers its status.
     *
     * @param socket  the socket the call names, or null when it names none that exists
     * @param call    the kind of call
     * @param request the control request, or null for another call
     * @param status  the status it is refused with
     * @param reason  why, in words for the audit
     * @return the call's outcome
     */
    Outcome refuse(SocketId socket, CallKind call, ControlRequest request, NtStatus status, String reason);

    /**
     * WskSocket.
     *
     * @param id      the new socket's handle
     * @param request the socket asked for
     * @param run     the session run creating it
     * @return the call's outcome
     */
    Outcome socket(SocketId id, SocketRequest request, SessionRun run);

    /**
     * WskControlSocket.
     *
     * @param socket  the socket
     * @param request the option set or get
     * @return the call's outcome
     */
    Outcome control(SocketId socket, ControlRequest request);

    /**
     * WskBind.
     *
     * @param socket  the socket
     * @param address      the address asked for
     * @param recordedPort the port a recording's port-0 bind got (SPEC.md 6, rule 1a), or null
     * @return the call's outcome
     */
    Outcome bind(SocketId socket, TransportAddress address, Integer recordedPort);

    /**
     * WskCloseSocket.
     *
     * @param socket the socket
     * @return the call's outcome
     */
    Outcome close(SocketId socket);
}
