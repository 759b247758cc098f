package org.wskemu.engine.aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.engine.command.ApplyDecision;
import org.wskemu.engine.command.CheckLocalAddress;
import org.wskemu.engine.command.ChooseEphemeralPort;
import org.wskemu.engine.command.CloseSocket;
import org.wskemu.engine.command.CompleteBind;
import org.wskemu.engine.command.ControlSocket;
import org.wskemu.engine.command.CreateSocket;
import org.wskemu.engine.command.DecideBind;
import org.wskemu.engine.command.DeclareHost;
import org.wskemu.engine.command.DeclareProcess;
import org.wskemu.engine.command.DeclareThread;
import org.wskemu.engine.command.EndRun;
import org.wskemu.engine.command.FindPortHolder;
import org.wskemu.engine.command.KernelCommand;
import org.wskemu.engine.command.PrepareBind;
import org.wskemu.engine.command.RecordCalls;
import org.wskemu.engine.command.RecordMisuse;
import org.wskemu.engine.command.RefuseOnSocket;
import org.wskemu.engine.command.ReleaseBinding;
import org.wskemu.engine.command.ReserveEphemeralPort;
import org.wskemu.engine.command.ResolveSocketContext;
import org.wskemu.engine.command.StartRun;
import org.wskemu.engine.command.TrackEphemeralPort;
import org.wskemu.security.Token;

/**
 * The aggregates' command handlers, reached through their Axon repositories inside the caller's unit of
 * work (issue #22): no command bus, no message and no nested unit of work per command. Each command is
 * handled by the very {@code @CommandHandler} method the aggregate test fixtures send it to, on the
 * aggregate its {@link KernelCommand#targetId()} names: loaded (and locked) through its repository, or
 * created for a command whose handler creates if missing. An aggregate met once in a unit of work is
 * kept for the rest of it, so a batch's later calls on it do not load it again.
 *
 * <p>Events are applied inside the caller's unit of work, so they carry its correlation data and
 * nothing else: the run's mark when the caller registered one (the engine's batch does), else no
 * metadata, as when each command had a unit of work of its own.
 */
public final class KernelAggregates {

    /** Whether an aggregate that creates itself when missing is known to be new, so no read is needed. */
    public interface Newness {
        /** Nothing is known: every aggregate is looked for before it is created. */
        Newness UNKNOWN = new Newness() {
            @Override
            public boolean isNew(String aggregateId) {
                return false;
            }

            @Override
            public void created(String aggregateId) {
                // nothing was promised
            }
        };

        /**
         * Asked once per unit of work for an aggregate not yet met in it, right before it is loaded or
         * created; the aggregate counts as met from then on. An answer of true is a promise that this
         * caller alone creates it: {@link #created} must follow, once it is made (and so locked).
         *
         * @param aggregateId the aggregate's identifier
         * @return true only when the store certainly holds no event of it
         */
        boolean isNew(String aggregateId);

        /**
         * The aggregate {@link #isNew} answered true for is made and locked (or its making failed).
         *
         * @param aggregateId the aggregate's identifier
         */
        void created(String aggregateId);
    }

    private final Repository<MachineAggregate> machine;
    private final Repository<SocketAggregate> sockets;
    private final Repository<PortAggregate> ports;
    private final Repository<EphemeralRangeAggregate> ranges;
    private final Newness newness;
    /** The root unit of work's resource: the aggregates it met, by identifier. */
    private final String metKey = KernelAggregates.class.getName() + "@" + Integer.toHexString(hashCode());

    /**
     * @param machine the machine's repository
     * @param sockets the sockets' repository
     * @param ports   the ports' repository
     * @param ranges  the ephemeral ranges' repository
     * @param newness which aggregates are known to be new
     */
    public KernelAggregates(Repository<MachineAggregate> machine, Repository<SocketAggregate> sockets,
                            Repository<PortAggregate> ports, Repository<EphemeralRangeAggregate> ranges,
                            Newness newness) {
        this.machine = machine;
        this.sockets = sockets;
        this.ports = ports;
        this.ranges = ranges;
        this.newness = newness;
    }

