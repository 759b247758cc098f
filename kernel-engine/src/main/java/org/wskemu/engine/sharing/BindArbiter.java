package org.wskemu.engine.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
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
     *   <li>SUCCESS goes on; INUSE refuses with the profile's in-use status (SPEC.md 7); DENIED with
     *       ACCESS_DENIED; CHECK runs the access check of the request's context against the existing
     *       binding's descriptor. The first failure decides ([emulator choice] for three or more sockets).</li>
     *   <li>SPEC.md 6a.3 and 6a.5: on an {@code inet} port, a dual-stack wildcard binding is consulted
     *       only if it was bound with SO_EXCLUSIVEADDRUSE, and then refuses with ACCESS_DENIED whatever
     *       the cell (Wine sock.c test_reuseaddr tests_exclusive, Windows-checked: [::] EXCL then
     *       127.0.0.1 or 0.0.0.0 NONE is WSAEACCES; [::] NONE then 0.0.0.0 EXCL succeeds).</li>
     * </ol>
     *
     * <p>{@code request.address()} is the address in the port's name space; each consultation names it.</p>
     *
     * @param profile the sharing profile deciding the table and the in-use status
     * @param live    the live bindings of the port's name space
     * @param request the bind
     * @return the decision: its status, the actual address on success, and every consultation
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
        AddressFamily nameSpace = request.address().family();
        List<Consultation> consulted = new ArrayList<>();
        for (PortBindings.BindingClass bindingClass : live.overlapping(request.address())) {
            Binding first = bindingClass.first();
            if (nameSpace == AddressFamily.INET && first.dualStackWildcard()) {
                if (first.option() != SharingOption.SO_EXCLUSIVEADDRUSE) {
                    continue; // SPEC.md 6a.3: later inet binds do not see it
                }
                Consultation exclusive = new Consultation(first, bindingClass.members.size() - 1, first.option(),
                        bindingClass.kind, request.option(), secondKind, SharingCell.DENIED, null,
                        NtStatus.ACCESS_DENIED, nameSpace, true);
                consulted.add(exclusive);
                return refused(profile, request, consulted, exclusive, first);
            }
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
                outcome = cell.status(profile.id());
            }
            Consultation consultation = new Consultation(first, bindingClass.members.size() - 1,
                    first.option(), bindingClass.kind, request.option(), secondKind, cell, trace, outcome,
                    nameSpace, false);
            consulted.add(consultation);
            if (!outcome.isSuccess()) {
                return refused(profile, request, consulted, consultation, first);
            }
        }
        return success(profile, request, consulted, consulted.isEmpty()
                ? "no binding overlaps " + request.address()
                : "every overlapping binding allows sharing");
    }

    private static BindDecision refused(SharingProfile profile, BindRequest request, List<Consultation> consulted,
                                        Consultation deciding, Binding first) {
        return new BindDecision(profile.id(), request.requested(), null, request.option(), deciding.outcome(),
                deciding.describeCell() + ": " + request.address() + " is held by socket "
                        + first.label() + (first.run().number() > 0 ? " of run " + first.run().number() : "")
                        + " (" + first.address() + ")",
                consulted);
    }

    private static BindDecision success(SharingProfile profile, BindRequest request, List<Consultation> consulted,
                                        String reason) {
        return new BindDecision(profile.id(), request.requested(), request.address(), request.option(),
                NtStatus.SUCCESS, reason, consulted);
    }
}
