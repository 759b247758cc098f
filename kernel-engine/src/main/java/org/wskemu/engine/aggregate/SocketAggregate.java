package org.wskemu.engine.aggregate;

import org.wskemu.api.SessionRun;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.command.CloseSocket;
import org.wskemu.engine.command.CompleteBind;
import org.wskemu.engine.command.ControlSocket;
import org.wskemu.engine.command.CreateSocket;
import org.wskemu.engine.command.PrepareBind;
import org.wskemu.engine.command.RefuseOnSocket;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.Ipv6OnlySet;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.sharing.SharingProfile;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Token;

/**
 * A socket: its category, family, security context, descriptor and options (IPV6_V6ONLY included),
 * and whether it is open, bound or closed. It refuses calls on itself once closed, a second bind, and
 * a bind of the wrong family; the host and the port(s) decide the rest of a bind.
 */
public final class SocketAggregate {

    /** sizeof(PSECURITY_DESCRIPTOR) on a 64-bit kernel: the Information of a get of SO_WSK_SECURITY. */
    static final int POINTER_SIZE = 8;

    @AggregateIdentifier
    private String id;
    private SocketId socket;
    private String label;
    private SessionRun run;
    private SocketCategory category;
    private AddressFamily family;
    private ProcessId process;
    private Token context;
    private SecurityDescriptor descriptor;
    private boolean reuseAddress;
    private boolean exclusiveAddressUse;
    /** IPV6_V6ONLY, on by default for both families (Wine sock.c test_ipv6only, Windows-checked). */
    private boolean v6Only = true;
    private Binding binding;
    private boolean closed;

    SocketAggregate() {
        // for Axon
    }

    @CommandHandler
    SocketAggregate(CreateSocket command) {
        apply(new SocketCreated(command.socket(), command.request().label() != null
                ? command.request().label() : command.socket().toString(),
                command.run(), command.request().category(), command.request().family(),
                command.request().creatingProcess(), command.request().owningProcess(),
                command.request().owningThread(), command.context(), command.request().descriptor()));
    }

    /**
     * WskControlSocket, once the checks that need no socket state have passed (the dispatcher made
     * them, SPEC.md 5 steps 1 and 2): the handle (step 3), the category (step 4), the socket's rules.
     */
    @CommandHandler
    Outcome handle(ControlSocket command) {
        ControlRequest request = command.request();
        if (closed) {
            return misuse(CallKind.forControl(request.type()));
        }
        OptionCode option = request.option();
        if (!option.isKnown()) {
            return refuseControl(request, NtStatus.NOT_SUPPORTED, "option " + option + " is not emulated");
        }
        if (!category.canBind()) {
            // SPEC.md 5 step 4: each WDK page says the option "applies only to listening sockets, datagram
            // sockets, and connection-oriented sockets" (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_WSK_SECURITY):
            // set and get; IPV6_V6ONLY follows them on a basic socket (SPEC.md 5's table).
            return refuseControl(request, NtStatus.NOT_SUPPORTED, "a basic socket has no " + option + " option");
        }
        ProfileId profile = command.profile();
        if (request.type() == ControlType.GET) {
            if (option.takesValue()) {
                int value = option.equals(OptionCode.IPV6_V6ONLY) ? (v6Only ? 1 : 0) : enabled(option) ? 1 : 0;
                apply(new OptionRead(socket, option, value, null));
                return new Outcome(NtStatus.SUCCESS, ControlRules.informationOfGet(request, profile),
                        new CallResult.OptionValue(value));
            }
            SecurityDescriptor effective = effectiveDescriptor(profile);
            apply(new OptionRead(socket, option, null, effective));
            return new Outcome(NtStatus.SUCCESS, POINTER_SIZE, new CallResult.Descriptor(effective));
        }
        if (option.equals(OptionCode.SO_WSK_SECURITY)) {
            if (!(request.input() instanceof ControlInput.Descriptor given)) {
                // the dispatcher refused it already (ControlRules.immediate); kept for a direct command
                return refuseControl(request, NtStatus.INVALID_PARAMETER,
                        "SO_WSK_SECURITY set without a security descriptor");
            }
            apply(new DescriptorSet(socket, given.descriptor(), binding != null));
            return Outcome.of(NtStatus.SUCCESS);
        }
        int value = ControlRules.valueRead(request, profile);
        if (option.equals(OptionCode.IPV6_V6ONLY)) {
            if (binding != null) {
                // Wine sock.c test_ipv6only (Windows-checked): refused after bind; the code is not checked
                // ([emulator choice] SPEC.md 5: INVALID_PARAMETER).
                return refuseControl(request, NtStatus.INVALID_PARAMETER, "IPV6_V6ONLY cannot change once the socket is bound");
            }
            // Wine test_ipv6only: an inet socket accepts it too, and it changes nothing there.
            apply(new Ipv6OnlySet(socket, value));
            return Outcome.of(NtStatus.SUCCESS);
        }
        OptionCode other = option.equals(OptionCode.SO_REUSEADDR) ? OptionCode.SO_EXCLUSIVEADDRUSE : OptionCode.SO_REUSEADDR;
        if (value != 0 && enabled(other)) {
            // Win32 "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE": enabling one while the other is
            // enabled fails with WSAEINVAL; the kernel's status for it is INVALID_PARAMETER.
            return refuseControl(request, NtStatus.INVALID_PARAMETER, other + " is already enabled");
        }
        apply(new SharingOptionSet(socket, option, value, binding != null));
        return Outcome.of(NtStatus.SUCCESS);
    }

