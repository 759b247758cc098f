package org.wskemu.api.event;

/**
 * Something that happened in the emulated kernel. Every WSK call, accepted or refused, is
 * recorded as one or more of these; the log of them is the whole recorded session.
 */
public sealed interface WskEvent permits ProcessDeclared, ThreadDeclared, RunStarted, SocketCreated, SocketRefused,
        SharingOptionSet, DescriptorSet, OptionRead, ControlRefused, PortBindingAdded, SocketBound, BindRefused,
        EphemeralPortTaken, EphemeralPortFreed, SocketClosed, PortBindingReleased, CallRefused, Ipv6OnlySet,
        HostDeclared, CallsRecorded, RunEnded {

    /**
     * Calls the {@link Visitor}'s method for this event's type: the exhaustive way to handle events.
     * A new event type adds a method to {@link Visitor}, so every visitor stops compiling until it
     * says what the new event means (an {@code instanceof} chain would pass it over silently).
     *
     * @param visitor what to do with each type of event
     * @param <R>     what the visitor returns ({@link Void} for none)
     * @return the visitor's answer for this event
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per event type, in the order of {@code permits}.
     *
     * @param <R> what each method returns
     */
    interface Visitor<R> {

        /**
         * @param event a {@link ProcessDeclared}
         * @return what the visitor makes of it
         */
        R processDeclared(ProcessDeclared event);

        /**
         * @param event a {@link ThreadDeclared}
         * @return what the visitor makes of it
         */
        R threadDeclared(ThreadDeclared event);

        /**
         * @param event a {@link RunStarted}
         * @return what the visitor makes of it
         */
        R runStarted(RunStarted event);

        /**
         * @param event a {@link SocketCreated}
         * @return what the visitor makes of it
         */
        R socketCreated(SocketCreated event);

        /**
         * @param event a {@link SocketRefused}
         * @return what the visitor makes of it
         */
        R socketRefused(SocketRefused event);

        /**
         * @param event a {@link SharingOptionSet}
         * @return what the visitor makes of it
         */
        R sharingOptionSet(SharingOptionSet event);

        /**
         * @param event a {@link DescriptorSet}
         * @return what the visitor makes of it
         */
        R descriptorSet(DescriptorSet event);

        /**
         * @param event a {@link OptionRead}
         * @return what the visitor makes of it
         */
        R optionRead(OptionRead event);

        /**
         * @param event a {@link ControlRefused}
         * @return what the visitor makes of it
         */
        R controlRefused(ControlRefused event);

        /**
         * @param event a {@link PortBindingAdded}
         * @return what the visitor makes of it
         */
        R portBindingAdded(PortBindingAdded event);

        /**
         * @param event a {@link SocketBound}
         * @return what the visitor makes of it
         */
        R socketBound(SocketBound event);

        /**
         * @param event a {@link BindRefused}
         * @return what the visitor makes of it
         */
        R bindRefused(BindRefused event);

        /**
         * @param event a {@link EphemeralPortTaken}
         * @return what the visitor makes of it
         */
        R ephemeralPortTaken(EphemeralPortTaken event);

        /**
         * @param event a {@link EphemeralPortFreed}
         * @return what the visitor makes of it
         */
        R ephemeralPortFreed(EphemeralPortFreed event);

        /**
         * @param event a {@link SocketClosed}
         * @return what the visitor makes of it
         */
        R socketClosed(SocketClosed event);

        /**
         * @param event a {@link PortBindingReleased}
         * @return what the visitor makes of it
         */
        R portBindingReleased(PortBindingReleased event);

        /**
         * @param event a {@link CallRefused}
         * @return what the visitor makes of it
         */
        R callRefused(CallRefused event);

        /**
         * @param event a {@link Ipv6OnlySet}
         * @return what the visitor makes of it
         */
        R ipv6OnlySet(Ipv6OnlySet event);

        /**
         * @param event a {@link HostDeclared}
         * @return what the visitor makes of it
         */
        R hostDeclared(HostDeclared event);

        /**
         * @param event a {@link CallsRecorded}
         * @return what the visitor makes of it
         */
        R callsRecorded(CallsRecorded event);

        /**
         * @param event a {@link RunEnded}
         * @return what the visitor makes of it
         */
        R runEnded(RunEnded event);
    }
}
