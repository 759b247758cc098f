package org.wskemu.engine;

import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** Terse builders of session calls for tests. */
final class Sessions {

    private Sessions() {
    }

    static SessionCall process(long pid, String user, String... groups) {
        Sid[] sids = new Sid[groups.length];
        for (int i = 0; i < groups.length; i++) {
            sids[i] = Sid.parse(groups[i]);
        }
        return new SessionCall.DeclareProcess(0, new ProcessId(pid), Token.of(Sid.parse(user), sids), null);
    }

    static SessionCall socket(String label, String category, long pid, String sddl, String expect) {
        SocketRequest request = new SocketRequest(SocketCategory.parse(category),
                category.equals("datagram") ? AddressFamily.INET : AddressFamily.INET, new ProcessId(pid), null, null,
                sddl == null ? null : SecurityDescriptor.parse(sddl), label);
        return new SessionCall.CreateSocket(0, request, true, status(expect));
    }

    static SessionCall socket6(String label, String category, long pid) {
        SocketRequest request = new SocketRequest(SocketCategory.parse(category), AddressFamily.INET6,
                new ProcessId(pid), null, null, null, label);
        return new SessionCall.CreateSocket(0, request, true, null);
    }

    static SessionCall set(String label, String option, int value, String expect) {
        return new SessionCall.Control(0, label, ControlRequest.set(OptionCode.parse(option), value), true,
                status(expect), null, null);
    }

    static SessionCall setSd(String label, String sddl, String expect) {
        return new SessionCall.Control(0, label, ControlRequest.setSecurity(SecurityDescriptor.parse(sddl)), true,
                status(expect), null, null);
    }

    static SessionCall get(String label, String option, String expect, Integer expectValue) {
        return new SessionCall.Control(0, label, ControlRequest.get(OptionCode.parse(option)), true, status(expect),
                expectValue, null);
    }

    static SessionCall bind(String label, String address, String expect) {
        return new SessionCall.Bind(0, label, TransportAddress.parse(address), true, status(expect));
    }

    static SessionCall close(String label, String expect) {
        return new SessionCall.Close(0, label, true, status(expect));
    }

    static SessionCall thread(long tid, long pid, String impersonatedUser) {
        return new SessionCall.DeclareThread(0, new ThreadId(tid), new ProcessId(pid),
                impersonatedUser == null ? null : Token.of(Sid.parse(impersonatedUser)), null);
    }

    /** A socket of {@code category} and {@code family} created by {@code pid}, owned as given (null: not given). */
    static SessionCall socketOwned(String label, String category, String family, long pid, Long owningPid,
                                   Long owningTid, String sddl, String expect) {
        SocketRequest request = new SocketRequest(SocketCategory.parse(category), AddressFamily.parse(family),
                new ProcessId(pid), owningPid == null ? null : new ProcessId(owningPid),
                owningTid == null ? null : new ThreadId(owningTid),
                sddl == null ? null : SecurityDescriptor.parse(sddl), label);
        return new SessionCall.CreateSocket(0, request, true, status(expect));
    }

    /** WskControlSocket with any request, e.g. a wrong level or size. */
    static SessionCall control(String label, ControlRequest request, String expect) {
        return new SessionCall.Control(0, label, request, true, status(expect), null, null);
    }

    static SessionCall bindWithoutIrp(String label, String address, String expect) {
        return new SessionCall.Bind(0, label, TransportAddress.parse(address), false, status(expect));
    }

    private static ExpectedStatus status(String expect) {
        return expect == null ? null : ExpectedStatus.parse(expect);
    }
}
