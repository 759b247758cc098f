package org.wskemu.persistence;

import java.nio.file.Path;

/** Test main for a second JVM: opens the store in {@code args[0]}, says so, holds it until stdin closes. */
public final class HoldStore {

    static final String READY = "store open";

    private HoldStore() {
    }

    public static void main(String[] args) throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.directory(Path.of(args[0])))) {
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin
            }
        }
    }
}
