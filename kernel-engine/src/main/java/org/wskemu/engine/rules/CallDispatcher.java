package org.wskemu.engine.rules;

import org.wskemu.api.SessionRun;
import java.util.Objects;
import java.util.Optional;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.aggregate.ControlRules;
import org.wskemu.engine.aggregate.Outcome;

/**
 * The one dispatcher of WSK calls: the session runner and the embedding API both hand every call
 * here, so they apply the same checks in the same order (SPEC.md 5, [emulator choice, one order for
 * all entry points]); the first that fails decides and nothing after it is looked at:
 * <ol>
 *   <li>the IRP: NULL, or still pending: INVALID_PARAMETER;</li>
 *   <li>what needs no socket state ({@link ControlRules#immediate}): an unknown option
 *       NOT_SUPPORTED; a known option at another level INVALID_PARAMETER; the profile's sizes;</li>
 *   <li>the handle: a socket never created or closed: INVALID_HANDLE, recorded as misuse (the
 *       engine's lookup, and the socket itself once closed);</li>
 *   <li>the category: the socket's own first rule ({@code basic} sockets have no options and cannot bind);</li>
 *   <li>the socket's own rules, then the host and the port(s) for a bind.</li>
 * </ol>
 */
public final class CallDispatcher {

    /** A WSK call as it reaches the engine. */
    public sealed interface Call {
        /** {@return the kind of call, as its records name it} */
        CallKind kind();
    }

    /**
     * WskSocket.
     *
     * @param request the socket asked for
     */
    public record CreateSocket(SocketRequest request) implements Call {
        @Override
        public CallKind kind() {
            return CallKind.SOCKET;
        }
    }

    /**
     * WskControlSocket.
     *
     * @param request the option set or get
     */
    public record Control(ControlRequest request) implements Call {
        @Override
        public CallKind kind() {
            return CallKind.forControl(request.type());
        }
    }

    /**
     * WskBind.
     *
     * @param address      the address asked for
     * @param recordedPort the port a recording's port-0 bind got (SPEC.md 6, rule 1a), or null
     */
    public record Bind(TransportAddress address, Integer recordedPort) implements Call {
        /**
         * A bind with no recorded port.
         *
         * @param address the address asked for
         */
        public Bind(TransportAddress address) {
            this(address, null);
        }

        @Override
        public CallKind kind() {
            return CallKind.BIND;
        }
    }

    /** WskCloseSocket. */
    public record Close() implements Call {
        @Override
        public CallKind kind() {
            return CallKind.CLOSE;
        }
    }

    /** The IRP a call came with. */
    public enum IrpState {
        /** Taken for this call: it will be completed exactly once. */
        SUBMITTED("the IRP was taken"),
        /** A NULL IRP pointer: a driver bug. */
        NULL("NULL IRP"),
        /** An IRP still pending for an earlier call: left undisturbed ([emulator choice], SPEC.md 5). */
        PENDING("the IRP is still pending for an earlier call");

        private final String reason;

        IrpState(String reason) {
            this.reason = reason;
        }
    }

    private final ProfileId profile;

    /** @param profile the sharing profile the calls are decided under */
    public CallDispatcher(ProfileId profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * The refusal of steps 1 and 2 (no socket state needed), if any: such a call is answered at once.
     *
     * @param call the call
     * @param irp  the IRP it came with
     * @return the refusal, or empty when the call needs state to be decided
     */
    public Optional<ControlRules.Refusal> refusedAtOnce(Call call, IrpState irp) {
        if (irp != IrpState.SUBMITTED) {
            return Optional.of(new ControlRules.Refusal(NtStatus.INVALID_PARAMETER, irp.reason));
        }
        if (call instanceof Control control) {
            return ControlRules.immediate(control.request(), profile);
        }
        return Optional.empty();
    }

    /**
     * Runs {@code call} through the checks in order, then the engine.
     *
     * @param socket    the new socket's handle for WskSocket; for any other call the socket it names, or
     *                  null when it was never created (a session label whose WskSocket was refused)
     * @param neverMade why {@code socket} is null, for the misuse record
     * @param run       the session run creating a socket ({@link SessionRun#NONE} outside one)
     * @param calls     what carries the call out once it has passed the checks
     * @param call      the call
     * @param irp       the IRP it came with
     * @return the call's outcome
     */
    public Outcome dispatch(KernelTarget calls, SocketId socket, String neverMade, Call call, IrpState irp, SessionRun run) {
        Optional<ControlRules.Refusal> atOnce = refusedAtOnce(call, irp);
        if (atOnce.isPresent()) {
            ControlRequest request = call instanceof Control control && irp == IrpState.SUBMITTED ? control.request() : null;
            SocketId target = call instanceof CreateSocket ? null : socket;
            return calls.refuse(target, call.kind(), request, atOnce.get().status(), atOnce.get().reason());
        }
        if (call instanceof CreateSocket create) {
            return calls.socket(socket, create.request(), run);
        }
        if (socket == null) {
            // SPEC.md 5 step 3: a socket that was never created ([emulator choice] recorded as misuse)
            return calls.refuse(null, call.kind(), null, NtStatus.INVALID_HANDLE, neverMade);
        }
        if (call instanceof Control control) {
            return calls.control(socket, control.request());
        }
        if (call instanceof Bind bind) {
            return calls.bind(socket, bind.address(), bind.recordedPort());
        }
        return calls.close(socket);
    }
}
