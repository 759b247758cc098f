package org.wskemu.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
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
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** One-line human descriptions of recorded events, naming sockets by their labels. */
final class EventText {

    private final Map<SocketId, SocketRow> sockets;
    /** Where a socket not in {@link #sockets} is looked up (and remembered), or null: the rows are all there. */
    private final Function<SocketId, Optional<SocketRow>> lookup;
    private final Set<SocketId> unknown = new HashSet<>();

    EventText(Iterable<SocketRow> rows) {
        this.sockets = new HashMap<>();
        rows.forEach(r -> sockets.put(r.socket(), r));
        this.lookup = null;
    }

    /**
     * The sockets read one by one as events name them (issue #15: a query reads the rows it shows,
     * not the whole table), each read once.
     */
    private EventText(Function<SocketId, Optional<SocketRow>> lookup) {
        // bounded (issue #22: history streams): a socket that falls out is read again if named again
        this.sockets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SocketId, SocketRow> eldest) {
                return size() > KEPT_SOCKETS;
            }
        };
        this.lookup = lookup;
    }

    /** Sockets kept when they are read one by one: the most recently named. */
    static final int KEPT_SOCKETS = 65_536;

    /**
     * Notes the socket {@code event} creates, if it creates one, as the read model's row would hold it,
     * so that a reader streaming the log in order names it without a query (issue #22: {@code history}
     * read one socket row per socket it printed; the label, run and process are in the creation).
     *
     * @param event    an event of the log, in log order
     * @param position its position
     */
    void streamed(WskEvent event, long position) {
        if (lookup != null && event instanceof SocketCreated e) {
            sockets.put(e.socket(), new SocketRow(e.socket(), e.label(), e.run(), e.category(), e.family(),
                    e.owningProcess() != null ? e.owningProcess() : e.creatingProcess(), position, 0));
        }
    }

    /** Descriptions naming the sockets of {@code view}, each read from it when first named. */
    static EventText on(ReadModelView view) {
        return lookingUp(view::socket);
    }

    /** Descriptions naming the sockets {@code lookup} finds, each read when first named and not streamed. */
    static EventText lookingUp(Function<SocketId, Optional<SocketRow>> lookup) {
        return new EventText(lookup);
    }

    /** {@return the row of socket {@code id}, or null when none was created} */
    SocketRow row(SocketId id) {
        if (id == null) {
            return null;
        }
        SocketRow row = sockets.get(id);
        if (row == null && lookup != null && !unknown.contains(id)) {
            Optional<SocketRow> found = lookup.apply(id);
            if (found.isPresent()) {
                row = found.get();
                sockets.put(id, row);
            } else {
                unknown.add(id);
            }
        }
        return row;
    }

    /** {@code a} or, for a socket the log does not name, its handle. */
    String socket(SocketId id) {
        if (id == null) {
            return "-";
        }
        SocketRow row = row(id);
        return row == null ? id.toString() : row.label();
    }

    /** The socket's label with its run, e.g. {@code a (run 1)}. */
    String socketWithRun(SocketId id) {
        SocketRow row = row(id);
        return row == null ? socket(id) : row.label() + " (run " + row.run().number() + ")";
    }

    static String token(Token token) {
        return token.sids().stream().map(Sid::value).collect(Collectors.joining(", "));
    }

    String describe(WskEvent event) {
        return event.accept(new Describer());
    }

    /** One description per event type: a new event does not compile until it has one. */
    private final class Describer implements WskEvent.Visitor<String> {

        @Override
        public String processDeclared(ProcessDeclared e) {
            return "process " + e.process() + " declared, token " + token(e.token());
        }

        @Override
        public String threadDeclared(ThreadDeclared e) {
            return "thread " + e.thread() + " of process " + e.process() + " declared"
                    + (e.impersonation() != null ? ", impersonating " + token(e.impersonation()) : "");
        }

        @Override
        public String runStarted(RunStarted e) {
            return "run " + e.run() + " started: " + e.source() + (e.sha256() != null ? " (sha256 " + e.sha256() + ")" : "");
        }

        @Override
        public String runEnded(RunEnded e) {
            return "run " + e.run() + " ended after " + e.calls() + " calls"
                    + (e.stoppedEarly() ? ", stopped before the end of its session" : "");
        }

        @Override
        public String socketCreated(SocketCreated e) {
            return "socket " + e.label() + " created (" + e.category() + ", " + e.family() + ", process "
                    + e.creatingProcess() + ", handle " + e.socket() + "), context " + token(e.context())
                    + (e.descriptor() != null ? ", descriptor " + e.descriptor().toSddl() : ", default descriptor");
        }

        @Override
        public String socketRefused(SocketRefused e) {
            return "socket " + e.label() + " refused: " + e.status().fullName() + ": " + e.reason();
        }

        @Override
        public String sharingOptionSet(SharingOptionSet e) {
            return "socket " + socket(e.socket()) + ": " + e.option() + " set to " + e.value()
                    + (e.afterBind() ? " after bind (warning: the binding keeps its options)" : "");
        }

        @Override
        public String descriptorSet(DescriptorSet e) {
            return "socket " + socket(e.socket()) + ": SO_WSK_SECURITY set to " + e.descriptor().toSddl()
                    + (e.afterBind() ? " after bind (warning: the binding keeps its descriptor)" : "");
        }

        @Override
        public String optionRead(OptionRead e) {
            return "socket " + socket(e.socket()) + ": " + e.option() + " read: "
                    + (e.value() != null ? e.value() : e.descriptor().toSddl());
        }

        @Override
        public String controlRefused(ControlRefused e) {
            return "socket " + socket(e.socket()) + ": " + e.request().type().name().toLowerCase() + " "
                    + e.request().option() + " refused: " + e.status().fullName() + ": " + e.reason();
        }

        @Override
        public String portBindingAdded(PortBindingAdded e) {
            return "port " + e.port() + " takes socket " + socket(e.binding().socket()) + " on " + e.binding().address();
        }

        @Override
        public String ipv6OnlySet(Ipv6OnlySet e) {
            return "socket " + socket(e.socket()) + ": IPV6_V6ONLY set to " + e.value()
                    + (e.enabled() ? "" : " (dual-stack)");
        }

        @Override
        public String hostDeclared(HostDeclared e) {
            return "host owns " + e.addresses().stream().map(Object::toString).collect(Collectors.joining(", "));
        }

        @Override
        public String callsRecorded(CallsRecorded e) {
            long diverged = e.calls().stream().filter(CallsRecorded.Call::diverges).count();
            return "run " + e.run() + " recorded the lines and expectations of " + e.calls().size() + " calls"
                    + (e.calls().isEmpty() ? "" : " (lines " + e.calls().get(0).line() + "-"
                    + e.calls().get(e.calls().size() - 1).line() + ")") + ", " + diverged + " diverged";
        }

        @Override
        public String socketBound(SocketBound e) {
            return "socket " + socket(e.socket()) + " bound to " + e.binding().address()
                    + (e.binding().dualStackWildcard() ? " (dual-stack: 0.0.0.0 and [::])" : "") + " with "
                    + e.binding().option() + " under " + e.decision().profile() + ": " + e.decision().reason();
        }

        @Override
        public String bindRefused(BindRefused e) {
            return "socket " + e.label() + " bind to " + e.decision().requested() + " refused: "
                    + e.decision().status().fullName() + ": " + e.decision().reason();
        }

        @Override
        public String ephemeralPortTaken(EphemeralPortTaken e) {
            return "ephemeral range: port " + e.port() + " taken";
        }

        @Override
        public String ephemeralPortFreed(EphemeralPortFreed e) {
            return "ephemeral range: port " + e.port() + " freed";
        }

        @Override
        public String socketClosed(SocketClosed e) {
            return "socket " + socket(e.socket()) + " closed"
                    + (e.released() != null ? ", releasing " + e.released().address() : "");
        }

        @Override
        public String portBindingReleased(PortBindingReleased e) {
            return "port " + e.port() + " releases socket " + socket(e.socket());
        }

        @Override
        public String callRefused(CallRefused e) {
            return e.call().op() + " on socket " + socket(e.socket()) + " refused: " + e.status().fullName()
                    + ": " + e.reason();
        }
    }
}
