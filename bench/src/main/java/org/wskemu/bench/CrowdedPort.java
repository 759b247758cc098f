package org.wskemu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.sharing.BindArbiter;
import org.wskemu.engine.sharing.BindRequest;
import org.wskemu.engine.sharing.PortBindings;
import org.wskemu.engine.sharing.SharingProfile;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The cost of one bind decision on a crowded port: the pure arbiter ({@link BindArbiter#decide}) on a
 * prebuilt {@link PortBindings} of n live SO_REUSEADDR bindings on one port, wildcard and specific, with a
 * few distinct descriptors (granting and refusing), asked in turn by four requests that succeed, go
 * through the access check, and are refused.
 */
final class CrowdedPort {

    static final int PORT = 8080;
    private static final String[] HOSTS = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
    private static final SecurityDescriptor[] DESCRIPTORS = {
            SecurityDescriptor.parse(SessionGenerator.GRANT_EVERYONE),
            SecurityDescriptor.parse(SessionGenerator.GRANT_USERS),
            SecurityDescriptor.parse(SessionGenerator.SYSTEM_ONLY),
    };

    private final SharingProfile profile;
    private final PortBindings live;
    private final List<BindRequest> requests;

    CrowdedPort(ProfileId profileId, int bindings, long seed) {
        this.profile = SharingProfile.of(profileId);
        SplittableRandom random = new SplittableRandom(seed);
        List<Binding> list = new ArrayList<>(bindings);
        for (int i = 1; i <= bindings; i++) {
            TransportAddress address = random.nextInt(3) == 0 ? TransportAddress.wildcard(AddressFamily.INET, PORT)
                    : new TransportAddress(AddressFamily.INET, HOSTS[random.nextInt(HOSTS.length)], PORT);
            list.add(new Binding(new SocketId(i), "b" + i, SessionRun.of(1), new ProcessId(4), TransportProtocol.TCP, address,
                    SharingOption.SO_REUSEADDR, DESCRIPTORS[random.nextInt(DESCRIPTORS.length)]));
        }
        this.live = PortBindings.of(list);
        Token user = Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.BUILTIN_USERS);
        SocketId asking = new SocketId(bindings + 1L);
        this.requests = List.of(
                request(asking, new TransportAddress(AddressFamily.INET, "10.0.0.1", PORT), SharingOption.SO_REUSEADDR, user),
                request(asking, TransportAddress.wildcard(AddressFamily.INET, PORT), SharingOption.SO_REUSEADDR, user),
                request(asking, new TransportAddress(AddressFamily.INET, "10.0.0.9", PORT), SharingOption.NONE, user),
                request(asking, new TransportAddress(AddressFamily.INET, "10.0.0.2", PORT),
                        SharingOption.SO_EXCLUSIVEADDRUSE, user));
    }

    private static BindRequest request(SocketId socket, TransportAddress address, SharingOption option, Token context) {
        return new BindRequest(socket, address, address, option, context);
    }

    int size() {
        return live.size();
    }

    /**
     * Makes {@code repeats} decisions (the four requests in turn).
     *
     * @return the nanoseconds per decision
     */
    double measure(int repeats, long[] sink) {
        long start = System.nanoTime();
        long acc = 0;
        for (int i = 0; i < repeats; i++) {
            BindDecision decision = BindArbiter.decide(profile, live, requests.get(i & 3));
            acc += decision.status().ordinal() + decision.consultations().size();
        }
        long nanos = System.nanoTime() - start;
        sink[0] += acc;
        return (double) nanos / repeats;
    }
}
