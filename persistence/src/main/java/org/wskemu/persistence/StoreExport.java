package org.wskemu.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The history as a portable JSON Lines file (issue #17): a header line
 * {@code {"format":"wskemu-export","version":2,"store":...,"events":N,"headDigest":...,"chainFrom":C}}, then one
 * line per event in position order with every stored field (payload and metadata in base64) and its
 * digest (hex), so the file can be checked by recomputing the chain ({@link EventChain}) without
 * wskemu's store. {@code chainFrom}: every event after that position carries a digest, so an export
 * whose digests were erased is refused on load (version 1, older, has no such field: its chain began
 * at its first digested event). A store whose chain is broken is not exported.
 */
public final class StoreExport {

    /** The header's format name. */
    public static final String FORMAT = "wskemu-export";
    /** The header's format version. */
    public static final int VERSION = 2;
    private static final int PAGE = 2_000;
    private static final String READ = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData, digest FROM DomainEventEntry "
            + "WHERE globalIndex > ?";
    private static final String ORDER = " ORDER BY globalIndex LIMIT " + PAGE;

    private StoreExport() {
    }

    /**
     * Writes the export of {@code store} to {@code out} (not closed).
     *
     * @param store the open store, whose digest chain is checked first
     * @param out   where the export's JSON lines go; not closed
     * @return how many events were written
     * @throws StoreException DAMAGED when the store's digest chain is broken (nothing is written)
     * @throws IOException when writing to {@code out} fails
     */
    public static long write(JdbcStore store, OutputStream out) throws IOException {
        String horizon; // on PostgreSQL the export holds the events below the horizon: final, while writers append
        try (Connection connection = store.dataSource().getConnection()) {
            horizon = Horizon.of(connection);
        } catch (SQLException e) {
            throw StoreFailure.notExported(store.location(), H2Store.reason(e), e);
        }
        EventChain.Report chain = EventChain.check(store, new TreeSet<>(), java.util.Set.of(), horizon);
        if (!chain.ok()) {
            throw StoreFailure.damaged(store.location(), chain.firstBreak().orElseThrow() + "; nothing was exported", null);
        }
        ObjectMapper json = new ObjectMapper();
        line(out, json, json.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("store", store.location().toString()).put("events", chain.events()).put("headDigest", chain.head())
                .put("chainFrom", chain.chainFrom()));
        long written = 0;
        long after = 0;
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(READ + Horizon.condition(horizon) + ORDER)) {
            if (horizon != null) {
                statement.setString(2, horizon);
            }
            while (true) {
                statement.setLong(1, after);
                int page = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        EventChain.Row row = EventChain.Row.read(rs);
                        ObjectNode node = json.createObjectNode().put("position", row.position())
                                .put("aggregateIdentifier", row.aggregateIdentifier()).put("sequenceNumber", row.sequenceNumber())
                                .put("type", row.type()).put("eventIdentifier", row.eventIdentifier())
                                .put("timeStamp", row.timeStamp()).put("payloadType", row.payloadType())
                                .put("payloadRevision", row.payloadRevision())
                                .put("payload", base64(row.payload())).put("metaData", base64(row.metaData()))
                                .put("digest", row.digest() == null ? null : HexFormat.of().formatHex(row.digest()));
                        line(out, json, node);
                        after = row.position();
                        page++;
                        written++;
                    }
                }
                if (page < PAGE) {
                    return written;
                }
            }
        } catch (SQLException e) {
            throw StoreException.damageIn(e, store.location()).orElseGet(() -> StoreFailure.notExported(store.location(),
                    H2Store.reason(e), e));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static void line(OutputStream out, ObjectMapper json, ObjectNode node) throws IOException {
        out.write(json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
