package org.wskemu.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.wskemu.api.NtStatus;
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
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.session.Op;

/**
 * What {@code history}'s filters ask of one recorded event: the op of the call it belongs to, the
 * socket's label, the process, the port and the outcome. A fact an event does not carry is null, and
 * such an event does not pass a filter on it.
 *
 * @param op      the call's op as session files name it ({@code process}, {@code thread}, {@code socket},
 *                {@code set}, {@code get}, {@code bind}, {@code close}), or {@code run} for a run's start
 * @param socket  the socket's label
 * @param process the creating process of the socket, or the declared or binding process
 * @param port    the port bound, released, refused or taken
 * @param status  the call's outcome
 */
record EventFacts(String op, String socket, Long process, Integer port, NtStatus status) {

    /**
     * The ops {@code history --op} accepts: a session file's ops, and {@code run} for a run's start.
     * [emulator choice] {@code host} stays out, as it was before {@link Op} named the ops: the
     * filter's accepted values are part of the command's contract, and adding one is issue #14's call.
     */
    static final List<String> OPS = Stream.concat(
            Arrays.stream(Op.values()).filter(op -> op != Op.HOST).map(Op::text), Stream.of("run")).toList();

    static EventFacts of(WskEvent event, EventText text) {
        return event.accept(new Facts(event, text));
    }

    /**
     * The facts of each event type (a visitor, so a new event type does not compile until it says
     * which): a bind's decision gives its own; any other event its call outcome, the process of the
     * socket it names by handle (or the one it names itself) and the port it names.
     */
    private static final class Facts implements WskEvent.Visitor<EventFacts> {
        private final WskEvent event;
        private final EventText text;

        Facts(WskEvent event, EventText text) {
            this.event = event;
            this.text = text;
        }

        /** The call's facts, with the process of {@code socket}'s row (if any) and no port. */
        private EventFacts onSocket(SocketId socket) {
            SocketRow row = text.row(socket);
            return facts(row != null ? Long.valueOf(row.process().value()) : null, null);
        }

        private EventFacts facts(Long process, Integer port) {
            CallOutcome outcome = CallOutcome.of(event, text);
            return new EventFacts(outcome.op(), outcome.socket(), process, port, outcome.status());
        }

        @Override
        public EventFacts socketBound(SocketBound e) {
            return new EventFacts("bind", e.binding().label(), e.binding().process().value(), e.binding().address().port(),
                    e.decision().status());
        }

        @Override
        public EventFacts bindRefused(BindRefused e) {
            return new EventFacts("bind", e.label(), e.process().value(), e.decision().requested().port(),
                    e.decision().status());
        }

        @Override
        public EventFacts processDeclared(ProcessDeclared e) {
            return facts(e.process().value(), null);
        }

        @Override
        public EventFacts threadDeclared(ThreadDeclared e) {
            return facts(e.process().value(), null);
        }

        @Override
        public EventFacts runStarted(RunStarted e) {
            return onSocket(null);
        }

        @Override
        public EventFacts socketCreated(SocketCreated e) {
            return facts(e.creatingProcess().value(), null);
        }

        @Override
        public EventFacts socketRefused(SocketRefused e) {
            return facts(e.creatingProcess().value(), null);
        }

        @Override
        public EventFacts sharingOptionSet(SharingOptionSet e) {
            return onSocket(e.socket());
        }

        @Override
        public EventFacts descriptorSet(DescriptorSet e) {
            return onSocket(e.socket());
        }

        @Override
        public EventFacts optionRead(OptionRead e) {
            return onSocket(e.socket());
        }

        @Override
        public EventFacts controlRefused(ControlRefused e) {
            return onSocket(e.socket());
        }

        @Override
        public EventFacts portBindingAdded(PortBindingAdded e) {
            return facts(e.binding().process().value(), e.port().port());
        }

        @Override
        public EventFacts ephemeralPortTaken(EphemeralPortTaken e) {
            return facts(null, e.port().port());
        }

        @Override
        public EventFacts ephemeralPortFreed(EphemeralPortFreed e) {
            return facts(null, e.port().port());
        }

        @Override
        public EventFacts socketClosed(SocketClosed e) {
            EventFacts call = onSocket(e.socket());
            return e.released() == null ? call
                    : new EventFacts(call.op(), call.socket(), call.process(), e.released().address().port(), call.status());
        }

        @Override
        public EventFacts portBindingReleased(PortBindingReleased e) {
            EventFacts call = onSocket(e.socket());
            return new EventFacts(call.op(), call.socket(), call.process(), e.port().port(), call.status());
        }

        @Override
        public EventFacts callRefused(CallRefused e) {
            return onSocket(e.socket());
        }

        @Override
        public EventFacts ipv6OnlySet(Ipv6OnlySet e) {
            // [as before the visitor] its socket's process is not looked up
            return onSocket(null);
        }

        @Override
        public EventFacts hostDeclared(HostDeclared e) {
            return onSocket(null);
        }

        @Override
        public EventFacts callsRecorded(CallsRecorded e) {
            return onSocket(null);
        }

        @Override
        public EventFacts runEnded(RunEnded e) {
            return onSocket(null);
        }
    }
}
