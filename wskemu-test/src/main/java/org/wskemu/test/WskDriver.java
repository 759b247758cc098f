package org.wskemu.test;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Token;

/**
 * A WSK application in a test, made synchronous: each call gets an IRP of its own, and the driver
 * waits for the IRP's completion, at most {@link #timeout()}, and answers it.
 *
 * <pre>{@code
 * WskDriver driver = WskDriver.of(kernel);
 * driver.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
 * SocketId socket = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, new ProcessId(4)));
 * Completion bound = driver.bind(socket, "0.0.0.0:80");
 * assertEquals(NtStatus.SUCCESS, bound.status());
 * assertEquals(80, bound.boundAddress().port());
 * }</pre>
 *
 * <p>A call the engine refuses is not a failure of the driver: it answers the completion with the
 * refusal's status (a recorded decision). The driver fails, with an {@link AssertionError} that
 * names the call, only when an IRP does not complete within the timeout, or when the engine breaks
 * the WSK contract (a call that returns a status other than {@code STATUS_PENDING} and completes its
 * IRP with another). Safe to use from several threads; calls on one socket take effect in the order
 * they were made.
 */
public final class WskDriver {

    /** The default wait for an IRP: ten seconds, far beyond any call on an in-memory engine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final WskEmulator kernel;
    private final Duration timeout;

    private WskDriver(WskEmulator kernel, Duration timeout) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
    }

    /**
     * A driver of {@code kernel} waiting {@link #DEFAULT_TIMEOUT} for each IRP.
     *
     * @param kernel the engine to call; the driver does not close it
     * @return the driver
     */
    public static WskDriver of(WskEmulator kernel) {
        return new WskDriver(kernel, DEFAULT_TIMEOUT);
    }

    /**
     * The same driver with another wait for each IRP.
     *
     * @param newTimeout the longest wait for one IRP, positive
     * @return a driver of the same engine
     * @throws IllegalArgumentException if {@code newTimeout} is zero or negative
     */
    public WskDriver withTimeout(Duration newTimeout) {
        return new WskDriver(kernel, newTimeout);
    }

    /**
     * The longest wait for one IRP.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The engine this driver calls, for its read models, timeline and log.
     *
     * @return the engine
     */
    public WskEmulator emulator() {
        return kernel;
    }

    /**
     * Declares (or re-declares) a process and its primary token; synchronous, recorded.
     *
     * @param process the process
     * @param token   its primary token
     */
    public void declareProcess(ProcessId process, Token token) {
        kernel.declareProcess(process, token);
    }

    /**
     * Declares a thread of a declared process; synchronous, recorded.
     *
     * @param thread        the thread
     * @param process       its process
     * @param impersonation the token it impersonates, or null for none
     */
    public void declareThread(ThreadId thread, ProcessId process, Token impersonation) {
        kernel.declareThread(thread, process, impersonation);
    }

    /**
     * WskSocket, waited for.
     *
     * @param request the socket's arguments
     * @return the completion: {@link Completion#socket()} is the new socket when it succeeded
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion socket(SocketRequest request) {
        Objects.requireNonNull(request, "request");
        return call("socket(" + request.category() + " " + request.family() + " by process "
                + request.creatingProcess() + ")", irp -> kernel.socket(request, irp));
    }

    /**
     * WskSocket, waited for, which must succeed.
     *
     * @param request the socket's arguments
     * @return the new socket
     * @throws AssertionError naming the status if the call was refused, or if it did not complete in time
     */
    public SocketId openSocket(SocketRequest request) {
        Completion created = socket(request);
        if (!created.succeeded()) {
            throw new AssertionError("socket(" + request.category() + " " + request.family() + " by process "
                    + request.creatingProcess() + ") was refused with " + created.status());
        }
        return created.socket();
    }

