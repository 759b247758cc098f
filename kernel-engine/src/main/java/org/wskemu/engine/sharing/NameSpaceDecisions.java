package org.wskemu.engine.sharing;

import java.util.ArrayList;
import java.util.List;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;

/**
 * One bind decision from the decisions of each name space it is decided in (SPEC.md 6a.1): a
 * dual-stack wildcard bind is decided in {@code inet} as {@code 0.0.0.0:P} and in {@code inet6} as
 * {@code [::]:P}, and is bound only if both allow it. The engine and {@code verify} both combine
 * through here, so they cannot differ.
 */
public final class NameSpaceDecisions {

    private NameSpaceDecisions() {
    }

    /**
     * Combines {@code perNameSpace} (in the fixed order {@code inet}, then {@code inet6}) into the
     * bind's decision: the first refusal in that order is its status ([emulator choice]: Microsoft
     * says only that both checks "must succeed"; the order is the lock order of ARCHITECTURE.md), its
     * consultations are those of every name space in order, and a success holds {@code shown} (the
     * address as the socket sees it: {@code [::]:P}, {@code [::ffff:a.b.c.d]:P}).
     *
     * @param perNameSpace one decision per name space, {@code inet} first; at least one
     * @param shown        the address as the socket sees it
     * @return the bind's decision
     */
    public static BindDecision combine(List<BindDecision> perNameSpace, TransportAddress shown) {
        BindDecision first = perNameSpace.get(0);
        BindDecision refusing = perNameSpace.stream().filter(d -> !d.status().isSuccess()).findFirst().orElse(null);
        List<Consultation> consultations = new ArrayList<>();
        perNameSpace.forEach(d -> consultations.addAll(d.consultations()));
        String reason;
        if (perNameSpace.size() == 1) {
            reason = first.reason();
        } else {
            List<String> parts = new ArrayList<>();
            for (BindDecision d : perNameSpace) {
                parts.add(nameSpaceOf(d) + ": " + d.reason());
            }
            reason = String.join("; ", parts);
        }
        if (refusing != null) {
            return new BindDecision(first.profile(), first.requested(), null, first.option(), refusing.status(),
                    reason, consultations);
        }
        return new BindDecision(first.profile(), first.requested(), shown, first.option(), first.status(), reason,
                consultations);
    }

    private static String nameSpaceOf(BindDecision decision) {
        if (decision.actual() != null) {
            return decision.actual().family().label();
        }
        return decision.consultations().isEmpty() ? "?" : decision.consultations().get(0).nameSpace().label();
    }

    /**
     * The address a bind is decided on in {@code nameSpace}: the request as that name space holds it.
     *
     * @param requested the address the socket asked for
     * @param nameSpace the name space
     * @return the IPv4 form of a mapped address; an {@code inet6} request in {@code inet} as {@code 0.0.0.0} on its
     *         port (a dual-stack wildcard); else the request
     */
    public static TransportAddress inNameSpace(TransportAddress requested, AddressFamily nameSpace) {
        if (requested.isIpv4Mapped()) {
            return requested.ipv4();
        }
        if (nameSpace == AddressFamily.INET && requested.family() == AddressFamily.INET6) {
            return TransportAddress.wildcard(AddressFamily.INET, requested.port());
        }
        return requested;
    }
}
