package org.wskemu.engine;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.wskemu.engine.aggregate.KernelAggregates;

/**
 * Which aggregates that create themselves when missing (the machine, ports, ephemeral ranges) are
 * certainly new, so that they are created without a read of the event store (issue #22: the first
 * load of a port met for the first time read the snapshot and event tables, about 12 % of a call).
 *
 * <p>Known only while the store held no event when the engine opened and no other writer has been
 * seen since: then an aggregate is new unless this engine has met it before. What has been met is
 * kept as one bit per hash of the identifier (a fixed 512 KB whatever the store's size): two
 * identifiers sharing a bit only cost the second a read, never a wrong answer. An identifier is marked
 * when first met, before its batch commits, so a batch that rolls back leaves it marked (again only a
 * read). The first append race lost to another writer ends the knowledge for good: from then on every
 * aggregate is looked for first, as Axon does. A wrong guess cannot corrupt the log either way: the
 * new aggregate's first event takes sequence number 0, which the store's unique key refuses when the
 * aggregate exists, and the batch is decided again.
 */
final class NewAggregates implements KernelAggregates.Newness {

    private static final int BITS = 1 << 22;
    private final BitSet met = new BitSet(BITS);
    /** Aggregates being made by the caller {@link #isNew} answered true, not yet locked. */
    private final Set<String> making = new HashSet<>();
    private volatile boolean known;

    /** @param storeWasEmpty whether the store held no event when the engine opened */
    NewAggregates(boolean storeWasEmpty) {
        this.known = storeWasEmpty;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A caller that meets an aggregate another caller (another lane of the engine) is making waits
     * until it is made and locked, then looks for it: so it waits on Axon's lock for that unit of work
     * and sees its events. The maker never waits while making (nothing else can hold the lock of an
     * aggregate no one has met), so this wait cannot deadlock.
     */
    @Override
    public synchronized boolean isNew(String aggregateId) {
        boolean interrupted = false;
        while (making.contains(aggregateId)) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        int bit = (aggregateId.hashCode() * 0x9E3779B9) >>> 10; // the top 22 bits of a mixed hash
        boolean first = !met.get(bit);
        met.set(bit);
        if (known && first) {
            making.add(aggregateId);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void created(String aggregateId) {
        making.remove(aggregateId);
        notifyAll();
    }

    /** Another writer appended to the store: nothing is known to be new any more. */
    void lostRace() {
        known = false;
    }
}
