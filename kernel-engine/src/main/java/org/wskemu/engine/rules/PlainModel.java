package org.wskemu.engine.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.HostAddress;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.aggregate.ControlRules;
import org.wskemu.engine.aggregate.MachineAggregate;
import org.wskemu.engine.aggregate.Outcome;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.sharing.BindArbiter;
import org.wskemu.engine.sharing.BindRequest;
import org.wskemu.engine.sharing.EphemeralPorts;
import org.wskemu.engine.sharing.NameSpaceDecisions;
import org.wskemu.engine.sharing.PortBindings;
import org.wskemu.engine.sharing.SharingProfile;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Token;

/**
 * A session decided by the domain's pure functions alone, in plain maps: no events, no Axon, no store
 * (issue #15: the bench's reference for the CPU a call of {@code run --store mem} costs).
 *
 * <p>Each call goes through the engine's one dispatcher ({@code CallDispatcher}, so the order of
 * checks is the same one, SPEC.md 5) into plain-map state in place of the aggregates: the socket's
 * rules as the socket aggregate has them, the machine's context and host checks
 * ({@link MachineAggregate#owns}), the ephemeral ranges ({@link EphemeralPorts#lowestFree}), and each
 * port's decision by {@link BindArbiter} over {@link PortBindings} under the sharing profile's table,
 * combined across name spaces by {@link NameSpaceDecisions}. It records nothing: the statuses are
 * its whole answer. A test pins that it answers every call of a generated session as the engine does.
 *
 * <p>Internal (issue #22: it left the exported API): the bench's reference figure, and the
 * in-memory machine internal code of this module (exploring interleavings) may build on; the one set of rules is the
 * dispatcher's and the pure functions', which this model and the engine share.
 *
 * <p>Not thread-safe: one model decides one session, in order.
 */
public final class PlainModel {

    /** A socket's state, as the socket aggregate folds it. */
    private static final class Sock {
        final SocketId id;
        final String label;
        final SocketCategory category;
        final AddressFamily family;
        final ProcessId process;
        final Token context;
        SecurityDescriptor descriptor;
        boolean reuseAddress;
        boolean exclusiveAddressUse;
        boolean v6Only = true;
        Binding binding;
        boolean closed;

        Sock(SocketId id, SocketRequest request, Token context) {
            this.id = id;
            this.label = request.label() != null ? request.label() : id.toString();
            this.category = request.category();
            this.family = request.family();
            this.process = request.owningProcess() != null ? request.owningProcess() : request.creatingProcess();
            this.context = context;
            this.descriptor = request.descriptor();
        }

        /** A copy with the same fields, for {@link PlainModel#copy()}. */
        Sock(Sock other) {
            this.id = other.id;
            this.label = other.label;
            this.category = other.category;
            this.family = other.family;
            this.process = other.process;
            this.context = other.context;
            this.descriptor = other.descriptor;
            this.reuseAddress = other.reuseAddress;
            this.exclusiveAddressUse = other.exclusiveAddressUse;
            this.v6Only = other.v6Only;
            this.binding = other.binding;
            this.closed = other.closed;
        }

        boolean enabled(OptionCode option) {
            return option.equals(OptionCode.SO_REUSEADDR) ? reuseAddress : exclusiveAddressUse;
        }
    }

    private record ThreadRecord(long process, Token impersonation) {
    }

    private final ProfileId profile;
    private final SharingProfile sharing;
    private final CallDispatcher dispatcher;
    private final Target target = new Target();
    private final Map<Long, Token> processes = new HashMap<>();
    private final Map<Long, ThreadRecord> threads = new HashMap<>();
    private final Set<HostAddress> hostAddresses = new HashSet<>();
    private boolean hostDeclared;
    private final Map<SocketId, Sock> sockets = new HashMap<>();
    private final Map<PortKey, PortBindings> ports = new HashMap<>();
    /** Live bindings per ephemeral port, per protocol and family ({@code "tcp/inet"}). */
    private final Map<String, int[]> ranges = new HashMap<>();
    private final Map<String, SocketId> labels = new HashMap<>();
    private long nextSocket = 1;
    /** What the call being decided reads or changes beyond its own socket ({@link Step}). */
    private final List<PortKey> touchedPorts = new ArrayList<>();
    private final List<String> touchedRanges = new ArrayList<>();
    private TransportAddress bound;

