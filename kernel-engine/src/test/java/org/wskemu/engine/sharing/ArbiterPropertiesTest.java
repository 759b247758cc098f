package org.wskemu.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The arbiter's decision does not depend on the order of bindings that do not concern the request
 * (jqwik): bindings on other specific addresses of the port never overlap a specific request
 * (WDK "Sharing Transport Addresses", last paragraph), so however they are permuted and interleaved
 * with the overlapping ones (whose own order is kept: the first failure decides), the decision is the
 * same, and the same as with none of them.
 */
@Tag("property")
class ArbiterPropertiesTest {

    static final int PORT = 80;
    static final String REQUESTED_HOST = "10.0.0.1";
    static final List<String> OTHER_HOSTS = List.of("10.0.0.2", "10.0.0.3", "127.0.0.1", "192.168.1.10");
    static final Sid FIRST_USER = Sid.parse("S-1-5-21-1-1-1-1001");
    static final List<SecurityDescriptor> DESCRIPTORS = List.of(
            SecurityDescriptor.parse("D:(A;;GA;;;WD)"), SecurityDescriptor.ownerOnly(FIRST_USER),
            SecurityDescriptor.parse("D:NO_ACCESS_CONTROL"), SecurityDescriptor.parse("D:(A;;GW;;;BU)"),
            SecurityDescriptor.parse("D:(D;;GA;;;S-1-5-21-2-2-2-1002)(A;;GA;;;WD)"));
    static final List<Token> CONTEXTS = List.of(Token.of(Sid.parse("S-1-5-21-2-2-2-1002"), Sid.BUILTIN_USERS),
            Token.of(Sid.parse("S-1-5-21-3-3-3-1003")), Token.of(FIRST_USER));

    /** A binding: overlapping the request (wildcard or the requested host) or on another specific host. */
    record Spec(boolean overlapping, boolean wildcard, String otherHost, SharingOption option, int descriptor) {
    }

    @Provide
    Arbitrary<List<Spec>> bindings() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(OTHER_HOSTS), Arbitraries.of(SharingOption.class),
                Arbitraries.integers().between(0, DESCRIPTORS.size() - 1)).as(Spec::new);
        return spec.list().ofMaxSize(10);
    }

    @Property(tries = 2_000)
    void unrelatedBindingsInAnyOrderDoNotChangeTheDecision(
            @ForAll("bindings") List<Spec> specs, @ForAll ProfileId profileId, @ForAll SharingOption option,
            @ForAll("contexts") Token context, @ForAll long shuffle) {
        List<Binding> asGenerated = new ArrayList<>();
        List<Binding> overlapping = new ArrayList<>();
        List<Binding> unrelated = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            String host = !spec.overlapping() ? spec.otherHost() : spec.wildcard() ? "0.0.0.0" : REQUESTED_HOST;
            Binding binding = new Binding(new SocketId(i + 1), "s" + (i + 1), SessionRun.of(1), new ProcessId(4), TransportProtocol.TCP,
                    new TransportAddress(AddressFamily.INET, host, PORT), spec.option(), DESCRIPTORS.get(spec.descriptor()));
            asGenerated.add(binding);
            (spec.overlapping() ? overlapping : unrelated).add(binding);
        }
        // the overlapping bindings keep their order; the unrelated ones are shuffled in anywhere
        Random random = new Random(shuffle);
        List<Binding> shuffledUnrelated = new ArrayList<>(unrelated);
        java.util.Collections.shuffle(shuffledUnrelated, random);
        List<Binding> interleaved = new ArrayList<>(overlapping);
        for (Binding binding : shuffledUnrelated) {
            interleaved.add(random.nextInt(interleaved.size() + 1), binding);
        }
        SharingProfile profile = SharingProfile.of(profileId);
        TransportAddress requested = new TransportAddress(AddressFamily.INET, REQUESTED_HOST, PORT);
        BindRequest request = new BindRequest(new SocketId(1_000), requested, requested, option, context);

        BindDecision alone = BindArbiter.decide(profile, PortBindings.of(overlapping), request);
        BindDecision generated = BindArbiter.decide(profile, PortBindings.of(asGenerated), request);
        BindDecision reordered = BindArbiter.decide(profile, PortBindings.of(interleaved), request);

        assertEquals(alone, generated);
        assertEquals(alone, reordered);
        Statistics.label("status").collect(alone.status());
        Statistics.label("status").coverage(c -> {
            c.check(NtStatus.SUCCESS).percentage(p -> p > 10);
            c.check(NtStatus.ACCESS_DENIED).percentage(p -> p > 5);
            c.check(NtStatus.ADDRESS_ALREADY_EXISTS).percentage(p -> p > 5);
        });
    }

    @Provide
    Arbitrary<Token> contexts() {
        return Arbitraries.of(CONTEXTS);
    }
}
