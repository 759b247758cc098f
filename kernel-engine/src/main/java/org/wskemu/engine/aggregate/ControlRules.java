package org.wskemu.engine.aggregate;

import java.util.Optional;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionLevel;

/**
 * The checks of WskControlSocket that need no socket state and so are made at once (SPEC.md 5):
 * a known option must be at SOL_SOCKET; a set of a sharing option takes InputSize sizeof(ULONG);
 * a get of one needs OutputSize of at least sizeof(ULONG); SO_WSK_SECURITY needs a descriptor to set.
 */
public final class ControlRules {

    /** A refusal made at once. */
    public record Refusal(NtStatus status, String reason) {
    }

    private ControlRules() {
    }

    /** The refusal of {@code request} that needs no socket state, if any. Unknown options pass: the socket answers NOT_SUPPORTED. */
    public static Optional<Refusal> immediate(ControlRequest request) {
        if (!request.option().isKnown()) {
            return Optional.empty();
        }
        if (!request.level().equals(OptionLevel.SOL_SOCKET)) {
            return refuse(NtStatus.INVALID_PARAMETER, request.option() + " is a SOL_SOCKET option, level was " + request.level());
        }
        if (request.option().isSharingOption()) {
            if (request.type() == ControlType.SET && request.inputSize() != ControlRequest.ULONG_SIZE) {
                return refuse(NtStatus.INVALID_PARAMETER, "InputSize must be sizeof(ULONG) = 4, was " + request.inputSize());
            }
            if (request.type() == ControlType.SET && request.value() == null) {
                return refuse(NtStatus.INVALID_PARAMETER, "no input value");
            }
            if (request.type() == ControlType.GET && request.outputSize() < ControlRequest.ULONG_SIZE) {
                return refuse(NtStatus.BUFFER_TOO_SMALL, "OutputSize must be at least sizeof(ULONG) = 4, was " + request.outputSize());
            }
        } else if (request.type() == ControlType.SET && request.descriptor() == null) {
            return refuse(NtStatus.INVALID_PARAMETER, "SO_WSK_SECURITY set without a security descriptor");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(NtStatus status, String reason) {
        return Optional.of(new Refusal(status, reason));
    }
}
