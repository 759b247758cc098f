package org.wskemu.engine.verify;

import org.wskemu.api.SessionRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.HostAddress;
import org.wskemu.api.ProcessId;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.PortKey;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.HostDeclared;
import org.wskemu.api.event.Ipv6OnlySet;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.RunEnded;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.event.ThreadDeclared;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.sharing.BindArbiter;
import org.wskemu.engine.sharing.BindRequest;
import org.wskemu.engine.aggregate.MachineAggregate;
import org.wskemu.engine.sharing.EphemeralPorts;
import org.wskemu.engine.sharing.NameSpaceDecisions;
import org.wskemu.engine.sharing.PortBindings;
import org.wskemu.engine.sharing.SharingProfile;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Token;

/**
 * Invariant 1: every recorded bind decision equals what the profile's table and the access check
 * give for the state just before it. The state is folded from the log alone, independently of the
 * aggregates that made the decisions, and each decision is made again with the pure arbiter.
 */
public final class Verifier {

    /** A socket as the log describes it. */
    private static final class SocketState {
        final SocketCategory category;
        final AddressFamily family;
        final Token context;
        SecurityDescriptor descriptor;
        boolean reuse;
        boolean exclusive;
        boolean v6Only = true;
        Binding binding;
        boolean closed;

        SocketState(SocketCreated e) {
            category = e.category();
            family = e.family();
            context = e.context();
            descriptor = e.descriptor();
        }

        SharingOption option() {
            return SharingOption.of(reuse, exclusive);
        }
    }

    /** A re-derived outcome: status and, when bound, the address. */
    private record Derived(NtStatus status, TransportAddress actual) {
        @Override
        public String toString() {
            return status.fullName() + (actual != null ? " on " + actual : "");
        }
    }

    private final Map<SocketId, SocketState> sockets = new HashMap<>();
    private final Map<PortKey, PortBindings> ports = new HashMap<>();
    private final Map<SocketId, Binding> addedToPort = new HashMap<>();
    private boolean hostDeclared;
    private final Set<HostAddress> hostAddresses = new HashSet<>();
    private final List<VerifyReport.Mismatch> mismatches = new ArrayList<>();
    /** The decision the sharing table made in the last {@link #derive}, or null when a check before it refused. */
    private BindDecision arbitrated;
    private long events;
    private long decisions;

    private Verifier() {
    }

    /**
     * Reads the whole log and re-derives every bind decision in it.
     *
     * @param log the event log
     * @return what was found
     */
    public static VerifyReport verify(EventLog log) {
        Verifier verifier = read(log, event -> { });
        return new VerifyReport(verifier.events, verifier.decisions, verifier.mismatches);
    }

    /**
     * As {@link #verify(EventLog)}, and in the same read of the log folds it again up to the read
     * models' position and compares: the read models must be that fold (invariant 3). A row changed
     * in the store's read-model tables is found here; a rebuild derives them again.
     *
     * @param log        the event log
     * @param readModels the read models to compare with the log's fold
     * @return what was found
     */
    public static VerifyReport verify(EventLog log, ReadModelView readModels) {
        long upTo = readModels.position();
        InMemoryReadModels folded = new InMemoryReadModels();
        Verifier verifier = read(log, event -> {
            if (event.position() <= upTo) {
                folded.fold(event);
            }
        });
        List<String> differences = new ArrayList<>();
        if (folded.position() != upTo) {
            differences.add("position: the read models are at " + upTo + ", the log's fold at " + folded.position());
        }
        compare("sockets", readModels.sockets(), folded.sockets(), differences);
        compare("ownership", readModels.ownership(), folded.ownership(), differences);
        compare("decisions", readModels.decisions(), folded.decisions(), differences);
        compare("warnings", readModels.warnings(), folded.warnings(), differences);
        return new VerifyReport(verifier.events, verifier.decisions, verifier.mismatches, differences);
    }

