package org.wskemu.engine.aggregate;

import java.util.Optional;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.sharing.ProfileId;

/**
 * The checks of WskControlSocket that need no socket state (SPEC.md 5, step 2), and the option sizes
 * of each profile (SPEC.md 7): an unknown option is NOT_SUPPORTED whatever its level; a known option
 * at another level than its own is INVALID_PARAMETER; then the sizes.
 *
 * <ul>
 *   <li>{@code wsk}: a set's InputSize must be 4 (sizeof ULONG), else INVALID_PARAMETER ([emulator
 *       choice]: the WDK names only sizeof(ULONG)); a get's OutputSize under 4 is BUFFER_TOO_SMALL;
 *       IPV6_V6ONLY is a ULONG like the others ([emulator choice]).</li>
 *   <li>{@code win32}, {@code win32-legacy}: as Windows' user mode (Wine sock.c test_set_getsockopt,
 *       test_optsize, Windows-checked). Sharing options: a set of InputSize 0, 1, 2, 4 or 8 succeeds,
 *       the value read from its first min(InputSize, 4) bytes little-endian, 0 for InputSize 0
 *       ([emulator choice: the value]); other sizes INVALID_PARAMETER ([emulator choice]); a get of
 *       OutputSize 0 is BUFFER_TOO_SMALL, 1 to 3 answers Information 1, 4 or more Information 4.
 *       IPV6_V6ONLY is one byte: a set reads only the first byte, InputSize 0 is BUFFER_TOO_SMALL,
 *       3, 5 to 7 or over 8 INVALID_PARAMETER ([emulator choice]); a get of OutputSize 0 is
 *       BUFFER_TOO_SMALL, otherwise Information 1.</li>
 * </ul>
 * SO_WSK_SECURITY has no size rule (section 7 does not cover it); a set of it needs a descriptor.
 */
public final class ControlRules {

    /**
     * A refusal made at once.
     *
     * @param status the status the call is answered with
     * @param reason why, in words for the audit
     */
    public record Refusal(NtStatus status, String reason) {
    }

    private ControlRules() {
    }

    /**
     * The refusal of {@code request} that needs no socket state under {@code profile}, if any.
     *
     * @param request the control request
     * @param profile the sharing profile
     * @return the refusal, or empty when the request needs the socket's state to be decided
     */
    public static Optional<Refusal> immediate(ControlRequest request, ProfileId profile) {
        OptionCode option = request.option();
        if (!option.isKnown()) {
            return refuse(NtStatus.NOT_SUPPORTED, "option " + option + " is not emulated");
        }
        if (!request.level().equals(option.level())) {
            return refuse(NtStatus.INVALID_PARAMETER, option + " is a " + option.level() + " option, level was "
                    + request.level());
        }
        if (!option.takesValue()) {
            if (request.type() == ControlType.SET && !(request.input() instanceof ControlInput.Descriptor)) {
                return refuse(NtStatus.INVALID_PARAMETER, "SO_WSK_SECURITY set without a security descriptor");
            }
            return Optional.empty();
        }
        return request.type() == ControlType.SET ? setSize(request, profile) : getSize(request, profile);
    }

    private static Optional<Refusal> setSize(ControlRequest request, ProfileId profile) {
        int size = request.inputSize();
        if (!profile.userModeSizes()) {
            if (size != ControlRequest.ULONG_SIZE) {
                return refuse(NtStatus.INVALID_PARAMETER, "InputSize must be sizeof(ULONG) = 4, was " + size);
            }
        } else if (request.option().equals(OptionCode.IPV6_V6ONLY)) {
            if (size == 0) {
                return refuse(NtStatus.BUFFER_TOO_SMALL, "InputSize 0: IPV6_V6ONLY needs at least one byte");
            }
            if (!acceptedUserModeSize(size)) {
                return refuse(NtStatus.INVALID_PARAMETER, "InputSize " + size + " is not 1, 2, 4 or 8");
            }
        } else if (size != 0 && !acceptedUserModeSize(size)) {
            return refuse(NtStatus.INVALID_PARAMETER, "InputSize " + size + " is not 0, 1, 2, 4 or 8");
        }
        if (!(request.input() instanceof ControlInput.Ulong) && size != 0) {
            return refuse(NtStatus.INVALID_PARAMETER, "no input value");
        }
        return Optional.empty();
    }

    private static boolean acceptedUserModeSize(int size) {
        return size == 1 || size == 2 || size == 4 || size == 8;
    }

    private static Optional<Refusal> getSize(ControlRequest request, ProfileId profile) {
        int size = request.outputSize();
        if (!profile.userModeSizes() && size < ControlRequest.ULONG_SIZE) {
            return refuse(NtStatus.BUFFER_TOO_SMALL, "OutputSize must be at least sizeof(ULONG) = 4, was " + size);
        }
        if (profile.userModeSizes() && size == 0) {
            return refuse(NtStatus.BUFFER_TOO_SMALL, "OutputSize 0");
        }
        return Optional.empty();
    }

    /**
     * The value a set of a sharing option or IPV6_V6ONLY reads from its input buffer (SPEC.md 7): the
     * whole ULONG under {@code wsk}; under the user-mode profiles the first min(InputSize, 4) bytes of
     * the little-endian value (0 for InputSize 0), and only the first byte for IPV6_V6ONLY (0x100 sets 0).
     *
     * @param request the set request; a value other than a ULONG reads as 0
     * @param profile the sharing profile
     * @return the value as read
     */
    public static int valueRead(ControlRequest request, ProfileId profile) {
        int value = request.input() instanceof ControlInput.Ulong given ? given.value() : 0;
        if (!profile.userModeSizes()) {
            return value;
        }
        int bytes = request.option().equals(OptionCode.IPV6_V6ONLY) ? 1 : Math.min(request.inputSize(), 4);
        return switch (bytes) {
            case 0 -> 0;
            case 1 -> value & 0xFF;
            case 2 -> value & 0xFFFF;
            case 3 -> value & 0xFF_FFFF;
            default -> value;
        };
    }

    /**
     * IoStatus.Information of a successful get of a sharing option or IPV6_V6ONLY (SPEC.md 7).
     *
     * @param request the get request
     * @param profile the sharing profile
     * @return the number of bytes written to the output buffer
     */
    public static int informationOfGet(ControlRequest request, ProfileId profile) {
        if (!profile.userModeSizes()) {
            return ControlRequest.ULONG_SIZE;
        }
        if (request.option().equals(OptionCode.IPV6_V6ONLY)) {
            return 1;
        }
        return request.outputSize() >= ControlRequest.ULONG_SIZE ? ControlRequest.ULONG_SIZE : 1;
    }

    private static Optional<Refusal> refuse(NtStatus status, String reason) {
        return Optional.of(new Refusal(status, reason));
    }
}
