package org.wskemu.engine.aggregate;

import static org.hamcrest.Matchers.nullValue;
import static org.wskemu.engine.aggregate.EventMatchers.bindRefused;
import static org.wskemu.engine.aggregate.EventMatchers.exactly;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.engine.command.ChooseEphemeralPort;
import org.wskemu.engine.command.EphemeralRangeKey;
import org.wskemu.engine.command.ReserveEphemeralPort;
import org.wskemu.engine.command.TrackEphemeralPort;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;

/** The ephemeral choice of SPEC.md 6.1: the lowest free port of 49152-65535, or TOO_MANY_ADDRESSES. */
class EphemeralRangeAggregateTest {

    static final EphemeralRangeKey RANGE = new EphemeralRangeKey(TransportProtocol.UDP, AddressFamily.INET6);
    static final TransportAddress ANY_PORT = TransportAddress.parse("[::]:0");
    static final Binding CANDIDATE = new Binding(new SocketId(7), "u", SessionRun.of(2), new ProcessId(700), TransportProtocol.UDP,
            ANY_PORT, SharingOption.SO_REUSEADDR, SecurityDescriptor.ownerOnly(Sid.LOCAL_SYSTEM));
    static final ChooseEphemeralPort CHOOSE = new ChooseEphemeralPort(RANGE, CANDIDATE, ANY_PORT, ProfileId.WSK);

    private AggregateTestFixture<EphemeralRangeAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EphemeralRangeAggregate.class);
        fixture.registerCommandTargetResolver(new KernelCommandTargetResolver());
    }

    static PortKey port(int number) {
        return new PortKey(TransportProtocol.UDP, AddressFamily.INET6, number);
    }

    static EphemeralPortTaken taken(int number) {
        return new EphemeralPortTaken(port(number));
    }

    static EphemeralPortFreed freed(int number) {
        return new EphemeralPortFreed(port(number));
    }

    @Nested
    class Choosing {

        @Test
        void aFreshRangeGivesItsFirstPort() {
            // the choice records nothing, so there is no stored state for the fixture to compare with
            fixture.setReportIllegalStateChange(false);
            fixture.givenNoPriorActivity()
                    .when(CHOOSE)
                    .expectNoEvents()
                    .expectResultMessagePayload(49152);
        }

        @Test
        void theLowestFreePortIsChosenSkippingTakenOnes() {
            fixture.given(taken(49152), taken(49153), taken(49155), taken(49160))
                    .when(CHOOSE)
                    .expectNoEvents()
                    .expectResultMessagePayload(49154);
        }

        @Test
        void aFreedPortIsFreeAgain() {
            fixture.given(taken(49152), taken(49153), freed(49152))
                    .when(CHOOSE)
                    .expectResultMessagePayload(49152);
        }

        @Test
        void aPortStaysTakenWhileAnyOfItsBindingsLives() {
            fixture.given(taken(49152), taken(49152), freed(49152))
                    .when(CHOOSE)
                    .expectResultMessagePayload(49153);
        }

        @Test
        void whenEveryPortIsTakenTheBindIsRefusedWithTooManyAddresses() {
            fixture.given(everyPortTaken())
                    .when(CHOOSE)
                    .expectEventsMatching(exactly(bindRefused(new BindRefused(CANDIDATE.socket(), "u", SessionRun.of(2),
                            new ProcessId(700), new BindDecision(ProfileId.WSK, ANY_PORT, null,
                            SharingOption.SO_REUSEADDR, NtStatus.TOO_MANY_ADDRESSES, "any", List.of())))))
                    .expectResultMessagePayloadMatching(nullValue());
        }

        @Test
        void whenOnlyTheLastPortIsFreeItIsChosen() {
            List<Object> history = everyPortTaken();
            history.add(freed(65535));
            fixture.given(history)
                    .when(CHOOSE)
                    .expectNoEvents()
                    .expectResultMessagePayload(65535);
        }

        private List<Object> everyPortTaken() {
            List<Object> history = new ArrayList<>(16384 + 1);
            for (int p = 49152; p <= 65535; p++) {
                history.add(taken(p));
            }
            return history;
        }
    }

    @Nested
    class Tracking {

        @Test
        void aBindingBeginningIsCounted() {
            fixture.givenNoPriorActivity()
                    .when(new TrackEphemeralPort(RANGE, port(50000), true))
                    .expectEvents(taken(50000));
        }

        @Test
        void aBindingEndingIsCounted() {
            fixture.given(taken(50000))
                    .when(new TrackEphemeralPort(RANGE, port(50000), false))
                    .expectEvents(freed(50000));
        }

        @Test
        void reservingTheRangeRecordsNothing() {
            fixture.given(taken(50000))
                    .when(new ReserveEphemeralPort(RANGE, 50001))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
