package org.wskemu.cli;

import java.util.Map;
import java.util.stream.Collectors;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.HostDeclared;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.Ipv6OnlySet;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.event.ThreadDeclared;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** One-line human descriptions of recorded events, naming sockets by their labels. */
final class EventText {

    private final Map<SocketId, SocketRow> sockets;

    EventText(Iterable<SocketRow> rows) {
        this.sockets = new java.util.HashMap<>();
        rows.forEach(r -> sockets.put(r.socket(), r));
    }

    /** {@code a} or, for a socket the log does not name, its handle. */
    String socket(SocketId id) {
        if (id == null) {
            return "-";
        }
        SocketRow row = sockets.get(id);
        return row == null ? id.toString() : row.label();
    }

    /** The socket's label with its run, e.g. {@code a (run 1)}. */
    String socketWithRun(SocketId id) {
        SocketRow row = id == null ? null : sockets.get(id);
        return row == null ? socket(id) : row.label() + " (run " + row.run() + ")";
    }

    static String token(Token token) {
        return token.sids().stream().map(Sid::value).collect(Collectors.joining(", "));
    }

    String describe(WskEvent event) {
        if (event instanceof ProcessDeclared e) {
            return "process " + e.process() + " declared, token " + token(e.token());
        }
        if (event instanceof ThreadDeclared e) {
            return "thread " + e.thread() + " of process " + e.process() + " declared"
                    + (e.impersonation() != null ? ", impersonating " + token(e.impersonation()) : "");
        }
        if (event instanceof RunStarted e) {
            return "run " + e.run() + " started: " + e.source() + (e.sha256() != null ? " (sha256 " + e.sha256() + ")" : "");
        }
        if (event instanceof CallsRecorded e) {
            long diverged = e.calls().stream().filter(CallsRecorded.Call::diverges).count();
            return "run " + e.run() + " recorded the lines and expectations of " + e.calls().size() + " calls"
                    + (e.calls().isEmpty() ? "" : " (lines " + e.calls().get(0).line() + "-"
                    + e.calls().get(e.calls().size() - 1).line() + ")") + ", " + diverged + " diverged";
        }
        if (event instanceof SocketCreated e) {
            return "socket " + e.label() + " created (" + e.category() + ", " + e.family() + ", process "
                    + e.creatingProcess() + ", handle " + e.socket() + "), context " + token(e.context())
                    + (e.descriptor() != null ? ", descriptor " + e.descriptor().toSddl() : ", default descriptor");
        }
        if (event instanceof SocketRefused e) {
            return "socket " + e.label() + " refused: " + e.status().fullName() + ": " + e.reason();
        }
        if (event instanceof SharingOptionSet e) {
            return "socket " + socket(e.socket()) + ": " + e.option() + " set to " + e.value()
                    + (e.afterBind() ? " after bind (warning: the binding keeps its options)" : "");
        }
        if (event instanceof DescriptorSet e) {
            return "socket " + socket(e.socket()) + ": SO_WSK_SECURITY set to " + e.descriptor().toSddl()
                    + (e.afterBind() ? " after bind (warning: the binding keeps its descriptor)" : "");
        }
        if (event instanceof OptionRead e) {
            return "socket " + socket(e.socket()) + ": " + e.option() + " read: "
                    + (e.value() != null ? e.value() : e.descriptor().toSddl());
        }
        if (event instanceof ControlRefused e) {
            return "socket " + socket(e.socket()) + ": " + e.request().type().name().toLowerCase() + " "
                    + e.request().option() + " refused: " + e.status().fullName() + ": " + e.reason();
        }
        if (event instanceof PortBindingAdded e) {
            return "port " + e.port() + " takes socket " + socket(e.binding().socket()) + " on " + e.binding().address();
        }
        if (event instanceof Ipv6OnlySet e) {
            return "socket " + socket(e.socket()) + ": IPV6_V6ONLY set to " + e.value()
                    + (e.enabled() ? "" : " (dual-stack)");
        }
        if (event instanceof HostDeclared e) {
            return "host owns " + e.addresses().stream().map(Object::toString).collect(Collectors.joining(", "));
        }
        if (event instanceof SocketBound e) {
            return "socket " + socket(e.socket()) + " bound to " + e.binding().address()
                    + (e.binding().dualStackWildcard() ? " (dual-stack: 0.0.0.0 and [::])" : "") + " with "
                    + e.binding().option() + " under " + e.decision().profile() + ": " + e.decision().reason();
        }
        if (event instanceof BindRefused e) {
            return "socket " + e.label() + " bind to " + e.decision().requested() + " refused: "
                    + e.decision().status().fullName() + ": " + e.decision().reason();
        }
        if (event instanceof EphemeralPortTaken e) {
            return "ephemeral range: port " + e.port() + " taken";
        }
        if (event instanceof EphemeralPortFreed e) {
            return "ephemeral range: port " + e.port() + " freed";
        }
        if (event instanceof SocketClosed e) {
            return "socket " + socket(e.socket()) + " closed"
                    + (e.released() != null ? ", releasing " + e.released().address() : "");
        }
        if (event instanceof PortBindingReleased e) {
            return "port " + e.port() + " releases socket " + socket(e.socket());
        }
        if (event instanceof CallRefused e) {
            return e.call().op() + " on socket " + socket(e.socket()) + " refused: " + e.status().fullName()
                    + ": " + e.reason();
        }
        return event.toString();
    }
}
