package org.wskemu.engine.aggregate;

import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.sharing.BindDecision;

/** Matchers for the fixture's expectations where a human reason text is not part of the contract. */
final class EventMatchers {

    private EventMatchers() {
    }

    /** Exactly these payloads, in this order, and nothing more. */
    @SafeVarargs
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Matcher<List<EventMessage<?>>> exactly(Matcher<?>... payloads) {
        Matcher[] all = new Matcher[payloads.length + 1];
        System.arraycopy(payloads, 0, all, 0, payloads.length);
        all[payloads.length] = Matchers.andNoMore();
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(all));
    }

    /** A payload of {@code type} for which {@code test} holds. */
    static <T> Matcher<Object> payload(Class<T> type, String description, Predicate<T> test) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return type.isInstance(item) && test.test(type.cast(item));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(type.getSimpleName() + " " + description);
            }
        };
    }

    /** A BindRefused equal to {@code expected} in everything but the decision's human reason. */
    static Matcher<Object> bindRefused(BindRefused expected) {
        return payload(BindRefused.class, "equal to " + expected + " but for the reason",
                actual -> withoutReason(actual).equals(withoutReason(expected)));
    }

    private static BindRefused withoutReason(BindRefused e) {
        BindDecision d = e.decision();
        return new BindRefused(e.socket(), e.label(), e.run(), e.process(), new BindDecision(d.profile(), d.requested(),
                d.actual(), d.option(), d.status(), "", d.consultations()));
    }
}
