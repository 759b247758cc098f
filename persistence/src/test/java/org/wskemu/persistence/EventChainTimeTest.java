package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The time stamp the digest chain stores and digests is written by hand (issue #15); it must be
 * exactly Axon's {@code DateTimeUtils.formatInstant} text, which the stores already hold.
 */
class EventChainTimeTest {

    @Test
    void theStoredTimeStampIsAxonsTextForEveryInstant() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 999_999_999),
                Instant.ofEpochSecond(-1, 1), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("2026-12-01T06:50:02.120Z"), Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("0999-12-31T23:59:59.999Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-15T12:00:00.5Z"),
                Instant.now());
        for (Instant instant : edges) {
            assertEquals(DateTimeUtils.formatInstant(instant), EventChain.formatInstant(instant), instant.toString());
        }
        Random random = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            // years 1 to about 3000, any nanosecond
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 32_503_680_000L),
                    random.nextInt(1_000_000_000));
            assertEquals(DateTimeUtils.formatInstant(instant), EventChain.formatInstant(instant), instant.toString());
        }
    }
}
