package org.wskemu.cli;

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

/**
 * The socket a call's event concerns, or null: the socket a call on a socket names (created, set,
 * read, bound, refused, closed), none for declarations, runs, a refused creation and the ports' and
 * ranges' own events.
 */
final class EventSocket implements WskEvent.Visitor<SocketId> {

    private static final EventSocket INSTANCE = new EventSocket();

    private EventSocket() {
    }

    /** {@return the socket {@code event} concerns, or null} */
    static SocketId of(WskEvent event) {
        return event.accept(INSTANCE);
    }

    @Override
    public SocketId processDeclared(ProcessDeclared event) {
        return null;
    }

    @Override
    public SocketId threadDeclared(ThreadDeclared event) {
        return null;
    }

    @Override
    public SocketId runStarted(RunStarted event) {
        return null;
    }

    @Override
    public SocketId socketCreated(SocketCreated event) {
        return event.socket();
    }

    @Override
    public SocketId socketRefused(SocketRefused event) {
        return null;
    }

    @Override
    public SocketId sharingOptionSet(SharingOptionSet event) {
        return event.socket();
    }

    @Override
    public SocketId descriptorSet(DescriptorSet event) {
        return event.socket();
    }

    @Override
    public SocketId optionRead(OptionRead event) {
        return event.socket();
    }

    @Override
    public SocketId controlRefused(ControlRefused event) {
        return event.socket();
    }

    @Override
    public SocketId portBindingAdded(PortBindingAdded event) {
        return null;
    }

    @Override
    public SocketId socketBound(SocketBound event) {
        return event.socket();
    }

    @Override
    public SocketId bindRefused(BindRefused event) {
        return event.socket();
    }

    @Override
    public SocketId ephemeralPortTaken(EphemeralPortTaken event) {
        return null;
    }

    @Override
    public SocketId ephemeralPortFreed(EphemeralPortFreed event) {
        return null;
    }

    @Override
    public SocketId socketClosed(SocketClosed event) {
        return event.socket();
    }

    @Override
    public SocketId portBindingReleased(PortBindingReleased event) {
        return null;
    }

    @Override
    public SocketId callRefused(CallRefused event) {
        return event.socket();
    }

    @Override
    public SocketId ipv6OnlySet(Ipv6OnlySet event) {
        return event.socket();
    }

    @Override
    public SocketId hostDeclared(HostDeclared event) {
        return null;
    }

    @Override
    public SocketId callsRecorded(CallsRecorded event) {
        return null;
    }

    @Override
    public SocketId runEnded(RunEnded event) {
        return null;
    }
}
