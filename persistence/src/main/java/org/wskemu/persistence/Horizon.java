package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The horizon below which a PostgreSQL reader reads the event log (issue #22): the oldest
 * transaction still running when the read began, {@code pg_snapshot_xmin(pg_current_snapshot())}.
 * Every transaction below it has ended, so the events whose {@code xid} is below it are final: no
 * event can still commit among them, and a reader that reads only them, in position order, never
 * passes over an event in flight and needs no gap timeout. Taken once when a read begins, so all its
 * pages read the same set. The embedded H2 store has no horizon (one process writes it; see
 * DESIGN.md, "What a reader sees while writers are active").
 */
final class Horizon {

    /** The condition a query adds, with one parameter: {@link #bind}. */
    static final String BELOW = " AND xid < CAST(? AS xid8)";

    private Horizon() {
    }

    /** @return the horizon as xid8 text on PostgreSQL, null on H2 */
    static String of(Connection connection) throws SQLException {
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return null;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** @return {@link #BELOW} when there is a horizon, else nothing */
    static String condition(String horizon) {
        return horizon == null ? "" : BELOW;
    }
}
