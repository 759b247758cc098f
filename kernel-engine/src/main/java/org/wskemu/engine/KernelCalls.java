package org.wskemu.engine;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.command.ChooseEphemeralPort;
import org.wskemu.api.command.CloseSocket;
import org.wskemu.api.command.CompleteBind;
import org.wskemu.api.command.ControlSocket;
import org.wskemu.api.command.CreateSocket;
import org.wskemu.api.command.DecideBind;
import org.wskemu.api.command.DeclareProcess;
import org.wskemu.api.command.DeclareThread;
import org.wskemu.api.command.EphemeralRangeKey;
import org.wskemu.api.command.PrepareBind;
import org.wskemu.api.command.RecordMisuse;
import org.wskemu.api.command.RefuseOnSocket;
import org.wskemu.api.command.ReleaseBinding;
import org.wskemu.api.command.ReserveEphemeralPort;
import org.wskemu.api.command.ResolveSocketContext;
import org.wskemu.api.command.StartRun;
import org.wskemu.api.command.TrackEphemeralPort;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.aggregate.BindPreparation;
import org.wskemu.engine.aggregate.Closing;
import org.wskemu.engine.aggregate.Outcome;
import org.wskemu.engine.sharing.EphemeralPorts;
import org.wskemu.security.Token;

/**
 * The calls of the emulated kernel, each carried out synchronously through the aggregates inside
 * the caller's unit of work. A call that touches several aggregates always loads them socket, then
 * ephemeral range, then port, so concurrent calls cannot deadlock.
 */
final class KernelCalls {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ProfileId profile;
    private final Set<SocketId> known = ConcurrentHashMap.newKeySet();

    KernelCalls(CommandGateway commands, EventStore eventStore, ProfileId profile) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.profile = profile;
    }

    Outcome declareProcess(ProcessId process, Token token) {
        commands.sendAndWait(new DeclareProcess(process, token));
        return Outcome.of(NtStatus.SUCCESS);
    }

    Outcome declareThread(ThreadId thread, ProcessId process, Token impersonation) {
        commands.sendAndWait(new DeclareThread(thread, process, impersonation));
        return Outcome.of(NtStatus.SUCCESS);
    }

    long startRun(String source) {
        Long run = commands.sendAndWait(new StartRun(source));
        return run;
    }

    /** WskSocket: resolves the context on the machine, then creates the socket. */
    Outcome socket(SocketId id, SocketRequest request, long run) {
        Token context = commands.sendAndWait(new ResolveSocketContext(request, run));
        if (context == null) {
            return Outcome.of(NtStatus.INVALID_PARAMETER);
        }
        known.add(id);
        commands.sendAndWait(new CreateSocket(id, run, request, context));
        return new Outcome(NtStatus.SUCCESS, id.value(), new CallResult.NewSocket(id));
    }

    Outcome control(SocketId socket, ControlRequest request) {
        if (!exists(socket)) {
            return unknown(socket, CallKind.forControl(request.type()));
        }
        return commands.sendAndWait(new ControlSocket(socket, request, profile));
    }

    /**
     * WskBind: the socket's own checks, then the ephemeral range when the port is in it, then the
     * port's decision (SPEC.md 6), then the socket records its binding.
     */
    Outcome bind(SocketId socket, TransportAddress address) {
        if (!exists(socket)) {
            return unknown(socket, CallKind.BIND);
        }
        BindPreparation preparation = commands.sendAndWait(new PrepareBind(socket, address, profile));
        if (preparation.isRefused()) {
            return Outcome.of(preparation.refusal());
        }
        Binding candidate = preparation.candidate();
        EphemeralRangeKey range = new EphemeralRangeKey(candidate.protocol(), address.family());
        TransportAddress actual = address;
        if (address.isEphemeralRequest()) {
            Integer port = commands.sendAndWait(new ChooseEphemeralPort(range, candidate, address, profile));
            if (port == null) {
                return Outcome.of(NtStatus.TOO_MANY_ADDRESSES);
            }
            actual = address.withPort(port);
        } else if (EphemeralPorts.inRange(address.port())) {
            commands.sendAndWait(new ReserveEphemeralPort(range, address.port()));
        }
        Binding binding = candidate.withAddress(actual);
        PortKey port = PortKey.of(candidate.protocol(), actual);
        BindDecision decision = commands.sendAndWait(
                new DecideBind(port, binding, address, preparation.context(), profile));
        if (!decision.status().isSuccess()) {
            return Outcome.of(decision.status());
        }
        if (EphemeralPorts.inRange(actual.port())) {
            commands.sendAndWait(new TrackEphemeralPort(range, port, true));
        }
        commands.sendAndWait(new CompleteBind(socket, binding, decision));
        return new Outcome(NtStatus.SUCCESS, 0, new CallResult.Bound(actual));
    }

    /** WskCloseSocket: closes the socket and releases its binding at once (no TIME_WAIT). */
    Outcome close(SocketId socket) {
        if (!exists(socket)) {
            return unknown(socket, CallKind.CLOSE);
        }
        Closing closing = commands.sendAndWait(new CloseSocket(socket));
        Binding released = closing.released();
        if (released != null) {
            PortKey port = PortKey.of(released.protocol(), released.address());
            if (EphemeralPorts.inRange(port.port())) {
                commands.sendAndWait(new TrackEphemeralPort(
                        new EphemeralRangeKey(port.protocol(), port.family()), port, false));
            }
            commands.sendAndWait(new ReleaseBinding(port, socket));
        }
        return Outcome.of(closing.status());
    }

    /** Records a call refused at once (NULL or pending IRP, bad size or level) and answers its status. */
    Outcome refuse(SocketId socket, CallKind call, ControlRequest request, NtStatus status, String reason) {
        if (socket == null || !exists(socket)) {
            commands.sendAndWait(new RecordMisuse(socket, call, status, reason));
        } else {
            commands.sendAndWait(new RefuseOnSocket(socket, call, request, status, reason));
        }
        return Outcome.of(status);
    }

    private Outcome unknown(SocketId socket, CallKind call) {
        // [emulator choice] SPEC.md 5: a call on an unknown socket is recorded as misuse.
        commands.sendAndWait(new RecordMisuse(socket, call, NtStatus.INVALID_HANDLE, "socket " + socket + " is unknown"));
        return Outcome.of(NtStatus.INVALID_HANDLE);
    }

    private boolean exists(SocketId socket) {
        if (known.contains(socket)) {
            return true;
        }
        Optional<Long> last = eventStore.lastSequenceNumberFor(socket.aggregateId());
        if (last.isPresent()) {
            known.add(socket);
            return true;
        }
        return false;
    }
}
