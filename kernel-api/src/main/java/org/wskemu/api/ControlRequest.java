package org.wskemu.api;

import java.util.Objects;
import org.wskemu.security.SecurityDescriptor;

/**
 * The arguments of one WskControlSocket call for a socket option.
 *
 * @param type       set or get
 * @param option     the control code
 * @param level      the level (the option's own: SOL_SOCKET, or IPPROTO_IPV6 for IPV6_V6ONLY)
 * @param inputSize  InputSize in bytes (the profile says which sizes are accepted, SPEC.md 7)
 * @param outputSize OutputSize in bytes (the profile says which sizes are accepted, SPEC.md 7)
 * @param input      what the input buffer holds: a ULONG for a set of a sharing option or IPV6_V6ONLY,
 *                   a descriptor for a set of SO_WSK_SECURITY, nothing for a get
 */
public record ControlRequest(ControlType type, OptionCode option, OptionLevel level, int inputSize, int outputSize,
                             ControlInput input) {

    /** sizeof(ULONG). */
    public static final int ULONG_SIZE = 4;

    /**
     * Checks every part is there.
     *
     * @param type       set or get
     * @param option     the control code
     * @param level      the level
     * @param inputSize  InputSize in bytes
     * @param outputSize OutputSize in bytes
     * @param input      the input buffer's content ({@link ControlInput#NONE} for none)
     */
    public ControlRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(input, "input");
    }

    /**
     * {@return WskSetOption of SO_REUSEADDR, SO_EXCLUSIVEADDRUSE or IPV6_V6ONLY at the option's own level
     * with a ULONG}
     *
     * @param option the option
     * @param value  the ULONG's value
     */
    public static ControlRequest set(OptionCode option, int value) {
        return new ControlRequest(ControlType.SET, option, option.level(), ULONG_SIZE, 0, ControlInput.ulong(value));
    }

    /**
     * {@return WskSetOption of SO_WSK_SECURITY}
     *
     * @param descriptor the descriptor; null passes none, which the call refuses
     */
    public static ControlRequest setSecurity(SecurityDescriptor descriptor) {
        return new ControlRequest(ControlType.SET, OptionCode.SO_WSK_SECURITY, OptionLevel.SOL_SOCKET,
                ULONG_SIZE, 0, descriptor == null ? ControlInput.NONE : ControlInput.descriptor(descriptor));
    }

    /**
     * {@return WskGetOption at the option's own level with a ULONG-sized output buffer}
     *
     * @param option the option
     */
    public static ControlRequest get(OptionCode option) {
        return new ControlRequest(ControlType.GET, option, option.level(), 0, ULONG_SIZE, ControlInput.NONE);
    }

    /**
     * {@return the same request at another level}
     *
     * @param newLevel the level
     */
    public ControlRequest withLevel(OptionLevel newLevel) {
        return new ControlRequest(type, option, newLevel, inputSize, outputSize, input);
    }

    /**
     * {@return the same request with another InputSize}
     *
     * @param size InputSize in bytes
     */
    public ControlRequest withInputSize(int size) {
        return new ControlRequest(type, option, level, size, outputSize, input);
    }

    /**
     * {@return the same request with another OutputSize}
     *
     * @param size OutputSize in bytes
     */
    public ControlRequest withOutputSize(int size) {
        return new ControlRequest(type, option, level, inputSize, size, input);
    }
}
