package org.wskemu.api.sharing;

import java.util.List;
import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
import org.wskemu.api.TransportAddress;

/**
 * The outcome of the bind decision of SPEC.md 6, with everything needed to explain and re-derive it.
 *
 * @param profile       the profile in force
 * @param requested     the address the socket asked for (port 0 for an ephemeral port)
 * @param actual        the address bound (ephemeral port filled in), or null when refused
 * @param option        the requesting socket's sharing option
 * @param status        SUCCESS or the refusal
 * @param reason        a one-line human reason
 * @param consultations every overlapping binding consulted, in bind order, up to the deciding one; a
 *                      dual-stack bind lists those of the {@code inet} name space, then those of {@code inet6}
 *                      (SPEC.md 6a.1), each naming its name space
 * @param recordedPort  the port the recording's system gave this port-0 bind (SPEC.md 6, rule 1a), or null:
 *                      kept so that the decision can be derived again
 */
public record BindDecision(ProfileId profile, TransportAddress requested, TransportAddress actual,
                           SharingOption option, NtStatus status, String reason,
                           List<Consultation> consultations, Integer recordedPort) {

    /**
     * A decision without a recorded port.
     *
     * @param profile       the profile in force
     * @param requested     the address asked for
     * @param actual        the address bound, or null when refused
     * @param option        the requesting socket's sharing option
     * @param status        SUCCESS or the refusal
     * @param reason        a one-line reason
     * @param consultations the bindings consulted, or null for none
     */
    public BindDecision(ProfileId profile, TransportAddress requested, TransportAddress actual, SharingOption option,
                        NtStatus status, String reason, List<Consultation> consultations) {
        this(profile, requested, actual, option, status, reason, consultations, null);
    }

    /**
     * This decision as made for a port-0 bind that carried {@code recordedPort} (SPEC.md 6, rule 1a).
     *
     * @param recordedPort the recorded port
     * @param note         what became of it, put before the reason
     * @return the decision keeping the recorded port
     */
    public BindDecision withRecordedPort(int recordedPort, String note) {
        return new BindDecision(profile, requested, actual, option, status, note + "; " + reason, consultations, recordedPort);
    }

    /**
     * Checks the parts and copies the consultations.
     *
     * @param profile       the profile in force
     * @param requested     the address asked for
     * @param actual        the address bound, or null when refused
     * @param option        the requesting socket's sharing option
     * @param status        SUCCESS or the refusal
     * @param reason        a one-line reason
     * @param consultations the bindings consulted, or null for none
     * @param recordedPort  the port the recording gave a port-0 bind, or null
     * @throws IllegalArgumentException unless there is an actual address exactly when it succeeds
     */
    public BindDecision {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        consultations = consultations == null ? List.of() : List.copyOf(consultations);
        if (status.isSuccess() != (actual != null)) {
            throw new IllegalArgumentException("a decision has an actual address exactly when it succeeds");
        }
    }

    /** {@return the consultation that refused the bind (the first refusing one), or null when none did} */
    public Consultation deciding() {
        if (status.isSuccess()) {
            return null;
        }
        for (Consultation consultation : consultations) {
            if (!consultation.outcome().isSuccess()) {
                return consultation;
            }
        }
        return null;
    }

    /** {@return every consultation that refused: one per name space at most (SPEC.md 6.3: explain names each)} */
    public List<Consultation> refusing() {
        return consultations.stream().filter(c -> !c.outcome().isSuccess()).toList();
    }
}
