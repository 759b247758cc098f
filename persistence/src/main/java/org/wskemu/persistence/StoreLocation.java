package org.wskemu.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a store lives: an H2 file database in a directory, or an in-memory database that lives as
 * long as the {@link H2Store} that opened it.
 */
public sealed interface StoreLocation permits StoreLocation.Directory, StoreLocation.Memory {

    /** The text {@link #parse(String)} reads as {@link #memory()}. */
    String MEMORY = "mem";

    /**
     * @param directory the store directory (created on open if missing); never null
     * @return a file store location with the path made absolute and normalised
     */
    static StoreLocation directory(Path directory) {
        return new Directory(directory);
    }

    /** @return an in-memory location; every open of it gets a fresh, uniquely named database */
    static StoreLocation memory() {
        return new Memory();
    }

    /**
     * Reads a location as a user typed it.
     *
     * @param text exactly {@code mem} for memory, otherwise a directory path (use {@code ./mem}
     *             for a directory named "mem"); never null
     * @return the location
     * @throws IllegalArgumentException if the text is blank or not a valid path
     */
    static StoreLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a store location must be 'mem' or a directory path");
        }
        return MEMORY.equals(text) ? memory() : directory(Path.of(text));
    }

    /** An H2 file store: the database is {@code <path>/wskemu.mv.db}. */
    record Directory(Path path) implements StoreLocation {
        /**
         * Makes the path absolute and normal.
         *
         * @param path the directory
         */
        public Directory {
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        }

        /**
         * @return the database file of the store, {@code <path>/wskemu.mv.db}: the store exists when
         *     this file does (a command that only reads refuses a store without it)
         */
        public Path databaseFile() {
            return path.resolve(H2Store.DATABASE_FILE);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An in-memory store. */
    record Memory() implements StoreLocation {
        @Override
        public String toString() {
            return MEMORY;
        }
    }
}
