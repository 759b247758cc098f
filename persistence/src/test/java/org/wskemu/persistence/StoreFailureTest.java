package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store's failure vocabulary: each kind's reason and its one line, as every class now builds them. */
class StoreFailureTest {

    private static final String STORE = "/tmp/s";

    private static void is(StoreException failure, StoreException.Reason reason, String text) {
        assertEquals(reason, failure.reason());
        assertEquals(text, failure.getMessage());
    }

    @Test
    void eachKindHasItsReasonAndItsLine() {
        IllegalStateException cause = new IllegalStateException("x");
        StoreException damaged = StoreFailure.damaged(STORE, "wskemu.mv.db is empty", cause);
        is(damaged, StoreException.Reason.DAMAGED, "store /tmp/s is damaged: wskemu.mv.db is empty");
        assertSame(cause, damaged.getCause());
        assertEquals("store /tmp/s is damaged: a", StoreFailure.damagedText(STORE, "a"));
        is(StoreFailure.refused(STORE, "it holds code"), StoreException.Reason.DAMAGED,
                "store /tmp/s is refused: it holds code");
        is(StoreFailure.inUse(STORE, cause), StoreException.Reason.IN_USE, "store /tmp/s is in use by another process");
        is(StoreFailure.newer(STORE, "9", "3"), StoreException.Reason.NEWER_VERSION,
                "store /tmp/s was written by a newer wskemu (schema version 9, this build knows up to 3)");
        is(StoreFailure.unreadable(STORE, "why", cause), StoreException.Reason.FAILED, "store /tmp/s cannot be read: why");
        is(StoreFailure.unwritable(STORE, "wskemu.mv.db is read-only", null), StoreException.Reason.NOT_WRITABLE,
                "store /tmp/s cannot be written: wskemu.mv.db is read-only");
        StoreException missing = StoreFailure.missing(STORE);
        is(missing, StoreException.Reason.MISSING, "store /tmp/s does not exist");
        assertNull(missing.getCause());
    }

    @Test
    void theOpeningCopyingAndLoadingKindsHaveTheirReasonAndTheirLine() {
        IllegalStateException cause = new IllegalStateException("x");
        StoreException.Reason failed = StoreException.Reason.FAILED;
        StoreException.Reason unwritable = StoreException.Reason.NOT_WRITABLE;
        is(StoreFailure.missing(STORE, "the database holds no wskemu tables"), StoreException.Reason.MISSING,
                "store /tmp/s does not exist (the database holds no wskemu tables); only 'wskemu run' creates a store");
        is(StoreFailure.unwritable(STORE, ""), unwritable, "store /tmp/s cannot be written");
        is(StoreFailure.unwritable(STORE, ": the file system is read-only"), unwritable,
                "store /tmp/s cannot be written: the file system is read-only");
        is(StoreFailure.machineFault(STORE, "no space left on the device", cause), unwritable,
                "store /tmp/s cannot be written: no space left on the device; a fault of the machine, not of the store's "
                        + "contents: what was reported committed is kept");
        is(StoreFailure.uncreatable(STORE, "why", cause), unwritable, "store /tmp/s cannot be created: why");
        is(StoreFailure.notOwnerOnly(STORE, "why", cause), unwritable, "store /tmp/s cannot be made owner-only: why");
        is(StoreFailure.notUpgraded(STORE, "why", cause), unwritable,
                "store /tmp/s cannot be upgraded (it was left as it was): why");
        is(StoreFailure.notADirectory(STORE), StoreException.Reason.NOT_A_DIRECTORY, "store /tmp/s is not a directory");
        is(StoreFailure.alreadyOpen(STORE), StoreException.Reason.IN_USE, "store /tmp/s is already open in this process");
        is(StoreFailure.unresolvable(STORE, "why", cause), failed, "store /tmp/s cannot be resolved: why");
        is(StoreFailure.unopenablePath(STORE, "a ';' in its path, which H2 cannot open"), failed,
                "store /tmp/s has a ';' in its path, which H2 cannot open");
        is(StoreFailure.unopenable(STORE, "why", cause), failed, "store /tmp/s could not be opened: why");
        is(StoreFailure.unreachable(STORE, "why", cause), failed, "store /tmp/s cannot be reached: why");
        is(StoreFailure.noDatabase(STORE, "why", cause), StoreException.Reason.MISSING,
                "store /tmp/s cannot be opened: why (wskemu creates tables, not databases: CREATE DATABASE first)");
        is(StoreFailure.connectionLost(STORE, "why", cause), failed, "store /tmp/s lost its connection to the server: why "
                + "(what was reported committed is kept; run the rest again)");
        is(StoreFailure.notShutDown("why", cause), failed, "store could not be shut down: why");
        is(StoreFailure.halfMade("store /tmp/s was left half-made; fix", cause), failed,
                "store /tmp/s was left half-made; fix");
        is(StoreFailure.notEmpty(STORE), failed,
                "store /tmp/s already holds events: copy writes only into a new or empty store");
        is(StoreFailure.notCopied(STORE, "/tmp/t", "why", cause), failed, "copying from /tmp/s to /tmp/t failed: why");
        is(StoreFailure.notExported(STORE, "why", cause), failed, "store /tmp/s could not be exported: why");
        is(StoreFailure.damagedExport("/tmp/e.jsonl", 7, "its digest fails"), StoreException.Reason.DAMAGED,
                "export /tmp/e.jsonl is damaged at line 7: its digest fails; nothing was written");
        is(StoreFailure.newerExport("/tmp/e.jsonl", 2, 1), StoreException.Reason.NEWER_VERSION,
                "export /tmp/e.jsonl was written by a newer wskemu (format version 2, this build reads 1)");
        is(StoreFailure.exportUnreadable("/tmp/e.jsonl", "why", cause), failed, "export /tmp/e.jsonl cannot be read: why");
        is(StoreFailure.notLoaded("/tmp/e.jsonl", STORE, "why", cause), failed,
                "loading /tmp/e.jsonl into /tmp/s failed: why");
        is(StoreFailure.loadFailed("why", cause), failed, "loading failed: why");
    }

    @Test
    void noClassOfThePersistenceModuleBuildsItsOwnFailure() throws Exception {
        Path sources = Path.of("src/main/java/org/wskemu/persistence");
        try (Stream<Path> files = Files.list(sources)) {
            List<String> builders = files
                    .filter(f -> !f.getFileName().toString().equals("StoreFailure.java"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("new StoreException(");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of(), builders, "classes building a StoreException outside StoreFailure");
        }
    }
}
