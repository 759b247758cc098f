package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Where a store's digest chain begins (migration V4, {@code wskemu_chain}): every event after
 * {@code chain_from} must carry a digest, so erasing digests, even all of them, is damage that
 * {@code verify} names instead of a store "from before the chain". A store older than V4 has no record:
 * its chain began at its first digested event, as before. A V4 store whose record was deleted is damage.
 */
final class ChainStart {

    /** No record: the chain began at the first digested event (a store or export older than the record). */
    static final long UNRECORDED = -1;

    private ChainStart() {
    }

    /**
     * @return the recorded start; {@link #UNRECORDED} for a store older than the record
     * @throws SQLException when the table exists but cannot be read
     * @throws IllegalStateException when the table exists without its one row (deleted)
     */
    static long read(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return UNRECORDED;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT chain_from FROM wskemu_chain WHERE id = 1");
             ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the record of where its digest chain begins was deleted "
                        + "(every store since schema version 4 has one)");
            }
            return rs.getLong(1);
        }
    }

    /** Sets the start of a store whose events were just copied or loaded in (its record exists). */
    static void write(Connection connection, long chainFrom) throws SQLException {
        if (!exists(connection)) {
            return; // an older schema: it begins at the first digested event, as its events show
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE wskemu_chain SET chain_from = ? WHERE id = 1")) {
            statement.setLong(1, chainFrom);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("the record of where its digest chain begins is missing");
            }
        }
    }

    /**
     * The start an older store or export implies: just before its first digested event, else after its
     * last event.
     */
    static long implied(OptionalLong firstDigested, long lastPosition) {
        return firstDigested.isPresent() ? firstDigested.getAsLong() - 1 : lastPosition;
    }

    private static boolean exists(Connection connection) throws SQLException {
        for (String name : new String[] {"WSKEMU_CHAIN", "wskemu_chain"}) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
