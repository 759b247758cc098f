package org.wskemu.engine;

import org.wskemu.engine.rules.KernelTarget;
import org.wskemu.api.SessionRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.HostAddress;
import org.wskemu.api.NtStatus;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.command.ApplyDecision;
import org.wskemu.engine.command.CheckLocalAddress;
import org.wskemu.engine.command.ChooseEphemeralPort;
import org.wskemu.engine.command.CloseSocket;
import org.wskemu.engine.command.CompleteBind;
import org.wskemu.engine.command.ControlSocket;
import org.wskemu.engine.command.CreateSocket;
import org.wskemu.engine.command.DecideBind;
import org.wskemu.engine.command.DeclareHost;
import org.wskemu.engine.command.DeclareProcess;
import org.wskemu.engine.command.DeclareThread;
import org.wskemu.engine.command.FindPortHolder;
import org.wskemu.engine.command.EphemeralRangeKey;
import org.wskemu.engine.command.PrepareBind;
import org.wskemu.engine.command.RecordMisuse;
import org.wskemu.engine.command.RefuseOnSocket;
import org.wskemu.engine.command.ReleaseBinding;
import org.wskemu.engine.command.ReserveEphemeralPort;
import org.wskemu.engine.command.ResolveSocketContext;
import org.wskemu.engine.command.EndRun;
import org.wskemu.engine.command.StartRun;
import org.wskemu.engine.command.TrackEphemeralPort;
import org.wskemu.engine.command.RecordCalls;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.aggregate.BindPreparation;
import org.wskemu.engine.aggregate.Closing;
import org.wskemu.engine.aggregate.KernelAggregates;
import org.wskemu.engine.aggregate.Outcome;
import org.wskemu.engine.sharing.EphemeralPorts;
import org.wskemu.engine.sharing.NameSpaceDecisions;
import org.wskemu.security.Token;

/**
 * The calls of the emulated kernel, each carried out synchronously through the aggregates inside
 * the caller's unit of work. A call that touches several aggregates always loads them socket, then
 * machine (a bind's host check), then ephemeral range(s), then port(s), each kind {@code inet} before
 * {@code inet6}, so concurrent calls cannot deadlock.
 */
final class KernelCalls implements KernelTarget {