    // the machine

    /**
     * Handles {@link DeclareProcess} on its aggregate.
     *
     * @param command the command
     */
    public void declareProcess(DeclareProcess command) {
        machine(command).execute(m -> m.handle(command));
    }

    /**
     * Handles {@link DeclareThread} on its aggregate.
     *
     * @param command the command
     */
    public void declareThread(DeclareThread command) {
        machine(command).execute(m -> m.handle(command));
    }

    /**
     * Handles {@link StartRun} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public long startRun(StartRun command) {
        return machine(command).invoke(m -> m.handle(command));
    }

    /**
     * Handles {@link RecordCalls} on its aggregate.
     *
     * @param command the command
     */
    public void recordCalls(RecordCalls command) {
        machine(command).execute(m -> m.handle(command));
    }

    /**
     * Handles {@link EndRun} on its aggregate.
     *
     * @param command the command
     */
    public void endRun(EndRun command) {
        machine(command).execute(m -> m.handle(command));
    }

    /**
     * Handles {@link ResolveSocketContext} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public Token resolveSocketContext(ResolveSocketContext command) {
        return machine(command).invoke(m -> m.handle(command));
    }

    /**
     * Handles {@link DeclareHost} on its aggregate.
     *
     * @param command the command
     */
    public void declareHost(DeclareHost command) {
        machine(command).execute(m -> m.handle(command));
    }

    /**
     * Handles {@link CheckLocalAddress} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public boolean checkLocalAddress(CheckLocalAddress command) {
        return machine(command).invoke(m -> m.handle(command));
    }

    /**
     * Handles {@link RecordMisuse} on its aggregate.
     *
     * @param command the command
     */
    public void recordMisuse(RecordMisuse command) {
        machine(command).execute(m -> m.handle(command));
    }

    // a socket

    /**
     * Creates the socket: a new aggregate, never looked for first.
     *
     * @param command the command
     */
    public void createSocket(CreateSocket command) {
        Aggregate<SocketAggregate> created = create(sockets, () -> new SocketAggregate(command), a -> { });
        met().put(command.targetId(), created);
    }

    /**
     * Handles {@link ControlSocket} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public Outcome controlSocket(ControlSocket command) {
        return socket(command).invoke(s -> s.handle(command));
    }

    /**
     * Handles {@link PrepareBind} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public BindPreparation prepareBind(PrepareBind command) {
        return socket(command).invoke(s -> s.handle(command));
    }

    /**
     * Handles {@link CompleteBind} on its aggregate.
     *
     * @param command the command
     */
    public void completeBind(CompleteBind command) {
        socket(command).execute(s -> s.handle(command));
    }

    /**
     * Handles {@link CloseSocket} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public Closing closeSocket(CloseSocket command) {
        return socket(command).invoke(s -> s.handle(command));
    }

    /**
     * Handles {@link RefuseOnSocket} on its aggregate.
     *
     * @param command the command
     */
    public void refuseOnSocket(RefuseOnSocket command) {
        socket(command).execute(s -> s.handle(command));
    }

    // a port

    /**
     * Handles {@link FindPortHolder} on its aggregate (a port never bound answers null).
     *
     * @param command the command
     * @return the first live binding of the port, or null
     */
    public Binding findPortHolder(FindPortHolder command) {
        return handleOrCreate(ports, command, () -> new PortAggregate(command.targetId()), p -> p.handle(command));
    }

    /**
     * Handles {@link DecideBind} on its aggregate.
     *
     * @param command the command
     * @return the port's decision
     */
    public BindDecision decideBind(DecideBind command) {
        return handleOrCreate(ports, command, () -> new PortAggregate(command.targetId()), p -> p.handle(command));
    }

