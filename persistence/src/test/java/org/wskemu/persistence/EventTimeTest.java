package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The event log's own reading of Axon's timestamp column agrees with {@link Instant#parse}. */
class EventTimeTest {

    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 20_000; i++) {
            Instant written = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String text = written.toString();
            assertEquals(Instant.parse(text), JdbcEventLog.instant(text), text);
        }
    }

    @Test
    void oddTextIsReadOrRefusedAsInstantParseDoes() {
        for (String odd : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:0a:00Z", "not a time at all....Z",
                "2026-01-01T00:00:00.1234567890Z", "+12026-01-01T00:00:00Z", "2026-01-01T00:00:60Z"}) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (DateTimeException refused) {
                assertThrows(DateTimeException.class, () -> JdbcEventLog.instant(odd), odd);
                continue;
            }
            assertEquals(expected, JdbcEventLog.instant(odd), odd);
        }
    }
}