    /**
     * One call's answer, with the state it read or changed beyond its own socket: the ports decided
     * in (each name space of a bind, the ports a close releases) and the ephemeral ranges
     * ({@code "tcp/inet"}) whose lowest free port it read or may have moved. Two calls on different
     * sockets whose steps name no common port or range commute: either order gives both the same
     * answers and leaves the same state (the explorer's dependency relation, DESIGN.md).
     *
     * @param status the status the call completes with
     * @param bound  the address a successful bind holds (the chosen port for port 0), else null
     * @param ports  the ports whose bindings the call read or changed, in the order decided; immutable
     * @param ranges the ephemeral ranges the call read or changed; immutable
     */
    public record Step(NtStatus status, TransportAddress bound, List<PortKey> ports, List<String> ranges) {
        /**
         * Copies the lists.
         *
         * @param status the status the call completes with
         * @param bound  the address a successful bind holds, else null
         * @param ports  the ports read or changed
         * @param ranges the ephemeral ranges read or changed
         */
        public Step {
            Objects.requireNonNull(status, "status");
            ports = List.copyOf(ports);
            ranges = List.copyOf(ranges);
        }
    }

    /** A model under the {@code wsk} profile, as {@code WskEmulator}'s default. */
    public PlainModel() {
        this(ProfileId.WSK);
    }

    /**
     * @param profile the sharing profile every decision is made under
     */
    public PlainModel(ProfileId profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.sharing = SharingProfile.of(profile);
        this.dispatcher = new CallDispatcher(profile);
    }

    /** A deep copy of {@code other}'s state; the immutable values (tokens, bindings) are shared. */
    private PlainModel(PlainModel other) {
        this.profile = other.profile;
        this.sharing = other.sharing;
        this.dispatcher = other.dispatcher;
        this.processes.putAll(other.processes);
        this.threads.putAll(other.threads);
        this.hostAddresses.addAll(other.hostAddresses);
        this.hostDeclared = other.hostDeclared;
        other.sockets.forEach((id, sock) -> sockets.put(id, new Sock(sock)));
        other.ports.forEach((key, bindings) -> {
            if (!bindings.isEmpty()) {
                ports.put(key, PortBindings.of(key.family(), bindings.inBindOrder()));
            }
        });
        other.ranges.forEach((key, counts) -> ranges.put(key, counts.clone()));
        this.labels.putAll(other.labels);
        this.nextSocket = other.nextSocket;
    }

    /**
     * A model in the same state that decides on independently of this one (the explorer keeps one
     * per step of the order it is on, so that another order can go on from any of them).
     *
     * @return the copy
     */
    public PlainModel copy() {
        return new PlainModel(this);
    }

    /**
     * Decides one call as {@link #decide} does, and says what it read or changed beyond its socket.
     *
     * @param call the call
     * @return the call's status, bound address and footprint
     * @throws IllegalArgumentException for a thread of an undeclared process, as the engine
     */
    public Step step(SessionCall call) {
        touchedPorts.clear();
        touchedRanges.clear();
        bound = null;
        NtStatus status = decide(call);
        return new Step(status, status.isSuccess() ? bound : null, touchedPorts, touchedRanges);
    }

