package org.wskemu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory the bench keeps its stores in while it runs: a fresh subdirectory of the given parent
 * (or of the system's temporary directory), deleted with everything in it when the bench ends. The bench
 * never opens a store it did not create.
 */
final class Scratch implements AutoCloseable {

    private final Path root;
    private int next = 1;

    Scratch(Path parent) {
        try {
            if (parent == null) {
                root = Files.createTempDirectory("wskemu-bench-");
            } else {
                Files.createDirectories(parent);
                root = Files.createTempDirectory(parent, "wskemu-bench-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bench's scratch directory: " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** A path that does not exist yet, for a new store. */
    Path fresh(String name) {
        return root.resolve(name + "-" + next++);
    }

    /** Deletes {@code path} and everything under it; missing is fine. */
    static void delete(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of every file under {@code path}. */
    static long size(Path path) {
        try (var files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        delete(root);
    }
}
