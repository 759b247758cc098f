package org.wskemu.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A store's first open and its schema upgrades, done so that they either complete or leave the store
 * exactly as it was (issue #17): a process killed at any moment of Flyway's migration leaves no
 * half-made schema behind (H2 runs DDL outside transactions, so a migration killed half-way cannot be
 * rolled back in place).
 *
 * <ul>
 *   <li><b>First open</b>: the database is made and migrated in a work directory inside the store
 *       directory ({@code .wskemu-open-PID-RANDOM}), shut down, forced to disk, and then linked to its
 *       name ({@code wskemu.mv.db}) in one step: a hard link, which fails rather than replace a store
 *       another process made meanwhile (then that one is opened). Killed before the link, the store
 *       has no database file (it does not exist yet); after it, it is complete.</li>
 *   <li><b>Upgrade</b> (a store whose schema is older than this build's): the file is locked as H2
 *       locks it (no other process can open it meanwhile), copied through the lock into a work
 *       directory, the copy migrated, shut down, forced to disk and renamed over the original
 *       ({@code ATOMIC_MOVE}): a reader sees the old file or the upgraded one. Killed before the
 *       rename, the original is untouched, byte for byte; a migration that fails leaves it so too.</li>
 * </ul>
 *
 * A work directory left by a killed process (its PID no longer alive) is removed at the next open.
 * The cost is one copy of the file per upgrade, once per release, and one extra open and close of a
 * new, empty database at a store's first open.
 */
final class AtomicMigration {

    /** Work directories: this prefix, the PID of the process that made it, a random part. */
    static final String WORK_PREFIX = ".wskemu-open-";

    /** Opens (and migrates) the database in a directory, then closes it; H2Store's own open. */
    interface Migrator {
        void migrate(Path directory);
    }

    private AtomicMigration() {
    }

    /**
     * Makes the store's database in a work directory and links it into {@code directory}. When another
     * process linked its own first, that one is kept and this one dropped.
     */
    static void create(StoreLocation location, Path directory, Migrator migrator) {
        Path work = workDirectory(location, directory);
        try {
            migrator.migrate(work);
            Path made = work.resolve(H2Store.DATABASE_FILE);
            force(made);
            try {
                Files.createLink(directory.resolve(H2Store.DATABASE_FILE), made);
            } catch (FileAlreadyExistsException e) {
                return; // another process made the store meanwhile: it is opened as any existing store
            } catch (UnsupportedOperationException | IOException e) {
                // a file system without hard links: rename, which replaces only if one appeared meanwhile
                if (Files.exists(directory.resolve(H2Store.DATABASE_FILE))) {
                    return;
                }
                Files.move(made, directory.resolve(H2Store.DATABASE_FILE), StandardCopyOption.ATOMIC_MOVE);
            }
            forceDirectory(directory);
        } catch (IOException e) {
            throw StoreFailure.uncreatable(location, H2Store.reason(e), e);
        } finally {
            delete(work);
        }
    }

    /**
     * Migrates a copy of the store's database and renames it over the original; the original is locked
     * meanwhile (another process opening it is refused as "in use"), and left untouched on any failure.
     */
    static void upgrade(StoreLocation location, Path directory, Migrator migrator) {
        Path original = directory.resolve(H2Store.DATABASE_FILE);
        Path work = workDirectory(location, directory);
        try (FileChannel channel = FileChannel.open(original, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw StoreFailure.inUse(location, null);
            }
            // copied through the locked channel: closing another descriptor of the file would drop the lock
            Path copy = work.resolve(H2Store.DATABASE_FILE);
            try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long size = channel.size();
                for (long at = 0; at < size; ) {
                    at += channel.transferTo(at, size - at, out);
                }
                out.force(true);
            }
            migrator.migrate(work);
            force(copy);
            Files.move(copy, original, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
        } catch (IOException e) {
            throw StoreFailure.notUpgraded(location, H2Store.reason(e), e);
        } finally {
            delete(work);
        }
    }

    private static Path workDirectory(StoreLocation location, Path directory) {
        Path work = directory.resolve(WORK_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(work);
            }
            return work;
        } catch (IOException e) {
            throw StoreFailure.unwritable(location, H2Store.reason(e), e);
        }
    }

    /** Work directories whose process is gone (killed during an open): removed. */
    static void removeAbandonedWork(Path directory) {
        try (DirectoryStream<Path> works = Files.newDirectoryStream(directory, WORK_PREFIX + "*")) {
            for (Path work : works) {
                String rest = work.getFileName().toString().substring(WORK_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another process is opening the store right now
                }
                if (pid != ProcessHandle.current().pid()) {
                    delete(work);
                }
            }
        } catch (IOException e) {
            // nothing to tidy, or not allowed to: the open goes on and says what fails
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** The directory's entry to disk (a rename or link is in the directory), where the platform allows it. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform opens a directory: the entry reaches the disk with the file system's next sync
        }
    }

    private static void delete(Path work) {
        if (!Files.exists(work)) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            // left for the next open to remove
        }
    }

    /** The work directories now in {@code directory} (tests). */
    static List<Path> workDirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(WORK_PREFIX)).toList();
        }
    }
}