    /** Re-derives the decisions of the whole log, handing each event to {@code alongside} too. */
    private static Verifier read(EventLog log, Consumer<LoggedEvent> alongside) {
        Verifier verifier = new Verifier();
        try (Stream<LoggedEvent> stream = log.readAfter(0)) {
            stream.forEach(event -> {
                verifier.apply(event);
                alongside.accept(event);
            });
        }
        return verifier;
    }

    /** One line when the rows differ: how many, and the first that differs. */
    private static <T> void compare(String model, List<T> recorded, List<T> derived, List<String> differences) {
        if (recorded.equals(derived)) {
            return;
        }
        int first = 0;
        while (first < recorded.size() && first < derived.size() && recorded.get(first).equals(derived.get(first))) {
            first++;
        }
        differences.add(model + ": " + recorded.size() + " rows where the log gives " + derived.size() + "; first at row "
                + (first + 1) + ": " + (first < recorded.size() ? recorded.get(first) : "none") + " where the log gives "
                + (first < derived.size() ? derived.get(first) : "none"));
    }

    private void apply(LoggedEvent logged) {
        events++;
        logged.event().accept(new Fold(logged));
    }

    /** What each event does to the state the verifier re-derives decisions from. */
    private final class Fold implements WskEvent.Visitor<Void> {

        private final LoggedEvent logged;

        Fold(LoggedEvent logged) {
            this.logged = logged;
        }

        @Override
        public Void socketCreated(SocketCreated e) {
            if (sockets.putIfAbsent(e.socket(), new SocketState(e)) != null) {
                mismatch(logged.position(), e.socket(), "SocketCreated", "a new socket", "a socket created before");
            }
            return null;
        }

        @Override
        public Void sharingOptionSet(SharingOptionSet e) {
            SocketState s = known(logged, e.socket());
            if (s == null) {
                return null;
            }
            if (e.option().equals(OptionCode.SO_REUSEADDR)) {
                s.reuse = e.enabled();
            } else {
                s.exclusive = e.enabled();
            }
            return null;
        }

        @Override
        public Void ipv6OnlySet(Ipv6OnlySet e) {
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.v6Only = e.enabled();
            }
            return null;
        }

        @Override
        public Void hostDeclared(HostDeclared e) {
            hostDeclared = true;
            hostAddresses.addAll(e.addresses());
            return null;
        }

        @Override
        public Void callsRecorded(CallsRecorded e) {
            return null; // what the file expected decides nothing
        }

        @Override
        public Void runEnded(RunEnded e) {
            return null; // a run's end decides nothing
        }

