package org.wskemu.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.session.SessionStream;

/**
 * A run of the bench's generated session in a process of its own (issue #15): the parent runs it under
 * a heap limit (does the run fit, and its peak heap), and kills one mid-run to measure the store a
 * crash leaves. Arguments: store directory, seed, calls, batch, profile, and the session file the
 * parent wrote ({@link SessionGenerator#write}). The run takes the path {@code wskemu run} takes: the
 * file checked in a first streaming pass ({@link SessionStream}), then run call by call, the reports
 * not kept. Prints {@code started} once the engine is open, and
 * {@code calls=C events=N peakHeapBytes=B liveHeapBytes=L} when the run ends (the peak counts garbage
 * not yet collected; the live figure is taken after a full collection).
 */
public final class ChildRun {

    private ChildRun() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int calls = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        ProfileId profile = ProfileId.parse(args[4]);
        Path file = Path.of(args[5]);
        try (SessionStream session = SessionStream.check(file)) {
            if (!session.isValid() || session.size() != calls) {
                throw new IllegalStateException("the generated session does not check: " + session.faults());
            }
            try (BenchStore store = BenchStore.open(directory, profile)) {
                System.out.println("started");
                System.out.flush();
                SessionRunner.Result summary = store.kernel().sessions().run(SessionRunner.Run.of(session)
                        .withBatchSize(batch));
                long events = store.kernel().log().head();
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                // what the run still holds at its end (the engine, the store's caches), garbage collected
                System.gc();
                long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.println("calls=" + summary.calls() + " events=" + events + " peakHeapBytes=" + peak
                        + " liveHeapBytes=" + live);
            }
        }
    }
}