    private final KernelAggregates aggregates;
    private final EventStore eventStore;
    private final ProfileId profile;
    /**
     * Sockets known to exist, sparing the event store a lookup per call: a cache of the most recently
     * used {@value #KNOWN_SOCKETS} (issue #15: a set of every socket ever created grew by about 70 bytes
     * a socket, 170 MB for a 10M-call session); a socket not in it is looked up, as before.
     */
    private final Set<SocketId> known = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SocketId, Boolean> eldest) {
                    return size() > KNOWN_SOCKETS;
                }
            }));
    private static final int KNOWN_SOCKETS = 65_536;

    KernelCalls(KernelAggregates aggregates, EventStore eventStore, ProfileId profile) {
        this.aggregates = aggregates;
        this.eventStore = eventStore;
        this.profile = profile;
    }

    Outcome declareProcess(ProcessId process, Token token) {
        aggregates.declareProcess(new DeclareProcess(process, token));
        return Outcome.of(NtStatus.SUCCESS);
    }

    Outcome declareThread(ThreadId thread, ProcessId process, Token impersonation) {
        aggregates.declareThread(new DeclareThread(thread, process, impersonation));
        return Outcome.of(NtStatus.SUCCESS);
    }

    long startRun(String source, String sha256) {
        return aggregates.startRun(new StartRun(source, sha256));
    }

    /** Ends a run, after its last call and its recorded lines (issue #26). */
    Outcome endRun(long run, long calls, boolean stoppedEarly) {
        aggregates.endRun(new EndRun(run, calls, stoppedEarly));
        return Outcome.of(NtStatus.SUCCESS);
    }

    /** Records the lines and expectations of a run's committed calls (issue #13). */
    Outcome recordCalls(long run, List<CallsRecorded.Call> recorded) {
        aggregates.recordCalls(new RecordCalls(run, recorded));
        return Outcome.of(NtStatus.SUCCESS);
    }

    /** WskSocket: resolves the context on the machine, then creates the socket. */
    @Override
    public Outcome socket(SocketId id, SocketRequest request, SessionRun run) {
        Token context = aggregates.resolveSocketContext(new ResolveSocketContext(request, run));
        if (context == null) {
            return Outcome.of(NtStatus.INVALID_PARAMETER);
        }
        known.add(id);
        aggregates.createSocket(new CreateSocket(id, run, request, context));
        return new Outcome(NtStatus.SUCCESS, id.value(), new CallResult.NewSocket(id));
    }

    @Override
    public Outcome control(SocketId socket, ControlRequest request) {
        if (!exists(socket)) {
            return unknown(socket, CallKind.forControl(request.type()));
        }
        return aggregates.controlSocket(new ControlSocket(socket, request, profile));
    }

    /**
     * WskBind: the socket's own checks, then the host's (a specific address it must own), then the
     * ephemeral range(s) when the port is in the range, then each port's decision (SPEC.md 6, 6a),
     * then the socket records its binding.
     *
     * <p>A dual-stack wildcard bind is decided on two ports, {@code inet} then {@code inet6}, in this
     * one unit of work (ARCHITECTURE.md): each port decides without recording, the two decisions are
     * combined, and only then is the outcome applied to both ports (a success) or recorded on the
     * refusing one. Both ports stay locked by the unit of work from their decision to its commit, so no
     * other bind can come between; a store shared with another engine refuses the append of a port that
     * moved meanwhile, and the whole batch is decided again.
     */
    @Override
    public Outcome bind(SocketId socket, TransportAddress address, Integer recordedPort) {
        if (!exists(socket)) {
            return unknown(socket, CallKind.BIND);
        }
        BindPreparation answer = aggregates.prepareBind(new PrepareBind(socket, address, profile));
        if (answer instanceof BindPreparation.Refused refused) {
            return Outcome.of(refused.status());
        }
        BindPreparation.Candidate preparation = (BindPreparation.Candidate) answer; // the only other case
        Binding candidate = preparation.binding();
        if (!address.isWildcard() && !address.isLoopback()) {
            // wildcards and loopback are always local (SPEC.md 2): only a specific address asks the machine
            boolean local = aggregates.checkLocalAddress(new CheckLocalAddress(candidate, address, profile));
            if (!local) {
                return Outcome.of(NtStatus.INVALID_ADDRESS_COMPONENT);
            }
        }
        List<AddressFamily> spaces = candidate.nameSpaces();
        int port = address.port();
        String recordedNote = null;
        if (address.isEphemeralRequest()) {
            Binding holder = recordedPort == null ? null : holderOfRecordedPort(candidate, spaces, recordedPort);
            Integer chosen = recordedPort != null && holder == null ? recordedPort : chooseEphemeral(candidate, address, spaces);
            if (chosen == null) {
                return Outcome.of(NtStatus.TOO_MANY_ADDRESSES);
            }
            port = chosen;
            if (recordedPort != null) {
                recordedNote = EphemeralPorts.recordedPortNote(recordedPort, holder, port);
            }
        } else if (EphemeralPorts.inRange(port)) {
            for (AddressFamily space : spaces) {
                aggregates.reserveEphemeralPort(new ReserveEphemeralPort(new EphemeralRangeKey(candidate.protocol(), space), port));
            }
        }
        TransportAddress actual = address.withPort(port);
        Binding binding = candidate.withAddress(actual);
        BindDecision decision;
        if (spaces.size() == 1) {
            PortKey key = new PortKey(candidate.protocol(), spaces.get(0), port);
            BindDecision own = aggregates.decideBind(new DecideBind(key, binding, address, preparation.context(), profile));
            decision = NameSpaceDecisions.combine(List.of(own), actual);
        } else {
            List<BindDecision> halves = new ArrayList<>(spaces.size());
            for (AddressFamily space : spaces) {
                halves.add(aggregates.decideBind(new DecideBind(new PortKey(candidate.protocol(), space, port), binding,
                        address, preparation.context(), profile, false)));
            }
            decision = NameSpaceDecisions.combine(halves, actual);
            for (int i = 0; i < spaces.size(); i++) {
                // a success is applied to both ports; a refusal is recorded on the port that refused first
                if (decision.status().isSuccess() || halves.get(i).status() == decision.status()) {
                    aggregates.applyDecision(new ApplyDecision(new PortKey(candidate.protocol(), spaces.get(i), port),
                            binding, decision));
                    if (!decision.status().isSuccess()) {
                        break;
                    }
                }
            }
        }
        if (!decision.status().isSuccess()) {
            return Outcome.of(decision.status());
        }
        if (recordedNote != null) {
            decision = decision.withRecordedPort(recordedPort, recordedNote);
        }
        if (EphemeralPorts.inRange(port)) {
            for (PortKey key : binding.portKeys()) {
                aggregates.trackEphemeralPort(new TrackEphemeralPort(new EphemeralRangeKey(key.protocol(), key.family()), key, true));
            }
        }
        aggregates.completeBind(new CompleteBind(socket, binding, decision));
        return new Outcome(NtStatus.SUCCESS, 0, new CallResult.Bound(actual));
    }

    /**
     * A live binding on a port-0 bind's recorded port in a name space of the bind, or null when it is free in
     * all (SPEC.md 6, rule 1a). A recorded port in the ephemeral range locks its ranges first (range, then port).
     */
    private Binding holderOfRecordedPort(Binding candidate, List<AddressFamily> spaces, int recordedPort) {
        if (EphemeralPorts.inRange(recordedPort)) {
            for (AddressFamily space : spaces) {
                aggregates.reserveEphemeralPort(new ReserveEphemeralPort(new EphemeralRangeKey(candidate.protocol(), space), recordedPort));
            }
        }
        for (AddressFamily space : spaces) {
            Binding holder = aggregates.findPortHolder(new FindPortHolder(new PortKey(candidate.protocol(), space, recordedPort)));
            if (holder != null) {
                return holder;
            }
        }
        return null;
    }

    /**
     * The lowest ephemeral port free in every name space of the bind (SPEC.md 6a.4, [emulator choice]):
     * each range answers its lowest free port at or above the last answer, until all agree; a range with
     * none records TOO_MANY_ADDRESSES and the answer is null.
     */
    private Integer chooseEphemeral(Binding candidate, TransportAddress address, List<AddressFamily> spaces) {
        int from = EphemeralPorts.FIRST;
        while (true) {
            boolean moved = false;
            for (AddressFamily space : spaces) {
                Integer port = aggregates.chooseEphemeralPort(new ChooseEphemeralPort(
                        new EphemeralRangeKey(candidate.protocol(), space), candidate, address, profile, from));
                if (port == null) {
                    return null;
                }
                if (port != from) {
                    from = port;
                    moved = true;
                }
            }
            if (!moved || spaces.size() == 1) {
                return from;
            }
        }
    }

    /** WskCloseSocket: closes the socket and releases its binding at once (no TIME_WAIT), in every name space. */
    @Override
    public Outcome close(SocketId socket) {
        if (!exists(socket)) {
            return unknown(socket, CallKind.CLOSE);
        }
        Closing closing = aggregates.closeSocket(new CloseSocket(socket));
        Binding released = closing.released();
        if (released != null) {
            List<PortKey> ports = released.portKeys();
            for (PortKey port : ports) {
                if (EphemeralPorts.inRange(port.port())) {
                    aggregates.trackEphemeralPort(new TrackEphemeralPort(
                            new EphemeralRangeKey(port.protocol(), port.family()), port, false));
                }
            }
            for (PortKey port : ports) {
                aggregates.releaseBinding(new ReleaseBinding(port, socket));
            }
        }
        return Outcome.of(closing.status());
    }

    /** Declares addresses the machine owns (SPEC.md 2). */
    Outcome declareHost(List<HostAddress> addresses) {
        aggregates.declareHost(new DeclareHost(addresses));
        return Outcome.of(NtStatus.SUCCESS);
    }

    /** Records a call refused at once (NULL or pending IRP, bad size or level) and answers its status. */
    @Override
    public Outcome refuse(SocketId socket, CallKind call, ControlRequest request, NtStatus status, String reason) {
        if (socket == null || !exists(socket)) {
            aggregates.recordMisuse(new RecordMisuse(socket, call, status, reason));
        } else {
            aggregates.refuseOnSocket(new RefuseOnSocket(socket, call, request, status, reason));
        }
        return Outcome.of(status);
    }

    private Outcome unknown(SocketId socket, CallKind call) {
        // [emulator choice] SPEC.md 5: a call on an unknown socket is recorded as misuse.
        aggregates.recordMisuse(new RecordMisuse(socket, call, NtStatus.INVALID_HANDLE, "socket " + socket + " is unknown"));
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
