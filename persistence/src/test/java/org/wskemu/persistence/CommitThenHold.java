package org.wskemu.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;
import org.axonframework.common.transaction.Transaction;

/**
 * Test main for a child JVM (CommittedBatchKillIT): opens the file store in {@code args[0]}, then commits
 * {@code args[1]} batches of {@link #ROWS} rows each through the store's own transaction manager (the
 * engine's commit path), printing {@code committed N} right after batch N's commit returned; then
 * prints {@link #HELD} and sleeps until it is killed. Each batch also rewrites a few rows of earlier
 * batches, so chunks die and their space is reused while the child runs.
 */
public final class CommitThenHold {

    static final int ROWS = 200;
    static final String HELD = "held";

    private CommitThenHold() {
    }

    public static void main(String[] args) throws Exception {
        int batches = Integer.parseInt(args[1]);
        H2Store store = H2Store.open(StoreLocation.directory(Path.of(args[0])));
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS Kept (batch INT NOT NULL, item INT NOT NULL, body VARBINARY(600) NOT NULL,"
                    + " PRIMARY KEY (batch, item))");
        }
        Random random = new Random(15);
        JdbcTransactionManager transactions = store.transactionManager();
        for (int batch = 1; batch <= batches; batch++) {
            Transaction transaction = transactions.startTransaction();
            try (Connection c = transactions.connectionProvider().getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO Kept (batch, item, body) VALUES (?, ?, ?)");
                 PreparedStatement rewrite = c.prepareStatement("UPDATE Kept SET body = ? WHERE batch = ? AND item = ?")) {
                for (int row = 0; row < ROWS; row++) {
                    byte[] body = new byte[100 + random.nextInt(400)];
                    random.nextBytes(body);
                    insert.setInt(1, batch);
                    insert.setInt(2, row);
                    insert.setBytes(3, body);
                    insert.addBatch();
                }
                insert.executeBatch();
                for (int i = 0; i < 20 && batch > 1; i++) {
                    byte[] body = new byte[100 + random.nextInt(400)];
                    random.nextBytes(body);
                    rewrite.setBytes(1, body);
                    rewrite.setInt(2, 1 + random.nextInt(batch - 1));
                    rewrite.setInt(3, random.nextInt(ROWS));
                    rewrite.addBatch();
                }
                rewrite.executeBatch();
            }
            transaction.commit();
            System.out.println("committed " + batch);
            System.out.flush();
        }
        System.out.println(HELD);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // killed here; never closed
    }
}
