package org.wskemu.api.event;

/**
 * Something that happened in the emulated kernel. Every WSK call, accepted or refused, is
 * recorded as one or more of these; the log of them is the whole recorded session.
 */
public sealed interface WskEvent permits ProcessDeclared, ThreadDeclared, RunStarted, SocketCreated, SocketRefused,
        SharingOptionSet, DescriptorSet, OptionRead, ControlRefused, PortBindingAdded, SocketBound, BindRefused,
        EphemeralPortTaken, EphemeralPortFreed, SocketClosed, PortBindingReleased, CallRefused, Ipv6OnlySet,
        HostDeclared, CallsRecorded {
}
