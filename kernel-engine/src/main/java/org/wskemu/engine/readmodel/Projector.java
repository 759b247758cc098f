package org.wskemu.engine.readmodel;

import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
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

    private Projector() {
    }

    public static void apply(LoggedEvent logged, ReadModelSink sink) {
        long position = logged.position();
        Object event = logged.event();
        if (event instanceof SocketCreated e) {
            sink.socketCreated(new SocketRow(e.socket(), e.label(), e.run(), e.category(), e.family(),
                    e.owningProcess() != null ? e.owningProcess() : e.creatingProcess(), position, 0));
        } else if (event instanceof SocketBound e) {
            Binding b = e.binding();
            sink.bound(new OwnershipRow(b.socket(), b.label(), b.run(), b.protocol(), b.address().family(),
                    b.address(), b.option(), b.process(), position, b.dualStackWildcard()));
            sink.decided(decision(position, b, e.decision()));
        } else if (event instanceof BindRefused e) {
            BindDecision d = e.decision();
            Consultation deciding = d.deciding();
            sink.decided(new DecisionRow(position, e.socket(), e.label(), e.run(), e.process(), d.requested(), null,
                    d.option(), d.profile(), d.status(), d.reason(),
                    deciding == null ? null : deciding.describeCell(),
                    deciding == null ? null : deciding.existing().label()));
        } else if (event instanceof SocketClosed e) {
            if (e.released() != null) {
                sink.released(e.socket());
            }
            sink.socketClosed(e.socket(), position);
        } else if (event instanceof SharingOptionSet e && e.afterBind()) {
            sink.warned(new WarningRow(position, e.socket(), WarningRow.Kind.OPTION_AFTER_BIND,
                    e.option() + " set to " + e.value() + " after bind: the binding keeps the options it was bound with"));
        } else if (event instanceof DescriptorSet e && e.afterBind()) {
            sink.warned(new WarningRow(position, e.socket(), WarningRow.Kind.DESCRIPTOR_AFTER_BIND,
                    "SO_WSK_SECURITY set after bind: the binding keeps the descriptor it was bound with"));
        } else if (event instanceof CallRefused e) {
            sink.warned(new WarningRow(position, e.socket(), WarningRow.Kind.MISUSE,
                    e.call().op() + " refused with " + e.status().fullName() + ": " + e.reason()));
        }
        sink.advanced(position);
    }

    private static DecisionRow decision(long position, Binding b, BindDecision d) {
        return new DecisionRow(position, b.socket(), b.label(), b.run(), b.process(), d.requested(), d.actual(),
                d.option(), d.profile(), d.status(), d.reason(), null, null);
    }
}
