package org.wskemu.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.session.SessionCall;

/**
 * A run of the bench's generated session in a process of its own (issue #15): the parent runs it under
 * a heap limit (does the run fit, and its peak heap), and kills one mid-run to measure the store a
 * crash leaves. Arguments: store directory, seed, calls, batch, profile. Prints {@code started} once
 * the engine is open, and {@code events=N peakHeapBytes=B} when the run ends.
 */
public final class ChildRun {

    private ChildRun() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int calls = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        ProfileId profile = ProfileId.parse(args[4]);
        List<SessionCall> session = SessionGenerator.generate(seed, calls);
        try (BenchStore store = BenchStore.open(directory, profile)) {
            System.out.println("started");
            System.out.flush();
            store.kernel().sessions().run("bench-child", session, batch, r -> { });
            long events = store.kernel().log().head();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("events=" + events + " peakHeapBytes=" + peak);
        }
    }
}
