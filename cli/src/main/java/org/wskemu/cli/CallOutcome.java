package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.CallsRecorded;
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

/**
 * What a recorded event that is not a sharing decision says about its call: the op, the socket, the
 * status and why. {@code explain} shows it for a call settled before the sharing rules (a closed
 * socket, a NULL IRP, a refused option) and for the steps of a call.
 */
record CallOutcome(String op, String socket, NtStatus status, String reason) {

    static CallOutcome of(WskEvent event, EventText text) {
        return event.accept(new Outcomes(event, text));
    }

    /** Each event type's outcome: a new event does not compile until it has one. */
    private record Outcomes(WskEvent event, EventText text) implements WskEvent.Visitor<CallOutcome> {

        @Override
        public CallOutcome callRefused(CallRefused e) {
            return new CallOutcome(e.call().op(), label(e.socket(), text), e.status(), e.reason());
        }

        @Override
        public CallOutcome controlRefused(ControlRefused e) {
            return new CallOutcome(e.request().type().name().toLowerCase(java.util.Locale.ROOT), label(e.socket(), text),
                    e.status(), e.reason());
        }

        @Override
        public CallOutcome socketRefused(SocketRefused e) {
            return new CallOutcome("socket", e.label(), e.status(), e.reason());
        }

        @Override
        public CallOutcome socketCreated(SocketCreated e) {
            return new CallOutcome("socket", e.label(), NtStatus.SUCCESS, "the socket was created");
        }

        @Override
        public CallOutcome sharingOptionSet(SharingOptionSet e) {
            return new CallOutcome("set", label(e.socket(), text), NtStatus.SUCCESS, e.afterBind()
                    ? "set after bind: accepted and readable, but the binding keeps the options it was bound with"
                    : "the option was set");
        }

        @Override
        public CallOutcome descriptorSet(DescriptorSet e) {
            return new CallOutcome("set", label(e.socket(), text), NtStatus.SUCCESS, e.afterBind()
                    ? "set after bind: accepted and readable, but the binding keeps the descriptor it was bound with"
                    : "the descriptor was replaced");
        }

        @Override
        public CallOutcome optionRead(OptionRead e) {
            return new CallOutcome("get", label(e.socket(), text), NtStatus.SUCCESS, "the option was read");
        }

        @Override
        public CallOutcome socketClosed(SocketClosed e) {
            return new CallOutcome("close", label(e.socket(), text), NtStatus.SUCCESS,
                    e.released() != null ? "closed, releasing " + e.released().address() + " at once" : "closed");
        }

        @Override
        public CallOutcome portBindingReleased(PortBindingReleased e) {
            return new CallOutcome("close", label(e.socket(), text), NtStatus.SUCCESS,
                    "the port released the socket's binding");
        }

        @Override
        public CallOutcome portBindingAdded(PortBindingAdded e) {
            return new CallOutcome("bind", label(e.binding().socket(), text), NtStatus.SUCCESS,
                    "one step of a successful bind; its decision is the call's last event");
        }

        @Override
        public CallOutcome ephemeralPortTaken(EphemeralPortTaken e) {
            return ephemeralStep();
        }

        @Override
        public CallOutcome ephemeralPortFreed(EphemeralPortFreed e) {
            return ephemeralStep();
        }

        private static CallOutcome ephemeralStep() {
            return new CallOutcome("bind", null, NtStatus.SUCCESS, "one step of a bind or close in the ephemeral range");
        }

        @Override
        public CallOutcome ipv6OnlySet(Ipv6OnlySet e) {
            return new CallOutcome("set", label(e.socket(), text), NtStatus.SUCCESS,
                    "IPV6_V6ONLY set to " + e.value() + (e.enabled() ? "" : ": the socket is dual-stack"));
        }

        @Override
        public CallOutcome hostDeclared(HostDeclared e) {
            return new CallOutcome("host", null, NtStatus.SUCCESS, "the host's addresses were declared");
        }

        @Override
        public CallOutcome callsRecorded(CallsRecorded e) {
            return new CallOutcome("run", null, null, text.describe(e));
        }

        @Override
        public CallOutcome processDeclared(ProcessDeclared e) {
            return new CallOutcome("process", null, NtStatus.SUCCESS, "the process was declared");
        }

        @Override
        public CallOutcome threadDeclared(ThreadDeclared e) {
            return new CallOutcome("thread", null, NtStatus.SUCCESS, "the thread was declared");
        }

        @Override
        public CallOutcome runStarted(RunStarted e) {
            return new CallOutcome("run", null, null, "run " + e.run() + " started: " + e.source());
        }

        @Override
        public CallOutcome runEnded(RunEnded e) {
            return new CallOutcome("run", null, null, text.describe(e));
        }

        // A sharing decision is explained by its consulted cells, not here: as before the visitor,
        // its outcome is the event's type and description.

        @Override
        public CallOutcome socketBound(SocketBound e) {
            return undecided();
        }

        @Override
        public CallOutcome bindRefused(BindRefused e) {
            return undecided();
        }

        private CallOutcome undecided() {
            return new CallOutcome(event.getClass().getSimpleName(), null, null, text.describe(event));
        }
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
