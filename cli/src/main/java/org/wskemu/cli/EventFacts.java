package org.wskemu.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.ProcessDeclared;
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

    static EventFacts of(WskEvent event, EventText text, Map<SocketId, SocketRow> sockets) {
        if (event instanceof SocketBound e) {
            return new EventFacts("bind", e.binding().label(), e.binding().process().value(), e.binding().address().port(),
                    e.decision().status());
        }
        if (event instanceof BindRefused e) {
            return new EventFacts("bind", e.label(), e.process().value(), e.decision().requested().port(),
                    e.decision().status());
        }
        CallOutcome outcome = CallOutcome.of(event, text);
        SocketRow row = sockets.get(socketOf(event));
        Long process = row != null ? Long.valueOf(row.process().value()) : null;
        Integer port = null;
        if (event instanceof ProcessDeclared e) {
            process = e.process().value();
        } else if (event instanceof ThreadDeclared e) {
            process = e.process().value();
        } else if (event instanceof SocketCreated e) {
            process = e.creatingProcess().value();
        } else if (event instanceof SocketRefused e) {
            process = e.creatingProcess().value();
        } else if (event instanceof PortBindingAdded e) {
            process = e.binding().process().value();
            port = e.port().port();
        } else if (event instanceof PortBindingReleased e) {
            port = e.port().port();
        } else if (event instanceof SocketClosed e && e.released() != null) {
            port = e.released().address().port();
        } else if (event instanceof EphemeralPortTaken e) {
            port = e.port().port();
        } else if (event instanceof EphemeralPortFreed e) {
            port = e.port().port();
        }
        return new EventFacts(outcome.op(), outcome.socket(), process, port, outcome.status());
    }

    /** The socket an event is about, when it names one by handle. */
    private static SocketId socketOf(WskEvent event) {
        if (event instanceof SocketCreated e) {
            return e.socket();
        }
        if (event instanceof PortBindingAdded e) {
            return e.binding().socket();
        }
        if (event instanceof PortBindingReleased e) {
            return e.socket();
        }
        if (event instanceof SocketClosed e) {
            return e.socket();
        }
        if (event instanceof org.wskemu.api.event.SharingOptionSet e) {
            return e.socket();
        }
        if (event instanceof org.wskemu.api.event.DescriptorSet e) {
            return e.socket();
        }
        if (event instanceof org.wskemu.api.event.OptionRead e) {
            return e.socket();
        }
        if (event instanceof org.wskemu.api.event.ControlRefused e) {
            return e.socket();
        }
        if (event instanceof org.wskemu.api.event.CallRefused e) {
            return e.socket();
        }
        return null;
    }
}