    /**
     * Handles {@link ApplyDecision} on its aggregate.
     *
     * @param command the command
     */
    public void applyDecision(ApplyDecision command) {
        handleOrCreate(ports, command, () -> new PortAggregate(command.targetId()), p -> {
            p.handle(command);
            return null;
        });
    }

    /**
     * Releases a binding the port holds; the port exists, since it took the binding.
     *
     * @param command the command
     */
    public void releaseBinding(ReleaseBinding command) {
        this.<PortAggregate>existing(ports, command).execute(p -> p.handle(command));
    }

    // an ephemeral range

    /**
     * Handles {@link ChooseEphemeralPort} on its aggregate.
     *
     * @param command the command
     * @return the handler's answer
     */
    public Integer chooseEphemeralPort(ChooseEphemeralPort command) {
        return handleOrCreate(ranges, command, () -> new EphemeralRangeAggregate(command.targetId()), r -> r.handle(command));
    }

    /**
     * Handles {@link ReserveEphemeralPort} on its aggregate.
     *
     * @param command the command
     */
    public void reserveEphemeralPort(ReserveEphemeralPort command) {
        handleOrCreate(ranges, command, () -> new EphemeralRangeAggregate(command.targetId()), r -> {
            r.handle(command);
            return null;
        });
    }

    /**
     * Handles {@link TrackEphemeralPort} on its aggregate.
     *
     * @param command the command
     */
    public void trackEphemeralPort(TrackEphemeralPort command) {
        handleOrCreate(ranges, command, () -> new EphemeralRangeAggregate(command.targetId()), r -> {
            r.handle(command);
            return null;
        });
    }

    private Aggregate<MachineAggregate> machine(KernelCommand command) {
        Aggregate<MachineAggregate> met = met(command.targetId());
        return met != null ? met : loadOrCreate(machine, command.targetId(), MachineAggregate::new);
    }

    private Aggregate<SocketAggregate> socket(KernelCommand command) {
        return existing(sockets, command);
    }

    private <T> Aggregate<T> existing(Repository<T> repository, KernelCommand command) {
        String id = command.targetId();
        Aggregate<T> met = met(id);
        if (met == null) {
            met = repository.load(id);
            met().put(id, met);
        }
        return met;
    }

    /**
     * The handler of a command that creates its aggregate when missing: on the aggregate met in this
     * unit of work, else on a new one when it is known to be new (no read), else on the one loaded or
     * created by the repository. A new aggregate is made with its identifier, so that Axon locks it
     * before the handler runs, as a load does: a concurrent call on the same aggregate waits for this
     * unit of work and then sees its events.
     */
    private <T, R> R handleOrCreate(Repository<T> repository, KernelCommand command, Callable<T> empty,
                                    Function<T, R> handler) {
        String id = command.targetId();
        Aggregate<T> met = met(id);
        if (met != null) {
            return met.invoke(handler);
        }
        if (newness.isNew(id)) {
            Aggregate<T> created;
            try {
                created = create(repository, empty, a -> { });
            } finally {
                newness.created(id);
            }
            met().put(id, created);
            return created.invoke(handler);
        }
        return loadOrCreate(repository, id, empty).invoke(handler);
    }

    private <T> Aggregate<T> loadOrCreate(Repository<T> repository, String id, Callable<T> empty) {
        try {
            Aggregate<T> aggregate = repository.loadOrCreate(id, empty);
            met().put(id, aggregate);
            return aggregate;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load or create aggregate " + id, e);
        }
    }

    private static <T> Aggregate<T> create(Repository<T> repository, Callable<T> factory,
                                           java.util.function.Consumer<Aggregate<T>> init) {
        try {
            return repository.newInstance(factory, init);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create an aggregate", e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> Aggregate<T> met(String id) {
        return (Aggregate<T>) met().get(id);
    }

    private Map<String, Aggregate<?>> met() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(metKey, k -> new HashMap<>());
    }
}
