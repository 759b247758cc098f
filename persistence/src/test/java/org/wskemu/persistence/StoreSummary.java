package org.wskemu.persistence;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * Test main for a second JVM: opens an emulator on the store in {@code args[0]} and prints one line
 * {@code events=<n> decisions=<n> ownership=<n> head=<position>}.
 */
public final class StoreSummary {

    static final String PREFIX = "events=";

    private StoreSummary() {
    }

    public static void main(String[] args) {
        try (WskEmulator kernel = WskEmulator.builder()
                .storage(H2Storage.open(StoreLocation.directory(Path.of(args[0])))).build()) {
            System.out.println(line(kernel));
            System.out.flush();
        }
    }

    static String line(WskEmulator kernel) {
        long events;
        try (Stream<LoggedEvent> all = kernel.log().readAfter(0)) {
            events = all.count();
        }
        ReadModelView models = kernel.readModels();
        return PREFIX + events + " decisions=" + models.decisions().size() + " ownership=" + models.ownership().size()
                + " head=" + kernel.log().head();
    }
}
