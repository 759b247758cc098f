package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tests' own PostgreSQL cluster answers on 127.0.0.1 with password authentication. */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
class PostgresClusterTest {

    @Test
    void aFreshDatabaseIsEmptyAndReachable() throws Exception {
        String url = PostgresCluster.freshDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Connection connection = PostgresCluster.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
        }
    }
}
