package org.wskemu.engine.readmodel;

import java.util.Set;
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
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.log.LoggedEvent;

/**
 * The one reducer of the read models: each event, in position order, becomes changes to a
 * {@link ReadModelSink}. Pure: it reads only the event, so the live projection, a rebuild and the
 * timeline fold the same way. It never throws on a well-formed event.
 */
public final class Projector {

    /**
     * The event types that change a read model: every other type's visit below changes nothing but
     * the position. A fold that starts from a known position may read only these (selected in SQL) and
     * then advance to the log's head; kept here, next to the visits that say so.
     */
    public static final Set<Class<? extends WskEvent>> CHANGING = Set.of(SocketCreated.class,
            SocketBound.class, BindRefused.class, SocketClosed.class, SharingOptionSet.class, DescriptorSet.class,
            CallRefused.class);

    private Projector() {
    }

    /**
     * Writes one event's changes, then advances the sink to its position.
     *
     * @param logged the event with its position
     * @param sink   where the changes go
     */
    public static void apply(LoggedEvent logged, ReadModelSink sink) {
        logged.event().accept(new Changes(logged.position(), sink));
        sink.advanced(logged.position());
    }

    /** What each event changes: every event type says so, most of them nothing. */
    private record Changes(long position, ReadModelSink sink) implements WskEvent.Visitor<Void> {

        @Override
        public Void socketCreated(SocketCreated e) {
            sink.socketCreated(new SocketRow(e.socket(), e.label(), e.run(), e.category(), e.family(),
                    e.owningProcess() != null ? e.owningProcess() : e.creatingProcess(), position, 0));
            return null;
        }

        @Override
        public Void socketBound(SocketBound e) {
            Binding b = e.binding();
            sink.bound(new OwnershipRow(b.socket(), b.label(), b.run(), b.protocol(), b.address().family(),
                    b.address(), b.option(), b.process(), position, b.dualStackWildcard()));
            sink.decided(decision(position, b, e.decision()));
            return null;
        }

        @Override
        public Void bindRefused(BindRefused e) {
            BindDecision d = e.decision();
            Consultation deciding = d.deciding();
            sink.decided(new DecisionRow(position, e.socket(), e.label(), e.run(), e.process(), d.requested(), null,
                    d.option(), d.profile(), d.status(), d.reason(),
                    deciding == null ? null : deciding.describeCell(),
                    deciding == null ? null : deciding.existing().label(),
                    deciding == null ? null : DecidingCell.of(deciding)));
            return null;
        }

        @Override
        public Void socketClosed(SocketClosed e) {
            if (e.released() != null) {
                sink.released(e.socket());
            }
            sink.socketClosed(e.socket(), position);
            return null;
        }

        @Override
        public Void sharingOptionSet(SharingOptionSet e) {
            if (e.afterBind()) {
                sink.warned(new WarningRow(position, e.socket(), WarningRow.Kind.OPTION_AFTER_BIND, e.option()
                        + " set to " + e.value() + " after bind: the binding keeps the options it was bound with"));
            }
            return null;
        }

        @Override
        public Void descriptorSet(DescriptorSet e) {
            if (e.afterBind()) {
                sink.warned(new WarningRow(position, e.socket(), WarningRow.Kind.DESCRIPTOR_AFTER_BIND,
                        "SO_WSK_SECURITY set after bind: the binding keeps the descriptor it was bound with"));
            }
            return null;
        }

        @Override
        public Void callRefused(CallRefused e) {
            sink.warned(new WarningRow(position, e.socket(), WarningRow.Kind.MISUSE,
                    e.call().op() + " refused with " + e.status().fullName() + ": " + e.reason()));
            return null;
        }

        // The rest change no read model: the declarations live in the aggregates, a run's start in
        // the log, refusals before a socket exists or of a control in the log only (explain shows
        // them), and the port's and the ephemeral range's own steps are halves of a bind or close
        // whose socket events above carry the change.

        @Override
        public Void processDeclared(ProcessDeclared e) {
            return null;
        }

        @Override
        public Void threadDeclared(ThreadDeclared e) {
            return null;
        }

        @Override
        public Void hostDeclared(HostDeclared e) {
            return null;
        }

        @Override
        public Void callsRecorded(CallsRecorded e) {
            return null; // the recording's expectations: read from the log by history, audit and explain
        }

        @Override
        public Void runEnded(RunEnded e) {
            return null; // a run's end changes no read model: history --runs and the report read it from the log
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
        public Void ipv6OnlySet(Ipv6OnlySet e) {
            return null;
        }

        @Override
        public Void portBindingAdded(PortBindingAdded e) {
            return null;
        }

        @Override
        public Void portBindingReleased(PortBindingReleased e) {
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

    private static DecisionRow decision(long position, Binding b, BindDecision d) {
        return new DecisionRow(position, b.socket(), b.label(), b.run(), b.process(), d.requested(), d.actual(),
                d.option(), d.profile(), d.status(), d.reason(), null, null, null);
    }
}
