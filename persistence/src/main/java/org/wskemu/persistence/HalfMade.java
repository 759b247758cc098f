package org.wskemu.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.FlywayException;

/**
 * A store an older wskemu left half-made (issue #17): killed during its first open or an upgrade, before
 * migrations were atomic, its tables exist but Flyway's history does not say so (or says a migration
 * failed), and every later migration fails ({@code Table "WSK_SOCKET" already exists}, {@code Migrations
 * have failed validation}). Recognised when migrating a copy fails so (the store itself is untouched), and
 * named in one line with the fix: a store with no event lost nothing and is made again; one with events
 * is restored from a backup, or its events copied out by an older wskemu that still opens it.
 */
final class HalfMade {

    private static final String HISTORY = "SELECT COUNT(*), MAX(CASE WHEN \"success\" THEN CAST(\"version\" AS INTEGER) END),"
            + " SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL";
    private static final String EVENTS = "SELECT COUNT(*) FROM DomainEventEntry";

    private HalfMade() {
    }

    /**
     * @param failure what migrating the copy failed with
     * @return the half-made store named with its fix, or {@code failure} when it is something else (a
     *     disk full, a damaged page)
     */
    static StoreException named(StoreLocation location, Path directory, StoreException failure) {
        if (failure.reason() != StoreException.Reason.FAILED
                || StoreException.causes(failure).stream().noneMatch(FlywayException.class::isInstance)) {
            return failure;
        }
        long events = -1;
        int version = 0;
        boolean failed = false;
        try (Connection connection = DriverManager.getConnection(H2Store.fileUrl(directory) + H2Store.READ_ONLY_SETTINGS,
                H2Store.USER, ""); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(HISTORY)) {
                if (rs.next()) {
                    version = rs.getInt(2);
                    failed = rs.getInt(3) > 0;
                }
            } catch (SQLException noHistory) {
                // no history table at all: version 0
            }
            try (ResultSet rs = statement.executeQuery(EVENTS)) {
                events = rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException noEvents) {
                events = 0; // the event table was never made
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return failure;
        }
        String what = "store " + location + " was left half-made by a wskemu stopped during its "
                + (events == 0 ? "first open" : "schema upgrade") + " (schema at version " + version + " of "
                + H2Store.SCHEMA_VERSION + (failed ? ", a failed migration recorded" : "") + "; the next migration fails: "
                + cause(failure) + ")";
        String fix = events == 0
                ? "; it holds no event, so nothing is lost: remove " + directory.resolve(H2Store.DATABASE_FILE)
                        + " and run again; it was left as it was"
                : "; it holds " + events + (events == 1 ? " event" : " events") + ", left as it was: restore the store from a backup, or copy it "
                        + "with the wskemu that made it ('wskemu copy', 'wskemu export')";
        return StoreFailure.halfMade(what + fix, failure);
    }

    /** The failing script, as Flyway names it, and what H2 said of it. */
    private static String cause(StoreException failure) {
        List<Throwable> causes = StoreException.causes(failure);
        String script = causes.stream().filter(FlywayException.class::isInstance).reduce((a, b) -> b)
                .map(H2Store::reason).orElse("");
        return causes.stream().filter(SQLException.class::isInstance).reduce((a, b) -> b)
                .map(sql -> script + ": " + H2Store.reason(sql)).orElse(script);
    }
}
