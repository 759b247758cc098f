package org.wskemu.persistence;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Test main for a child JVM (AtomicOpenIT): prints {@link #OPENING}, opens the store in {@code args[0]}
 * with the migration locations that follow (this build's when none), prints {@link #OPENED}, closes it.
 */
public final class OpenStore {

    static final String OPENING = "opening";
    static final String OPENED = "opened";

    private OpenStore() {
    }

    public static void main(String[] args) {
        List<String> locations = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of(H2Store.MIGRATIONS);
        System.out.println(OPENING);
        System.out.flush();
        try (H2Store store = H2Store.open(StoreLocation.directory(Path.of(args[0])), locations)) {
            System.out.println(OPENED);
            System.out.flush();
        }
    }
}
