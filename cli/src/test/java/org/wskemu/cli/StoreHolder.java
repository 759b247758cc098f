package org.wskemu.cli;

import java.nio.file.Path;
import org.wskemu.persistence.H2Store;
import org.wskemu.persistence.StoreLocation;

/** Main of a second JVM: opens the store in {@code args[0]}, says so on stdout, holds it until stdin closes. */
public final class StoreHolder {

    static final String READY = "store open";

    private StoreHolder() {
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
