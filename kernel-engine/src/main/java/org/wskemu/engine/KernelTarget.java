package org.wskemu.engine;

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
 * {@link KernelCalls} (the aggregates, through Axon), or {@link PlainModel}'s plain maps (the bench's
 * reference, issue #15). Both see the calls in the dispatcher's one order of checks.
 */
interface KernelTarget {

    /** Records a call refused at once and answers its status. */
    Outcome refuse(SocketId socket, CallKind call, ControlRequest request, NtStatus status, String reason);

    /** WskSocket. */
    Outcome socket(SocketId id, SocketRequest request, SessionRun run);

    /** WskControlSocket. */
    Outcome control(SocketId socket, ControlRequest request);

    /** WskBind; {@code recordedPort} is the port a recording's port-0 bind got (SPEC.md 6, rule 1a), or null. */
    Outcome bind(SocketId socket, TransportAddress address, Integer recordedPort);

    /** WskCloseSocket. */
    Outcome close(SocketId socket);
}
