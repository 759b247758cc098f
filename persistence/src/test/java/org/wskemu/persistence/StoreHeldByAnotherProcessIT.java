package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store another JVM holds open is refused as in use (a child JVM, {@link HoldStore}, holds it). */
class StoreHeldByAnotherProcessIT {

    @TempDir
    Path temp;

    @Test
    void storeHeldByAnotherProcessIsRefusedAsInUse() throws Exception {
        Path directory = temp.resolve("store");
        H2Store.open(StoreLocation.directory(directory)).close();
        Path log = temp.resolve("holder.log");
        Process holder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true",
                HoldStore.class.getName(), directory.toString())
                .redirectError(log.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals(HoldStore.READY, out.readLine(), () -> "holder did not open the store: " + read(log));

            StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

            assertEquals(StoreException.Reason.IN_USE, refused.reason());
            assertEquals("store " + directory + " is in use by another process", refused.getMessage());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertEquals(0, holder.exitValue(), () -> read(log));
        H2Store.open(StoreLocation.directory(directory)).close();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
