package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.event.ThreadDeclared;
import org.wskemu.api.event.WskEvent;

/**
 * What a recorded event that is not a sharing decision says about its call: the op, the socket, the
 * status and why. {@code explain} shows it for a call settled before the sharing rules (a closed
 * socket, a NULL IRP, a refused option) and for the steps of a call.
 */
record CallOutcome(String op, String socket, NtStatus status, String reason) {

    static CallOutcome of(WskEvent event, EventText text) {
        if (event instanceof CallRefused e) {
            return new CallOutcome(e.call().op(), label(e.socket(), text), e.status(), e.reason());
        }
        if (event instanceof ControlRefused e) {
            return new CallOutcome(e.request().type().name().toLowerCase(java.util.Locale.ROOT), label(e.socket(), text),
                    e.status(), e.reason());
        }
        if (event instanceof SocketRefused e) {
            return new CallOutcome("socket", e.label(), e.status(), e.reason());
        }
        if (event instanceof SocketCreated e) {
            return new CallOutcome("socket", e.label(), NtStatus.SUCCESS, "the socket was created");
        }
        if (event instanceof SharingOptionSet e) {
            return new CallOutcome("set", label(e.socket(), text), NtStatus.SUCCESS, e.afterBind()
                    ? "set after bind: accepted and readable, but the binding keeps the options it was bound with"
                    : "the option was set");
        }
        if (event instanceof DescriptorSet e) {
            return new CallOutcome("set", label(e.socket(), text), NtStatus.SUCCESS, e.afterBind()
                    ? "set after bind: accepted and readable, but the binding keeps the descriptor it was bound with"
                    : "the descriptor was replaced");
        }
        if (event instanceof OptionRead e) {
            return new CallOutcome("get", label(e.socket(), text), NtStatus.SUCCESS, "the option was read");
        }
        if (event instanceof SocketClosed e) {
            return new CallOutcome("close", label(e.socket(), text), NtStatus.SUCCESS,
                    e.released() != null ? "closed, releasing " + e.released().address() + " at once" : "closed");
        }
        if (event instanceof PortBindingReleased e) {
            return new CallOutcome("close", label(e.socket(), text), NtStatus.SUCCESS,
                    "the port released the socket's binding");
        }
        if (event instanceof PortBindingAdded e) {
            return new CallOutcome("bind", label(e.binding().socket(), text), NtStatus.SUCCESS,
                    "one step of a successful bind; its decision is the call's last event");
        }
        if (event instanceof EphemeralPortTaken || event instanceof EphemeralPortFreed) {
            return new CallOutcome("bind", null, NtStatus.SUCCESS, "one step of a bind or close in the ephemeral range");
        }
        if (event instanceof org.wskemu.api.event.Ipv6OnlySet e) {
            return new CallOutcome("set", label(e.socket(), text), NtStatus.SUCCESS,
                    "IPV6_V6ONLY set to " + e.value() + (e.enabled() ? "" : ": the socket is dual-stack"));
        }
        if (event instanceof org.wskemu.api.event.HostDeclared) {
            return new CallOutcome("host", null, NtStatus.SUCCESS, "the host's addresses were declared");
        }
        if (event instanceof ProcessDeclared) {
            return new CallOutcome("process", null, NtStatus.SUCCESS, "the process was declared");
        }
        if (event instanceof ThreadDeclared) {
            return new CallOutcome("thread", null, NtStatus.SUCCESS, "the thread was declared");
        }
        if (event instanceof CallsRecorded e) {
            return new CallOutcome("run", null, null, text.describe(e));
        }
        if (event instanceof RunStarted e) {
            return new CallOutcome("run", null, null, "run " + e.run() + " started: " + e.source());
        }
        return new CallOutcome(event.getClass().getSimpleName(), null, null, text.describe(event));
    }

    private static String label(SocketId socket, EventText text) {
        return socket == null ? null : text.socket(socket);
    }

    void print(PrintWriter out, long position, String description) {
        Human.line(out, "position %d: %s%s", position, op, socket != null ? " on socket " + socket : "");
        Human.line(out, "records: " + description);
        if (status != null) {
            Human.line(out, "outcome: %s (%s): %s", status.fullName(), status.hex(), reason);
        } else {
            Human.line(out, reason);
        }
        Human.line(out, "no sharing table cell or access check decided this call");
    }

    ObjectNode json(long position) {
        ObjectNode node = Json.object().put("position", position).put("op", op).put("socket", socket);
        if (status != null) {
            Json.status(node, status);
        } else {
            node.putNull("status").putNull("code");
        }
        node.put("reason", reason);
        node.putArray("consulted");
        return node;
    }
}
