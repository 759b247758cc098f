package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    /** The fast path that skips Flyway on a current store trusts this constant: it must follow the files. */
    /** One constant serves both vendors (PostgresStore's fast path uses it too): their files must keep step. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"wskemu", "wskemu-postgresql"})
    void schemaVersionIsTheHighestShippedMigration(String vendor) throws IOException {
        Path migrations = Path.of("src", "main", "resources", "db", "migration", vendor);
        int highest;
        try (Stream<Path> files = Files.list(migrations)) {
            highest = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        }
        assertEquals(highest, H2Store.SCHEMA_VERSION);
    }
}