    /**
     * WskControlSocket setting a ULONG option ({@code SO_REUSEADDR}, {@code SO_EXCLUSIVEADDRUSE}).
     *
     * @param socket the socket
     * @param option the option
     * @param value  the ULONG input: nonzero enables, 0 disables
     * @return the completion
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion set(SocketId socket, OptionCode option, int value) {
        return control(socket, ControlRequest.set(option, value));
    }

    /**
     * WskControlSocket setting {@code SO_WSK_SECURITY}.
     *
     * @param socket     the socket
     * @param descriptor the new descriptor
     * @return the completion
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion setSecurity(SocketId socket, SecurityDescriptor descriptor) {
        return control(socket, ControlRequest.setSecurity(descriptor));
    }

    /**
     * WskControlSocket reading an option.
     *
     * @param socket the socket
     * @param option the option
     * @return the completion: {@link Completion#optionValue()} or {@link Completion#descriptor()} is the value read
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion get(SocketId socket, OptionCode option) {
        return control(socket, ControlRequest.get(option));
    }

    /**
     * WskControlSocket with any arguments (a wrong level or size, an unknown option), waited for.
     *
     * @param socket  the socket
     * @param request the control request
     * @return the completion
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion control(SocketId socket, ControlRequest request) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(request, "request");
        String value = request.input() instanceof ControlInput.Ulong given ? " = " + given.value()
                : request.input() instanceof ControlInput.Descriptor sd ? " = " + sd.descriptor() : "";
        return call(request.type().name().toLowerCase(Locale.ROOT) + "(socket " + socket + ", "
                + request.option() + value + ")", irp -> kernel.controlSocket(socket, request, irp));
    }

    /**
     * WskBind, waited for.
     *
     * @param socket  the socket
     * @param address the local address; port 0 takes an ephemeral port
     * @return the completion: {@link Completion#boundAddress()} is the address taken when it succeeded,
     *         and {@link #decision(Completion)} the recorded decision
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion bind(SocketId socket, TransportAddress address) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(address, "address");
        return call("bind(socket " + socket + ", " + address + ")", irp -> kernel.bind(socket, address, irp));
    }

    /**
     * WskBind to an address given as text, {@code 0.0.0.0:80} or {@code [::1]:443}.
     *
     * @param socket  the socket
     * @param address the local address as text
     * @return the completion
     * @throws IllegalArgumentException if {@code address} is no transport address
     * @throws AssertionError           if the IRP does not complete within the timeout
     */
    public Completion bind(SocketId socket, String address) {
        return bind(socket, TransportAddress.parse(address));
    }

    /**
     * WskCloseSocket, waited for.
     *
     * @param socket the socket
     * @return the completion
     * @throws AssertionError if the IRP does not complete within the timeout
     */
    public Completion close(SocketId socket) {
        Objects.requireNonNull(socket, "socket");
        return call("close(socket " + socket + ")", irp -> kernel.closeSocket(socket, irp));
    }

    /**
     * The recorded decision of a bind, from the read models (caught up with every committed call).
     *
     * @param bind the completion of a {@link #bind} call that reached the decision
     * @return the decision row at the completion's position, with its {@linkplain DecisionRow#cell() cell}
     * @throws AssertionError if no decision was recorded at that position (the call was no bind, or
     *                        was refused before a decision, e.g. a second bind of a bound socket)
     */
    public DecisionRow decision(Completion bind) {
        Objects.requireNonNull(bind, "bind");
        return kernel.readModels().decisions().stream()
                .filter(row -> row.position() == bind.position())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bind decision is recorded at position " + bind.position()
                        + " (the call completed with " + bind.status() + ")"));
    }

    private Completion call(String description, Function<Irp, NtStatus> call) {
        Irp irp = new Irp();
        NtStatus returned = call.apply(irp);
        Completion completion = await(description, irp);
        if (returned != NtStatus.PENDING && returned != completion.status()) {
            throw new AssertionError(description + " returned " + returned + " but its IRP completed with "
                    + completion.status());
        }
        return completion;
    }

    private Completion await(String description, Irp irp) {
        try {
            return irp.completionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(description + " did not complete within " + timeout
                    + " (its IRP is still pending)", e);
        } catch (ExecutionException e) {
            throw new AssertionError(description + " failed in the engine: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(description + ": interrupted while waiting for its IRP", e);
        }
    }
}