        @Override
        public Void descriptorSet(DescriptorSet e) {
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.descriptor = e.descriptor();
            }
            return null;
        }

        @Override
        public Void portBindingAdded(PortBindingAdded e) {
            // the port's half comes first; the decision (SocketBound) is checked against the state before both
            addedToPort.put(e.binding().socket(), e.binding());
            return null;
        }

        @Override
        public Void socketBound(SocketBound e) {
            check(logged.position(), e.socket(), e.decision(), new Derived(NtStatus.SUCCESS, e.binding().address()));
            Binding binding = addedToPort.remove(e.socket());
            if (binding == null) {
                mismatch(logged.position(), e.socket(), "bind", "bound without its port binding", "a port binding first");
                binding = e.binding();
            }
            for (PortKey key : binding.portKeys()) {
                ports.computeIfAbsent(key, k -> new PortBindings(k.family())).add(binding);
            }
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.binding = binding;
            }
            return null;
        }

        @Override
        public Void bindRefused(BindRefused e) {
            check(logged.position(), e.socket(), e.decision(), new Derived(e.decision().status(), null));
            return null;
        }

        @Override
        public Void callRefused(CallRefused e) {
            if (e.call() == CallKind.BIND && e.status() == NtStatus.INVALID_HANDLE) {
                decisions++;
                SocketState s = e.socket() == null ? null : sockets.get(e.socket());
                if (s != null && !s.closed) {
                    mismatch(logged.position(), e.socket(), "bind", "STATUS_INVALID_HANDLE", "an open socket");
                }
            }
            return null;
        }

        @Override
        public Void socketClosed(SocketClosed e) {
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.closed = true;
                s.binding = null;
            }
            return null;
        }

        @Override
        public Void portBindingReleased(PortBindingReleased e) {
            PortBindings live = ports.get(e.port());
            if (live != null) {
                live.remove(e.socket());
                if (live.isEmpty()) {
                    ports.remove(e.port());
                }
            }
            return null;
        }

        // The rest change nothing the verifier re-derives: declarations, runs, refused sockets and
        // controls, reads, and the ephemeral range (its choice is the engine's, checked by its own tests).

        @Override
        public Void processDeclared(ProcessDeclared e) {
            return null;
        }

        @Override
        public Void threadDeclared(ThreadDeclared e) {
            return null;
        }

        @Override
        public Void runStarted(RunStarted e) {
            return null;
        }

        @Override
        public Void socketRefused(SocketRefused e) {
            return null;
        }

        @Override
        public Void optionRead(OptionRead e) {
            return null;
        }

        @Override
        public Void controlRefused(ControlRefused e) {
            return null;
        }

        @Override
        public Void ephemeralPortTaken(EphemeralPortTaken e) {
            return null;
        }

        @Override
        public Void ephemeralPortFreed(EphemeralPortFreed e) {
            return null;
        }
    }

    /**
     * The socket an event speaks of, or null with a mismatch: the engine records a socket's creation
     * before anything else of it, so a log that does not was changed after it was written.
     */
    private SocketState known(LoggedEvent logged, SocketId socket) {
        SocketState s = socket == null ? null : sockets.get(socket);
        if (s == null) {
            mismatch(logged.position(), socket, logged.event().getClass().getSimpleName(), "an event",
                    "no socket by that id (the log never created it)");
        }
        return s;
    }

    private void check(long position, SocketId socket, BindDecision decision, Derived recorded) {
        decisions++;
        arbitrated = null;
        Derived derived = derive(sockets.get(socket), decision.requested(), decision.profile(), decision.recordedPort());
        if (!derived.equals(recorded) && !renamedSince(recorded, derived)) {
            mismatch(position, socket, "bind", recorded.toString(), derived.toString());
        } else if (arbitrated != null && derived.equals(recorded)) {
            compareWhole(position, socket, decision, arbitrated);
        }
    }

    /**
     * The rest of a decision the sharing table made, beyond its status and address: the reason text,
     * and each binding consulted with its cell, outcome and access check (so the deciding socket and the
     * ACE too). An edited reason ("granted by policy (auditor approved)") or a consultation changed behind
     * the engine's back is a mismatch even when the status still re-derives.
     *
     * <p>[emulator choice] The wording compared is the one this build writes: no stored event has a
     * payload revision yet. A later change of wording gives the changed events a revision, and the old
     * wording stays here for events of the old revision, so rewording never fails an old store.
     */
    private void compareWhole(long position, SocketId socket, BindDecision recorded, BindDecision derived) {
        if (!recorded.reason().equals(derived.reason())) {
            mismatch(position, socket, "bind reason", recorded.reason(), derived.reason());
        } else if (!recorded.consultations().equals(derived.consultations())) {
            mismatch(position, socket, "bind consultations", describe(recorded), describe(derived));
        }
    }

    private static String describe(BindDecision decision) {
        List<String> parts = new ArrayList<>();
        for (var consultation : decision.consultations()) {
            parts.add(consultation.existing().label() + " " + consultation.cell() + " -> " + consultation.outcome()
                    + (consultation.trace() == null ? "" : " " + consultation.trace()));
        }
        return parts.isEmpty() ? "no binding consulted" : String.join("; ", parts);
    }

    /**
     * [emulator choice] A store written before issue #12 recorded two refusals under statuses the
     * spec has since renamed: a second bind as INVALID_PARAMETER (now ADDRESS_ALREADY_ASSOCIATED, Wine
     * afd.c test_bind) and an in-use address under win32 and win32-legacy as ADDRESS_ALREADY_EXISTS
     * (now SHARING_VIOLATION). They were right when made, so verify accepts them.
     */
    private static boolean renamedSince(Derived recorded, Derived derived) {
        return recorded.actual() == null && derived.actual() == null
                && (recorded.status() == NtStatus.INVALID_PARAMETER && derived.status() == NtStatus.ADDRESS_ALREADY_ASSOCIATED
                || recorded.status() == NtStatus.ADDRESS_ALREADY_EXISTS && derived.status() == NtStatus.SHARING_VIOLATION);
    }

    /** SPEC.md 5 (the socket's own refusals, the host's) and 6, 6a (the decision), on the state folded so far. */
    private Derived derive(SocketState s, TransportAddress requested, ProfileId profileId, Integer recordedPort) {
        if (s == null || s.closed) {
            return new Derived(NtStatus.INVALID_HANDLE, null);
        }
        if (!s.category.canBind()) {
            return new Derived(NtStatus.NOT_SUPPORTED, null);
        }
        if (s.binding != null) {
            return new Derived(NtStatus.ADDRESS_ALREADY_ASSOCIATED, null);
        }
        boolean dualStack = s.family == AddressFamily.INET6 && !s.v6Only;
        if (requested.family() != s.family || requested.isIpv4Mapped() && !dualStack) {
            return new Derived(NtStatus.INVALID_PARAMETER, null);
        }
        if (!MachineAggregate.owns(hostDeclared, hostAddresses, requested)) {
            return new Derived(NtStatus.INVALID_ADDRESS_COMPONENT, null);
        }
        TransportProtocol protocol = s.category.protocol().orElseThrow();
        Binding candidate = new Binding(new SocketId(1), "candidate", SessionRun.NONE, new ProcessId(0), protocol, requested,
                s.option(), s.descriptor == null ? SecurityDescriptor.parse("D:") : s.descriptor, dualStack);
        List<AddressFamily> spaces = candidate.nameSpaces();
        TransportAddress actual = requested;
        if (requested.isEphemeralRequest() && recordedPort != null && spaces.stream()
                .noneMatch(space -> ports.containsKey(new PortKey(protocol, space, recordedPort)))) {
            actual = requested.withPort(recordedPort); // SPEC.md 6, rule 1a: the recorded port, free in every name space
        } else if (requested.isEphemeralRequest()) {
            OptionalInt port = EphemeralPorts.lowestFree(p -> spaces.stream()
                    .anyMatch(space -> ports.containsKey(new PortKey(protocol, space, p))));
            if (port.isEmpty()) {
                return new Derived(NtStatus.TOO_MANY_ADDRESSES, null);
            }
            actual = requested.withPort(port.getAsInt());
        }
        SharingProfile profile = SharingProfile.of(profileId);
        List<BindDecision> halves = new ArrayList<>();
        for (AddressFamily space : spaces) {
            PortBindings live = ports.getOrDefault(new PortKey(protocol, space, actual.port()), new PortBindings(space));
            halves.add(BindArbiter.decide(profile, live, new BindRequest(new SocketId(1), requested,
                    NameSpaceDecisions.inNameSpace(actual, space), s.option(), s.context)));
        }
        BindDecision decision = NameSpaceDecisions.combine(halves, actual);
        if (recordedPort != null && requested.isEphemeralRequest() && decision.status().isSuccess()) {
            decision = decision.withRecordedPort(recordedPort,
                    EphemeralPorts.recordedPortNote(recordedPort, holderOf(protocol, spaces, recordedPort), actual.port()));
        }
        arbitrated = decision;
        return new Derived(decision.status(), decision.status().isSuccess() ? actual : null);
    }

    /** The first binding, in bind order, holding {@code port} in any of {@code spaces}, as the port aggregate answers. */
    private Binding holderOf(TransportProtocol protocol, List<AddressFamily> spaces, int port) {
        for (AddressFamily space : spaces) {
            PortBindings live = ports.get(new PortKey(protocol, space, port));
            if (live != null && !live.isEmpty()) {
                return live.inBindOrder().get(0);
            }
        }
        return null;
    }

    private void mismatch(long position, SocketId socket, String what, String recorded, String derived) {
        mismatches.add(new VerifyReport.Mismatch(position, String.valueOf(socket), what, recorded, derived));
    }
}