    /**
     * Decides one call of a session, in order, as {@code run} does (labels name the sockets created).
     *
     * @param call the call
     * @return the status the call completes with
     * @throws IllegalArgumentException for a thread of an undeclared process, as the engine
     */
    public NtStatus decide(SessionCall call) {
        if (call instanceof SessionCall.DeclareProcess p) {
            processes.put(p.process().value(), p.token());
            return NtStatus.SUCCESS;
        }
        if (call instanceof SessionCall.DeclareThread t) {
            if (!processes.containsKey(t.process().value())) {
                throw new IllegalArgumentException("thread " + t.thread() + " names undeclared process " + t.process());
            }
            threads.put(t.thread().value(), new ThreadRecord(t.process().value(), t.impersonation()));
            return NtStatus.SUCCESS;
        }
        if (call instanceof SessionCall.DeclareHost h) {
            hostDeclared = true;
            hostAddresses.addAll(h.addresses());
            return NtStatus.SUCCESS;
        }
        if (call instanceof SessionCall.CreateSocket s) {
            SocketId id = new SocketId(nextSocket++);
            NtStatus status = dispatcher.dispatch(target, id, null, new CallDispatcher.CreateSocket(s.request()),
                    irp(s.irp()), SessionRun.NONE).status();
            if (status.isSuccess()) {
                labels.put(s.label(), id);
            } else {
                labels.remove(s.label());
            }
            return status;
        }
        CallDispatcher.Call dispatched;
        boolean irp;
        if (call instanceof SessionCall.Control c) {
            dispatched = new CallDispatcher.Control(c.request());
            irp = c.irp();
        } else if (call instanceof SessionCall.Bind b) {
            dispatched = new CallDispatcher.Bind(b.address(), b.recordedPort());
            irp = b.irp();
        } else {
            SessionCall.Close close = (SessionCall.Close) call;
            dispatched = new CallDispatcher.Close();
            irp = close.irp();
        }
        return dispatcher.dispatch(target, labels.get(call.label()), "never created", dispatched, irp(irp),
                SessionRun.NONE).status();
    }

    /**
     * Decides every call in order.
     *
     * @param calls the session
     * @return each call's status, in order
     */
    public List<NtStatus> decideAll(List<SessionCall> calls) {
        List<NtStatus> statuses = new ArrayList<>(calls.size());
        for (SessionCall call : calls) {
            statuses.add(decide(call));
        }
        return statuses;
    }

    private static CallDispatcher.IrpState irp(boolean given) {
        return given ? CallDispatcher.IrpState.SUBMITTED : CallDispatcher.IrpState.NULL;
    }

    /** The plain-map state in place of the aggregates. */
    private final class Target implements KernelTarget {

        @Override
        public Outcome refuse(SocketId socket, CallKind call, ControlRequest request, NtStatus status, String reason) {
            return Outcome.of(status);
        }

        @Override
        public Outcome socket(SocketId id, SocketRequest request, SessionRun run) {
            Token context = context(request);
            if (context == null) {
                return Outcome.of(NtStatus.INVALID_PARAMETER);
            }
            sockets.put(id, new Sock(id, request, context));
            return new Outcome(NtStatus.SUCCESS, id.value(), new CallResult.NewSocket(id));
        }

        /** MachineAggregate's ResolveSocketContext. */
        private Token context(SocketRequest request) {
            if (!processes.containsKey(request.creatingProcess().value())
                    || request.owningProcess() != null && !processes.containsKey(request.owningProcess().value())
                    || request.owningThread() != null && !threads.containsKey(request.owningThread().value())) {
                return null;
            }
            ThreadId thread = request.owningThread();
            if (thread != null) {
                ThreadRecord record = threads.get(thread.value());
                return record.impersonation() != null ? record.impersonation() : processes.get(record.process());
            }
            if (request.owningProcess() != null) {
                return processes.get(request.owningProcess().value());
            }
            return processes.get(request.creatingProcess().value());
        }

