package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The store's failure vocabulary: each kind's reason and its one line, as every class now builds them. */
class StoreFailureTest {

    private static final String STORE = "/tmp/s";

    private static void is(StoreException failure, StoreException.Reason reason, String text) {
        assertEquals(reason, failure.reason());
        assertEquals(text, failure.getMessage());
    }

    @Test
    void eachKindHasItsReasonAndItsLine() {
        IllegalStateException cause = new IllegalStateException("x");
        StoreException damaged = StoreFailure.damaged(STORE, "wskemu.mv.db is empty", cause);
        is(damaged, StoreException.Reason.DAMAGED, "store /tmp/s is damaged: wskemu.mv.db is empty");
        assertSame(cause, damaged.getCause());
        assertEquals("store /tmp/s is damaged: a", StoreFailure.damagedText(STORE, "a"));
        is(StoreFailure.refused(STORE, "it holds code"), StoreException.Reason.DAMAGED,
                "store /tmp/s is refused: it holds code");
        is(StoreFailure.inUse(STORE, cause), StoreException.Reason.IN_USE, "store /tmp/s is in use by another process");
        is(StoreFailure.newer(STORE, "9", "3"), StoreException.Reason.NEWER_VERSION,
                "store /tmp/s was written by a newer wskemu (schema version 9, this build knows up to 3)");
        is(StoreFailure.unreadable(STORE, "why", cause), StoreException.Reason.FAILED, "store /tmp/s cannot be read: why");
        is(StoreFailure.unwritable(STORE, "wskemu.mv.db is read-only", null), StoreException.Reason.NOT_WRITABLE,
                "store /tmp/s cannot be written: wskemu.mv.db is read-only");
        StoreException missing = StoreFailure.missing(STORE);
        is(missing, StoreException.Reason.MISSING, "store /tmp/s does not exist");
        assertNull(missing.getCause());
    }
}
