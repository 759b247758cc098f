package org.wskemu.engine.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.AccessCheck;
import org.wskemu.security.AccessCheckResult;
import org.wskemu.security.AccessTrace;

/**
 * The bind decision of SPEC.md 6, as a pure function of the port's live bindings, the request and
 * the profile. It never throws for a well-formed request: a refusal is a decision.
 */
public final class BindArbiter {

    private BindArbiter() {
    }

    /**
     * Decides whether {@code request} may bind given the live bindings of its port.
     *
     * <ol>
     *   <li>An ephemeral request (port 0) was given a port with no binding and never conflicts.</li>
     *   <li>Every live binding overlapping the address is consulted in bind order; the cell is
     *       looked up as first = the existing binding, second = the request.</li>
     *   <li>SUCCESS goes on; INUSE refuses with ADDRESS_ALREADY_EXISTS; DENIED with ACCESS_DENIED;
     *       CHECK runs the access check of the request's context against the existing binding's
     *       descriptor. The first failure decides ([emulator choice] for three or more sockets).</li>
     * </ol>
     */
    public static BindDecision decide(SharingProfile profile, PortBindings live, BindRequest request) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(request, "request");
        if (request.requested().isEphemeralRequest()) {
            // SPEC.md 6.1: the chosen port has no binding of this protocol and family.
            return success(profile, request, List.of(), "ephemeral port " + request.address().port() + " chosen");
        }
        AddressKind secondKind = request.address().kind();
        List<Consultation> consulted = new ArrayList<>();
        for (PortBindings.BindingClass bindingClass : live.overlapping(request.address())) {
            Binding first = bindingClass.first();
            SharingCell cell = profile.cell(first.option(), bindingClass.kind, request.option(), secondKind);
            AccessTrace trace = null;
            NtStatus outcome;
            if (cell == SharingCell.CHECK) {
                // WDK: "the second socket's security context is checked against the first socket's
                // security descriptor".
                AccessCheckResult check = AccessCheck.check(first.descriptor(), request.context(),
                        AddressSharingRights.SHARE_ADDRESS, AddressSharingRights.MAPPING);
                trace = check.trace();
                outcome = check.granted() ? NtStatus.SUCCESS : NtStatus.ACCESS_DENIED;
            } else {
                outcome = cell.status();
            }
            Consultation consultation = new Consultation(first, bindingClass.members.size() - 1,
                    first.option(), bindingClass.kind, request.option(), secondKind, cell, trace, outcome);
            consulted.add(consultation);
            if (!outcome.isSuccess()) {
                return new BindDecision(profile.id(), request.requested(), null, request.option(), outcome,
                        consultation.describeCell() + ": " + request.address() + " is held by socket "
                                + first.label() + " (" + first.address() + ")",
                        consulted);
            }
        }
        return success(profile, request, consulted, consulted.isEmpty()
                ? "no binding overlaps " + request.address()
                : "every overlapping binding allows sharing");
    }

    private static BindDecision success(SharingProfile profile, BindRequest request, List<Consultation> consulted,
                                        String reason) {
        return new BindDecision(profile.id(), request.requested(), request.address(), request.option(),
                NtStatus.SUCCESS, reason, consulted);
    }
}