        /** SocketAggregate's ControlSocket. */
        @Override
        public Outcome control(SocketId id, ControlRequest request) {
            Sock sock = sockets.get(id);
            if (sock == null || sock.closed) {
                return Outcome.of(NtStatus.INVALID_HANDLE);
            }
            OptionCode option = request.option();
            if (!option.isKnown() || !sock.category.canBind()) {
                return Outcome.of(NtStatus.NOT_SUPPORTED);
            }
            if (request.type() == ControlType.GET) {
                if (option.takesValue()) {
                    int value = option.equals(OptionCode.IPV6_V6ONLY) ? (sock.v6Only ? 1 : 0) : sock.enabled(option) ? 1 : 0;
                    return new Outcome(NtStatus.SUCCESS, ControlRules.informationOfGet(request, profile),
                            new CallResult.OptionValue(value));
                }
                return new Outcome(NtStatus.SUCCESS, 8, new CallResult.Descriptor(effectiveDescriptor(sock)));
            }
            if (option.equals(OptionCode.SO_WSK_SECURITY)) {
                if (!(request.input() instanceof ControlInput.Descriptor given)) {
                    return Outcome.of(NtStatus.INVALID_PARAMETER);
                }
                sock.descriptor = given.descriptor();
                return Outcome.of(NtStatus.SUCCESS);
            }
            int value = ControlRules.valueRead(request, profile);
            if (option.equals(OptionCode.IPV6_V6ONLY)) {
                if (sock.binding != null) {
                    return Outcome.of(NtStatus.INVALID_PARAMETER);
                }
                sock.v6Only = value != 0;
                return Outcome.of(NtStatus.SUCCESS);
            }
            OptionCode other = option.equals(OptionCode.SO_REUSEADDR) ? OptionCode.SO_EXCLUSIVEADDRUSE : OptionCode.SO_REUSEADDR;
            if (value != 0 && sock.enabled(other)) {
                return Outcome.of(NtStatus.INVALID_PARAMETER);
            }
            if (option.equals(OptionCode.SO_REUSEADDR)) {
                sock.reuseAddress = value != 0;
            } else {
                sock.exclusiveAddressUse = value != 0;
            }
            return Outcome.of(NtStatus.SUCCESS);
        }

        private SecurityDescriptor effectiveDescriptor(Sock sock) {
            return sock.descriptor != null ? sock.descriptor : sharing.defaultDescriptor(sock.context.user());
        }

