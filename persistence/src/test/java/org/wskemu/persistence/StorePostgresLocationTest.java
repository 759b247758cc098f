package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** {@code postgresql://HOST[:PORT]/DB[?...]}: what is read from it, what is refused, and what is printed. */
@Tag("postgres")
class StorePostgresLocationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgresql://db.example/wskemu                              | db.example | 5432  | wskemu | -     | -      | {}                            | postgresql://db.example:5432/wskemu
            postgresql://db.example:6543/team                           | db.example | 6543  | team   | -     | -      | {}                            | postgresql://db.example:6543/team
            postgresql://10.0.0.7/w?user=ci&password=p%40ss%26w         | 10.0.0.7   | 5432  | w      | ci    | p@ss&w | {}                            | postgresql://10.0.0.7:5432/w
            postgresql://[::1]:5433/w?sslmode=verify-full&sslrootcert=/etc/ca.pem | ::1 | 5433 | w  | -     | -      | {sslmode=verify-full, sslrootcert=/etc/ca.pem} | postgresql://[::1]:5433/w
            POSTGRESQL://h/w?password=a+b                               | h          | 5432  | w      | -     | a+b    | {}                            | postgresql://h:5432/w
            postgresql://db_primary.lan:6000/w                          | db_primary.lan | 6000 | w    | -     | -      | {}                            | postgresql://db_primary.lan:6000/w
            postgresql://pg_1/w                                         | pg_1       | 5432  | w      | -     | -      | {}                            | postgresql://pg_1:5432/w
            """)
    void aUrlIsReadAndPrintedWithoutCredentialsOrParameters(String text, String host, int port, String database, String user,
                                                            String password, String parameters, String printed) {
        StoreLocation.Postgres location = (StoreLocation.Postgres) StoreLocation.parse(text);
        assertEquals(host, location.host());
        assertEquals(port, location.port());
        assertEquals(database, location.database());
        assertEquals("-".equals(user) ? null : user, location.user());
        assertEquals("-".equals(password) ? null : password, location.password());
        assertEquals(parameters, new java.util.TreeMap<>(location.parameters()).toString());
        assertEquals(printed, location.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgresql://                                   | does not parse
            postgresql://host                               | one database name
            postgresql:///db                                | must be postgresql://HOST[:PORT]/DB
            postgresql://host/                              | one database name
            postgresql://host/a/b                           | one database name
            postgresql://host:0/db                          | port must be 1 to 65535
            postgresql://host:70000/db                      | port must be 1 to 65535
            postgresql://me:Secret9@host/db                 | not before the host
            postgresql://host/db?password=Secret9&socketFactory=x  | does not take the parameter 'socketFactory'
            postgresql://host/db?password=Secret9&loggerFile=/tmp/x | does not take the parameter 'loggerFile'
            postgresql://host/db?password=Secret9%zz        | does not parse
            postgresql://host/db#Secret9                    | no '#' part
            postgresql://host name/db?password=Secret9      | does not parse
            postgresql://db_primary:99999/db                | port must be 1 to 65535
            postgresql://_bad/db                            | needs a host name or address
            """)
    void aBadUrlIsRefusedNamingWhatIsWrongNeverThePassword(String text, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse(text));
        assertFalse(refused.getMessage().contains("Secret9"), refused.getMessage());
        assertEquals(true, refused.getMessage().contains(why), refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void theDriverGetsServerAndDatabaseOnly() {
        StoreLocation.Postgres location = (StoreLocation.Postgres) StoreLocation.parse(
                "postgresql://[::1]:5433/my%20db?user=u&password=p&sslmode=require");
        assertEquals("jdbc:postgresql://[::1]:5433/my%20db", location.jdbcUrl());
        assertEquals(Map.of("sslmode", "require"), location.parameters());
    }
}
