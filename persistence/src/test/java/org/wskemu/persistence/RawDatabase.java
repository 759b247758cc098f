package org.wskemu.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Test access to a store's database behind {@link H2Store}'s back. */
final class RawDatabase {

    private RawDatabase() {
    }

    /** Opens the closed file store in {@code directory} directly; closing the connection closes it. */
    static Connection open(Path directory) throws SQLException {
        return DriverManager.getConnection(H2Store.fileUrl(directory) + ";IFEXISTS=TRUE", H2Store.USER, "");
    }

    /** Rows of a query, each row its columns as strings, in order. */
    static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    static List<List<String>> rows(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return rows(connection, sql);
        }
    }

    /** Table name to its column names, for every table in the PUBLIC schema. */
    static Map<String, java.util.Set<String>> columnsByTable(Connection connection) throws SQLException {
        Map<String, java.util.Set<String>> tables = new TreeMap<>();
        for (List<String> row : rows(connection,
                "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            tables.computeIfAbsent(row.get(0), t -> new TreeSet<>()).add(row.get(1));
        }
        return tables;
    }
}