    /**
     * The socket's half of WskBind (SPEC.md 5): closed (INVALID_HANDLE), basic (NOT_SUPPORTED), already
     * bound (ADDRESS_ALREADY_ASSOCIATED), wrong family (INVALID_PARAMETER), in that order.
     */
    @CommandHandler
    BindPreparation handle(PrepareBind command) {
        if (closed) {
            misuse(CallKind.BIND);
            return new BindPreparation.Refused(NtStatus.INVALID_HANDLE);
        }
        TransportAddress address = command.address();
        SharingOption option = SharingOption.of(reuseAddress, exclusiveAddressUse);
        if (!category.canBind()) {
            return refuseBind(command, option, NtStatus.NOT_SUPPORTED, "a basic socket cannot be bound");
        }
        if (binding != null) {
            // Wine afd.c test_bind (Windows-checked): the transport refuses a second bind at once with
            // STATUS_ADDRESS_ALREADY_ASSOCIATED; user mode maps it to WSAEINVAL.
            return refuseBind(command, option, NtStatus.ADDRESS_ALREADY_ASSOCIATED,
                    "the socket is already bound to " + binding.address());
        }
        boolean dualStack = family == AddressFamily.INET6 && !v6Only;
        if (address.family() != family) {
            return refuseBind(command, option, NtStatus.INVALID_PARAMETER,
                    "an " + family + " socket cannot bind the " + address.family() + " address " + address);
        }
        if (address.isIpv4Mapped() && !dualStack) {
            // [emulator choice] SPEC.md 6a.2: an IPv4-mapped address on a socket whose IPV6_V6ONLY is on.
            return refuseBind(command, option, NtStatus.INVALID_PARAMETER,
                    "the IPv4-mapped address " + address + " needs IPV6_V6ONLY off");
        }
        Binding candidate = new Binding(socket, label, run, process, category.protocol().orElseThrow(), address,
                option, effectiveDescriptor(command.profile()), dualStack);
        return new BindPreparation.Candidate(candidate, context);
    }

    @CommandHandler
    void handle(CompleteBind command) {
        if (closed || binding != null) {
            throw new IllegalStateException("socket " + socket + " cannot complete a bind: " + (closed ? "closed" : "bound"));
        }
        apply(new SocketBound(socket, command.binding(), command.decision()));
    }

    @CommandHandler
    Closing handle(CloseSocket command) {
        if (closed) {
            return new Closing(misuse(CallKind.CLOSE).status(), null);
        }
        Binding released = binding;
        apply(new SocketClosed(socket, released));
        return new Closing(NtStatus.SUCCESS, released);
    }

    @CommandHandler
    void handle(RefuseOnSocket command) {
        if (command.request() != null) {
            apply(new ControlRefused(socket, command.request(), command.status(), command.reason()));
        } else {
            apply(new CallRefused(socket, command.call(), command.status(), command.reason()));
        }
    }

    /** The binding held, for the engine to release after a close. */
    Binding binding() {
        return binding;
    }

    private boolean enabled(OptionCode option) {
        return option.equals(OptionCode.SO_REUSEADDR) ? reuseAddress : exclusiveAddressUse;
    }

    /** The descriptor given, else the profile's default for this socket's context user (SPEC.md 4, 7). */
    private SecurityDescriptor effectiveDescriptor(ProfileId profile) {
        return descriptor != null ? descriptor : SharingProfile.of(profile).defaultDescriptor(context.user());
    }

    private Outcome misuse(CallKind call) {
        // [emulator choice] SPEC.md 5: a call on a closed socket is a driver bug, answered INVALID_HANDLE.
        apply(new CallRefused(socket, call, NtStatus.INVALID_HANDLE, "socket " + label + " is closed"));
        return Outcome.of(NtStatus.INVALID_HANDLE);
    }

    private Outcome refuseControl(ControlRequest request, NtStatus status, String reason) {
        apply(new ControlRefused(socket, request, status, reason));
        return Outcome.of(status);
    }

    private BindPreparation refuseBind(PrepareBind command, SharingOption option, NtStatus status, String reason) {
        apply(new BindRefused(socket, label, run, process, new BindDecision(command.profile(), command.address(), null, option, status,
                reason, List.of())));
        return new BindPreparation.Refused(status);
    }

    @EventSourcingHandler
    void on(SocketCreated event) {
        id = event.socket().aggregateId();
        socket = event.socket();
        label = event.label();
        run = event.run();
        category = event.category();
        family = event.family();
        process = event.owningProcess() != null ? event.owningProcess() : event.creatingProcess();
        context = event.context();
        descriptor = event.descriptor();
    }

    @EventSourcingHandler
    void on(SharingOptionSet event) {
        if (event.option().equals(OptionCode.SO_REUSEADDR)) {
            reuseAddress = event.enabled();
        } else {
            exclusiveAddressUse = event.enabled();
        }
    }

    @EventSourcingHandler
    void on(Ipv6OnlySet event) {
        v6Only = event.enabled();
    }

    @EventSourcingHandler
    void on(DescriptorSet event) {
        descriptor = event.descriptor();
    }

    @EventSourcingHandler
    void on(SocketBound event) {
        binding = event.binding();
    }

    @EventSourcingHandler
    void on(SocketClosed event) {
        closed = true;
        binding = null;
    }
}