        /** KernelCalls' bind, each command's handler done in place on the maps. */
        @Override
        public Outcome bind(SocketId id, TransportAddress address, Integer recordedPort) {
            Sock sock = sockets.get(id);
            if (sock == null || sock.closed) {
                return Outcome.of(NtStatus.INVALID_HANDLE);
            }
            // SocketAggregate's PrepareBind
            if (!sock.category.canBind()) {
                return Outcome.of(NtStatus.NOT_SUPPORTED);
            }
            if (sock.binding != null) {
                return Outcome.of(NtStatus.ADDRESS_ALREADY_ASSOCIATED);
            }
            boolean dualStack = sock.family == AddressFamily.INET6 && !sock.v6Only;
            if (address.family() != sock.family || address.isIpv4Mapped() && !dualStack) {
                return Outcome.of(NtStatus.INVALID_PARAMETER);
            }
            SharingOption option = SharingOption.of(sock.reuseAddress, sock.exclusiveAddressUse);
            Binding candidate = new Binding(sock.id, sock.label, SessionRun.NONE, sock.process,
                    sock.category.protocol().orElseThrow(), address, option, effectiveDescriptor(sock), dualStack);
            // the machine's host check
            if (!address.isWildcard() && !address.isLoopback()
                    && !MachineAggregate.owns(hostDeclared, hostAddresses, address)) {
                return Outcome.of(NtStatus.INVALID_ADDRESS_COMPONENT);
            }
            List<AddressFamily> spaces = candidate.nameSpaces();
            int port = address.port();
            if (address.isEphemeralRequest() || EphemeralPorts.inRange(port)) {
                // the lowest free ephemeral port is read (port 0) or may move (a bind in the range)
                spaces.forEach(space -> touchedRanges.add(candidate.protocol() + "/" + space));
            }
            if (address.isEphemeralRequest()) {
                // SPEC.md 6, rule 1a: the recorded port when no name space of the bind has a binding on it
                boolean recordedFree = recordedPort != null && spaces.stream()
                        .allMatch(space -> portBindings(new PortKey(candidate.protocol(), space, recordedPort)).isEmpty());
                Integer chosen = recordedFree ? recordedPort : chooseEphemeral(candidate, spaces);
                if (chosen == null) {
                    return Outcome.of(NtStatus.TOO_MANY_ADDRESSES);
                }
                port = chosen;
            }
            for (AddressFamily space : spaces) {
                touchedPorts.add(new PortKey(candidate.protocol(), space, port));
            }
            TransportAddress actual = address.withPort(port);
            Binding binding = candidate.withAddress(actual);
            List<BindDecision> halves = new ArrayList<>(spaces.size());
            for (AddressFamily space : spaces) {
                PortKey key = new PortKey(candidate.protocol(), space, port);
                BindRequest request = new BindRequest(candidate.socket(), address,
                        NameSpaceDecisions.inNameSpace(binding.address(), space), candidate.option(), sock.context);
                halves.add(BindArbiter.decide(sharing, portBindings(key), request));
            }
            BindDecision decision = NameSpaceDecisions.combine(halves, actual);
            if (!decision.status().isSuccess()) {
                return Outcome.of(decision.status());
            }
            for (PortKey key : binding.portKeys()) {
                portBindings(key).add(binding);
                if (EphemeralPorts.inRange(port)) {
                    range(key)[port - EphemeralPorts.FIRST]++;
                }
            }
            sock.binding = binding;
            bound = actual;
            return new Outcome(NtStatus.SUCCESS, 0, new CallResult.Bound(actual));
        }

        private Integer chooseEphemeral(Binding candidate, List<AddressFamily> spaces) {
            int from = EphemeralPorts.FIRST;
            while (true) {
                boolean moved = false;
                for (AddressFamily space : spaces) {
                    int[] counts = range(new PortKey(candidate.protocol(), space, EphemeralPorts.FIRST));
                    OptionalInt port = EphemeralPorts.lowestFree(from, p -> counts[p - EphemeralPorts.FIRST] > 0);
                    if (port.isEmpty()) {
                        return null;
                    }
                    if (port.getAsInt() != from) {
                        from = port.getAsInt();
                        moved = true;
                    }
                }
                if (!moved || spaces.size() == 1) {
                    return from;
                }
            }
        }

        /** SocketAggregate's CloseSocket, then the ranges and ports release the binding. */
        @Override
        public Outcome close(SocketId id) {
            Sock sock = sockets.get(id);
            if (sock == null || sock.closed) {
                return Outcome.of(NtStatus.INVALID_HANDLE);
            }
            Binding released = sock.binding;
            sock.closed = true;
            sock.binding = null;
            if (released != null) {
                for (PortKey key : released.portKeys()) {
                    touchedPorts.add(key);
                    if (EphemeralPorts.inRange(key.port())) {
                        touchedRanges.add(key.protocol() + "/" + key.family());
                        range(key)[key.port() - EphemeralPorts.FIRST]--;
                    }
                    PortBindings bindings = ports.get(key);
                    if (bindings != null && bindings.holds(id)) {
                        bindings.remove(id);
                    }
                }
            }
            return Outcome.of(NtStatus.SUCCESS);
        }

        private PortBindings portBindings(PortKey key) {
            return ports.computeIfAbsent(key, k -> new PortBindings(k.family()));
        }

        private int[] range(PortKey key) {
            return ranges.computeIfAbsent(key.protocol() + "/" + key.family(),
                    k -> new int[EphemeralPorts.LAST - EphemeralPorts.FIRST + 1]);
        }
    }
}
