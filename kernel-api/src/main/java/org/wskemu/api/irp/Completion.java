package org.wskemu.api.irp;

import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.SecurityDescriptor;

/**
 * Everything known once an IRP completes.
 *
 * <p>Besides the raw {@link #result()}, typed accessors answer the result of each kind of call
 * without a cast: {@link #socket()} after WskSocket, {@link #boundAddress()} after WskBind,
 * {@link #optionValue()} and {@link #descriptor()} after WskGetOption. Each throws
 * {@link IllegalStateException}, naming the status and the result, when the call did not hand that
 * back (it was refused, or was another kind of call).
 *
 * @param ioStatus the IoStatus block
 * @param result   the call-specific result
 * @param position the global event-store position of the call's last recorded event, or 0 when
 *                 the call was refused before anything could be recorded
 */
public record Completion(IoStatusBlock ioStatus, CallResult result, long position) {

    /**
     * Checks the parts are there.
     *
     * @param ioStatus the IoStatus block
     * @param result   the call-specific result
     * @param position the position of the call's last event, or 0
     * @throws NullPointerException if {@code ioStatus} or {@code result} is null
     */
    public Completion {
        Objects.requireNonNull(ioStatus, "ioStatus");
        Objects.requireNonNull(result, "result");
    }

    /**
     * The final status, {@code ioStatus().status()}.
     *
     * @return the status the IRP completed with
     */
    public NtStatus status() {
        return ioStatus.status();
    }

    /**
     * Whether the call succeeded.
     *
     * @return true when {@link #status()} is a success status
     */
    public boolean succeeded() {
        return ioStatus.status().isSuccess();
    }

    /**
     * The new socket of a WskSocket call that succeeded.
     *
     * @return the socket's handle (also IoStatus.Information)
     * @throws IllegalStateException if the call handed back no new socket
     */
    public SocketId socket() {
        if (result instanceof CallResult.NewSocket created) {
            return created.socket();
        }
        throw missing("new socket");
    }

    /**
     * The local address a WskBind call took, with the port actually chosen for port 0.
     *
     * @return the address now held
     * @throws IllegalStateException if the call bound nothing
     */
    public TransportAddress boundAddress() {
        if (result instanceof CallResult.Bound bound) {
            return bound.address();
        }
        throw missing("bound address");
    }

    /**
     * The ULONG a WskGetOption of {@code SO_REUSEADDR} or {@code SO_EXCLUSIVEADDRUSE} wrote: 1 when
     * enabled, 0 when not.
     *
     * @return the option's value
     * @throws IllegalStateException if the call read no such value
     */
    public int optionValue() {
        if (result instanceof CallResult.OptionValue value) {
            return value.value();
        }
        throw missing("option value");
    }

    /**
     * The descriptor a WskGetOption of {@code SO_WSK_SECURITY} read.
     *
     * @return the socket's security descriptor
     * @throws IllegalStateException if the call read no descriptor
     */
    public SecurityDescriptor descriptor() {
        if (result instanceof CallResult.Descriptor read) {
            return read.descriptor();
        }
        throw missing("security descriptor");
    }

    private IllegalStateException missing(String what) {
        return new IllegalStateException("the call handed back no " + what
                + ": it completed with " + ioStatus.status() + " and result " + result);
    }
}
