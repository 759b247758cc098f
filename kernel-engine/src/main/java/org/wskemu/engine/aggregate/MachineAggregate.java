package org.wskemu.engine.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.wskemu.api.HostAddress;
import org.wskemu.api.NtStatus;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.command.CheckLocalAddress;
import org.wskemu.engine.command.DeclareHost;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.HostDeclared;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.SocketRequest;
import org.wskemu.engine.command.DeclareProcess;
import org.wskemu.engine.command.DeclareThread;
import org.wskemu.engine.command.KernelCommand;
import org.wskemu.engine.command.RecordMisuse;
import org.wskemu.engine.command.ResolveSocketContext;
import org.wskemu.engine.command.EndRun;
import org.wskemu.engine.command.StartRun;
import org.wskemu.engine.command.RecordCalls;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.RunEnded;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.event.ThreadDeclared;
import org.wskemu.security.Token;

/**
 * The emulated machine: its processes and threads with their tokens, the unicast addresses it owns
 * (SPEC.md 2), its numbered session runs, and the misuse of sockets it does not know.
 */
public final class MachineAggregate {

    /** What a refusal naming an undeclared process tells the caller to do. */
    private static final String DECLARE_PROCESS = "; declare it first (a session's process line, or declareProcess)";

    @AggregateIdentifier
    private String id;
    private final Map<Long, Token> processes = new HashMap<>();
    private final Map<Long, ThreadRecord> threads = new HashMap<>();
    private long runs;
    /** Whether a host line declared the machine's addresses; until then every address is local. */
    private boolean hostDeclared;
    private final Set<HostAddress> hostAddresses = new LinkedHashSet<>();

    /** A declared thread. */
    record ThreadRecord(long process, Token impersonation) {
    }

    MachineAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeclareProcess command) {
        identify();
        apply(new ProcessDeclared(command.process(), command.token()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeclareThread command) {
        identify();
        if (!processes.containsKey(command.process().value())) {
            throw new IllegalArgumentException("thread " + command.thread() + " names undeclared process " + command.process()
                    + DECLARE_PROCESS);
        }
        apply(new ThreadDeclared(command.thread(), command.process(), command.impersonation()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(StartRun command) {
        identify();
        long run = runs + 1;
        apply(new RunStarted(run, command.source(), command.sha256()));
        return run;
    }

    /** Ends a run, after its calls and their recorded lines; it changes no state. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EndRun command) {
        identify();
        apply(new RunEnded(command.run(), command.calls(), command.stoppedEarly()));
    }

    /** Records the lines and expectations of a run's committed calls; they change no state. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordCalls command) {
        identify();
        apply(new CallsRecorded(command.run(), command.calls()));
    }

    /**
     * The security context of a new socket (SPEC.md 3, WDK "Sharing Transport Addresses"): the owning
     * thread's impersonation token if it impersonates, else the owning thread's process token, else the
     * owning process's token, else the creating process's token. An undeclared process or thread is
     * refused with INVALID_PARAMETER and recorded.
     *
     * @return the context, or null when refused
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Token handle(ResolveSocketContext command) {
        identify();
        SocketRequest request = command.request();
        String problem = null;
        Token context = null;
        if (!processes.containsKey(request.creatingProcess().value())) {
            problem = "creating process " + request.creatingProcess() + " is not declared" + DECLARE_PROCESS;
        } else if (request.owningProcess() != null && !processes.containsKey(request.owningProcess().value())) {
            problem = "owning process " + request.owningProcess() + " is not declared" + DECLARE_PROCESS;
        } else if (request.owningThread() != null && !threads.containsKey(request.owningThread().value())) {
            problem = "owning thread " + request.owningThread() + " is not declared; declare it first (a session's "
                    + "thread line, or declareThread)";
        } else if (request.owningThread() != null) {
            ThreadRecord thread = threads.get(request.owningThread().value());
            context = thread.impersonation() != null ? thread.impersonation() : processes.get(thread.process());
        } else if (request.owningProcess() != null) {
            context = processes.get(request.owningProcess().value());
        } else {
            context = processes.get(request.creatingProcess().value());
        }
        if (problem != null) {
            apply(new SocketRefused(request.label(), command.run(), request.category(), request.family(),
                    request.creatingProcess(), request.owningProcess(), request.owningThread(),
                    NtStatus.INVALID_PARAMETER, problem));
        }
        return context;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeclareHost command) {
        identify();
        apply(new HostDeclared(command.addresses()));
    }

    /**
     * Whether the host owns the address a bind asks for (SPEC.md 2 and 5; Wine afd.c and sock.c
     * test_bind, Windows-checked): refused with INVALID_ADDRESS_COMPONENT and recorded when not.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(CheckLocalAddress command) {
        identify();
        if (owns(hostDeclared, hostAddresses, command.requested())) {
            return true;
        }
        Binding candidate = command.candidate();
        apply(new BindRefused(candidate.socket(), candidate.label(), candidate.run(), candidate.process(),
                new BindDecision(command.profile(), command.requested(), null, candidate.option(),
                        NtStatus.INVALID_ADDRESS_COMPONENT, "the host does not own " + command.requested()
                        + " (its addresses: " + hostAddresses + ")", List.of())));
        return false;
    }

    /**
     * SPEC.md 2: before any host line every address is local; after, the wildcards, loopback
     * (127.0.0.0/8, ::1) and the declared addresses are; an IPv4-mapped address is its IPv4 address.
     *
     * @param hostDeclared whether any host line was seen
     * @param declared     the addresses declared so far
     * @param address      the address a bind asks for
     * @return whether the machine owns the address
     */
    public static boolean owns(boolean hostDeclared, Set<HostAddress> declared, TransportAddress address) {
        return !hostDeclared || address.isWildcard() || address.isLoopback()
                || declared.contains(HostAddress.of(address));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordMisuse command) {
        identify();
        apply(new CallRefused(command.socket(), command.call(), command.status(), command.reason()));
    }

    private void identify() {
        if (id == null) {
            id = KernelCommand.MACHINE;
        }
    }

    @EventSourcingHandler
    void on(ProcessDeclared event) {
        id = KernelCommand.MACHINE;
        processes.put(event.process().value(), event.token());
    }

    @EventSourcingHandler
    void on(ThreadDeclared event) {
        id = KernelCommand.MACHINE;
        threads.put(event.thread().value(), new ThreadRecord(event.process().value(), event.impersonation()));
    }

    @EventSourcingHandler
    void on(HostDeclared event) {
        id = KernelCommand.MACHINE;
        hostDeclared = true;
        hostAddresses.addAll(event.addresses());
    }

    @EventSourcingHandler
    void on(BindRefused event) {
        id = KernelCommand.MACHINE;
    }

    @EventSourcingHandler
    void on(RunStarted event) {
        id = KernelCommand.MACHINE;
        runs = event.run();
    }

    @EventSourcingHandler
    void on(SocketRefused event) {
        id = KernelCommand.MACHINE;
    }

    @EventSourcingHandler
    void on(CallRefused event) {
        id = KernelCommand.MACHINE;
    }
}
