package org.wskemu.bench;

import java.nio.file.Path;
import java.util.Objects;
import org.wskemu.api.sharing.ProfileId;

/**
 * What a bench run measures and how big.
 *
 * @param calls          calls of the synthetic session replayed
 * @param seed           the generator's seed
 * @param rounds         rounds of each throughput figure (the median is reported)
 * @param seekEvents     events of the store the seek is measured on (at least)
 * @param seekSamples    random positions sought
 * @param seekBatch      calls per transaction while building the seek store
 * @param portRepeats    bind decisions per round of the crowded-port figure
 * @param startupRuns    processes spawned per start-up figure
 * @param memory         true: every store of the bench is in memory (start-up still needs a directory)
 * @param scratch        where the bench creates its file stores (a fresh subdirectory is made and deleted), or
 *                       null for the system's temporary directory
 * @param profile        the sharing profile the engine decides under
 * @param quick          the tiny sizes of tests
 */
public record BenchOptions(int calls, long seed, int rounds, int seekEvents, int seekSamples, int seekBatch,
                           int portRepeats, int startupRuns, boolean memory, Path scratch, ProfileId profile,
                           boolean quick) {

    public static final int DEFAULT_CALLS = 20_000;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_SEEK_EVENTS = 1_000_000;
    public static final int DEFAULT_SEEK_SAMPLES = 100;
    /**
     * Calls per transaction while building the seek store: the engine's own batch. Larger batches are
     * slower on Axon 4.13 (staging an event in a root unit of work is linear in the events already
     * staged, so a batch is quadratic in its size; BENCHMARKS.md, "Largest costs found").
     */
    public static final int DEFAULT_SEEK_BATCH = 256;
    public static final int DEFAULT_PORT_REPEATS = 200_000;
    public static final int DEFAULT_STARTUP_RUNS = 5;

    public static final int QUICK_CALLS = 300;
    public static final int QUICK_ROUNDS = 2;
    public static final int QUICK_SEEK_EVENTS = 2_000;
    public static final int QUICK_SEEK_SAMPLES = 10;
    public static final int QUICK_PORT_REPEATS = 2_000;
    public static final int QUICK_STARTUP_RUNS = 1;

    public BenchOptions {
        Objects.requireNonNull(profile, "profile");
        positive("calls", calls);
        positive("rounds", rounds);
        positive("seek events", seekEvents);
        positive("seek samples", seekSamples);
        positive("seek batch", seekBatch);
        positive("port repeats", portRepeats);
        positive("start-up runs", startupRuns);
    }

    private static void positive(String what, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }

    /** The default sizes. */
    public static BenchOptions defaults() {
        return new BenchOptions(DEFAULT_CALLS, 1, DEFAULT_ROUNDS, DEFAULT_SEEK_EVENTS, DEFAULT_SEEK_SAMPLES,
                DEFAULT_SEEK_BATCH, DEFAULT_PORT_REPEATS, DEFAULT_STARTUP_RUNS, false, null, ProfileId.WSK, false);
    }

    /** The tiny sizes of {@code --quick}: seconds, for tests; the figures mean little. */
    public static BenchOptions quickDefaults() {
        return new BenchOptions(QUICK_CALLS, 1, QUICK_ROUNDS, QUICK_SEEK_EVENTS, QUICK_SEEK_SAMPLES,
                DEFAULT_SEEK_BATCH, QUICK_PORT_REPEATS, QUICK_STARTUP_RUNS, false, null, ProfileId.WSK, true);
    }

    /** {@code file} or {@code mem}: the kind of store the figures are measured on. */
    public String storeKind() {
        return memory ? "mem" : "file";
    }
}
