package org.wskemu.engine.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
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
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.sharing.BindArbiter;
import org.wskemu.engine.sharing.BindRequest;
import org.wskemu.engine.sharing.EphemeralPorts;
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
    private final List<VerifyReport.Mismatch> mismatches = new ArrayList<>();
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
        Object event = logged.event();
        if (event instanceof SocketCreated e) {
            if (sockets.putIfAbsent(e.socket(), new SocketState(e)) != null) {
                mismatch(logged.position(), e.socket(), "SocketCreated", "a new socket", "a socket created before");
            }
        } else if (event instanceof SharingOptionSet e) {
            SocketState s = known(logged, e.socket());
            if (s == null) {
                return;
            }
            if (e.option().equals(OptionCode.SO_REUSEADDR)) {
                s.reuse = e.enabled();
            } else {
                s.exclusive = e.enabled();
            }
        } else if (event instanceof DescriptorSet e) {
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.descriptor = e.descriptor();
            }
        } else if (event instanceof PortBindingAdded e) {
            // the port's half comes first; the decision (SocketBound) is checked against the state before both
            addedToPort.put(e.binding().socket(), e.binding());
        } else if (event instanceof SocketBound e) {
            check(logged.position(), e.socket(), e.decision(), new Derived(NtStatus.SUCCESS, e.binding().address()));
            Binding binding = addedToPort.remove(e.socket());
            if (binding == null) {
                mismatch(logged.position(), e.socket(), "bind", "bound without its port binding", "a port binding first");
                binding = e.binding();
            }
            ports.computeIfAbsent(PortKey.of(binding.protocol(), binding.address()), k -> new PortBindings()).add(binding);
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.binding = binding;
            }
        } else if (event instanceof BindRefused e) {
            check(logged.position(), e.socket(), e.decision(), new Derived(e.decision().status(), null));
        } else if (event instanceof CallRefused e && e.call() == CallKind.BIND && e.status() == NtStatus.INVALID_HANDLE) {
            decisions++;
            SocketState s = e.socket() == null ? null : sockets.get(e.socket());
            if (s != null && !s.closed) {
                mismatch(logged.position(), e.socket(), "bind", "STATUS_INVALID_HANDLE", "an open socket");
            }
        } else if (event instanceof SocketClosed e) {
            SocketState s = known(logged, e.socket());
            if (s != null) {
                s.closed = true;
                s.binding = null;
            }
        } else if (event instanceof PortBindingReleased e) {
            PortBindings live = ports.get(e.port());
            if (live != null) {
                live.remove(e.socket());
                if (live.isEmpty()) {
                    ports.remove(e.port());
                }
            }
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
        Derived derived = derive(sockets.get(socket), decision.requested(), decision.profile());
        if (!derived.equals(recorded)) {
            mismatch(position, socket, "bind", recorded.toString(), derived.toString());
        }
    }

    /** SPEC.md 5 (the socket's own refusals) and 6 (the decision), on the state folded so far. */
    private Derived derive(SocketState s, TransportAddress requested, ProfileId profileId) {
        if (s == null || s.closed) {
            return new Derived(NtStatus.INVALID_HANDLE, null);
        }
        if (!s.category.canBind()) {
            return new Derived(NtStatus.NOT_SUPPORTED, null);
        }
        if (s.binding != null || requested.family() != s.family) {
            return new Derived(NtStatus.INVALID_PARAMETER, null);
        }
        TransportProtocol protocol = s.category.protocol().orElseThrow();
        TransportAddress actual = requested;
        if (requested.isEphemeralRequest()) {
            OptionalInt port = EphemeralPorts.lowestFree(p -> ports.containsKey(new PortKey(protocol, s.family, p)));
            if (port.isEmpty()) {
                return new Derived(NtStatus.TOO_MANY_ADDRESSES, null);
            }
            actual = requested.withPort(port.getAsInt());
        }
        SharingProfile profile = SharingProfile.of(profileId);
        PortBindings live = ports.getOrDefault(PortKey.of(protocol, actual), new PortBindings());
        BindDecision decision = BindArbiter.decide(profile, live,
                new BindRequest(new SocketId(1), requested, actual, s.option(), s.context));
        return new Derived(decision.status(), decision.status().isSuccess() ? actual : null);
    }

    private void mismatch(long position, SocketId socket, String what, String recorded, String derived) {
        mismatches.add(new VerifyReport.Mismatch(position, String.valueOf(socket), what, recorded, derived));
    }
}
