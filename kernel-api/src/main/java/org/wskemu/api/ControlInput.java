package org.wskemu.api;

import java.util.Objects;
import org.wskemu.security.SecurityDescriptor;

/**
 * What a WskControlSocket call passes in its input buffer, beyond the buffer's size: nothing, a ULONG
 * (a sharing option's or IPV6_V6ONLY's value), or a security descriptor (SO_WSK_SECURITY). The size
 * is the request's own {@link ControlRequest#inputSize()}; a ULONG under a user-mode profile is read
 * only as far as the size says (SPEC.md 7).
 */
public sealed interface ControlInput permits ControlInput.None, ControlInput.Ulong, ControlInput.Descriptor {

    /** The input of a get, or of a set that passes no value. */
    ControlInput NONE = new None();

    /**
     * A ULONG input.
     *
     * @param value the value as a little-endian buffer's first four bytes
     * @return the input
     */
    static ControlInput ulong(int value) {
        return new Ulong(value);
    }

    /**
     * A security descriptor input.
     *
     * @param descriptor the descriptor
     * @return the input
     */
    static ControlInput descriptor(SecurityDescriptor descriptor) {
        return new Descriptor(descriptor);
    }

    /** No input: a get, or a set whose value is missing. */
    record None() implements ControlInput {
    }

    /**
     * A ULONG input.
     *
     * @param value the integer, as a little-endian buffer's first four bytes (a smaller InputSize reads
     *              fewer of them)
     */
    record Ulong(int value) implements ControlInput {
    }

    /**
     * A security descriptor input (SO_WSK_SECURITY).
     *
     * @param descriptor the descriptor, never null
     */
    record Descriptor(SecurityDescriptor descriptor) implements ControlInput {

        /**
         * Checks the descriptor is there.
         *
         * @param descriptor the descriptor
         */
        public Descriptor {
            Objects.requireNonNull(descriptor, "descriptor");
        }
    }
}
