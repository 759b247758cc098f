package org.wskemu.api;

import java.util.Objects;
import org.wskemu.security.SecurityDescriptor;

/**
 * The arguments of WskSocket.
 *
 * @param category        the socket category
 * @param family          the address family
 * @param creatingProcess the process calling WskSocket
 * @param owningProcess   OwningProcess, or null
 * @param owningThread    OwningThread, or null
 * @param descriptor      SecurityDescriptor, or null for the profile's default
 * @param label           a name for the socket in output (a session file's label), or null
 */
public record SocketRequest(SocketCategory category, AddressFamily family, ProcessId creatingProcess,
                            ProcessId owningProcess, ThreadId owningThread, SecurityDescriptor descriptor,
                            String label) {

    /**
     * Checks the components.
     *
     * @param category the socket category
     * @param family the address family
     * @param creatingProcess the process calling WskSocket
     * @param owningProcess OwningProcess, or null
     * @param owningThread OwningThread, or null
     * @param descriptor SecurityDescriptor, or null for the profile's default
     * @param label a name for the socket in output, or null
     * @throws NullPointerException when the category, family or creating process is null
     */
    public SocketRequest {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(creatingProcess, "creatingProcess");
    }

    /**
     * A socket created by {@code process} with no owning process, thread or descriptor.
     *
     * @param category the socket category
     * @param family the address family
     * @param process the process calling WskSocket
     * @return the request, without a label
     */
    public static SocketRequest of(SocketCategory category, AddressFamily family, ProcessId process) {
        return new SocketRequest(category, family, process, null, null, null, null);
    }

    /**
     * This request with another security descriptor.
     *
     * @param newDescriptor the descriptor, or null for the profile's default
     * @return a copy differing only in the descriptor
     */
    public SocketRequest withDescriptor(SecurityDescriptor newDescriptor) {
        return new SocketRequest(category, family, creatingProcess, owningProcess, owningThread, newDescriptor, label);
    }

    /**
     * This request with another owning process and thread.
     *
     * @param process OwningProcess, or null
     * @param thread OwningThread, or null
     * @return a copy differing only in the owner
     */
    public SocketRequest withOwner(ProcessId process, ThreadId thread) {
        return new SocketRequest(category, family, creatingProcess, process, thread, descriptor, label);
    }

    /**
     * This request with another label.
     *
     * @param newLabel the name in output, or null
     * @return a copy differing only in the label
     */
    public SocketRequest withLabel(String newLabel) {
        return new SocketRequest(category, family, creatingProcess, owningProcess, owningThread, descriptor, newLabel);
    }
}
