package org.wskemu.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.timeline.Checkpoint;
import org.wskemu.engine.timeline.CheckpointStore;

/** Timeline checkpoints in the store's {@code wsk_checkpoint} table, so seeks stay fast across processes. */
final class JdbcCheckpoints implements CheckpointStore {

    private static final TypeReference<List<OwnershipRow>> ROWS = new TypeReference<>() {
    };

    /** H2's upsert. */
    private static final String H2_UPSERT = "MERGE INTO wsk_checkpoint (event_position, ownership) KEY (event_position) VALUES (?, ?)";
    /** PostgreSQL's upsert (two processes may save the same checkpoint). */
    private static final String POSTGRES_UPSERT = "INSERT INTO wsk_checkpoint (event_position, ownership) VALUES (?, ?) "
            + "ON CONFLICT (event_position) DO UPDATE SET ownership = EXCLUDED.ownership";

    private final ReadModelTables tables;
    /** The engine's mapper, fetched on first use: a query that reads no checkpoint never builds it. */
    private final Supplier<ObjectMapper> mappers;
    private ObjectMapper mapper;
    private final boolean postgres;

    /** @param postgres whether the tables are on PostgreSQL (else H2) */
    JdbcCheckpoints(ReadModelTables tables, Supplier<ObjectMapper> mapper, boolean postgres) {
        this.tables = tables;
        this.mappers = mapper;
        this.postgres = postgres;
    }

    @Override
    public Optional<Checkpoint> atOrBefore(long position) {
        return tables.query("SELECT event_position, ownership FROM wsk_checkpoint WHERE event_position <= ? "
                + "ORDER BY event_position DESC LIMIT 1", rs -> new Checkpoint(rs.getLong(1), read(rs.getBytes(2))),
                position).stream().findFirst();
    }

    @Override
    public void save(Checkpoint checkpoint) {
        try {
            byte[] ownership = mapper().writeValueAsBytes(checkpoint.ownership());
            if (postgres) {
                tables.update(POSTGRES_UPSERT, checkpoint.position(), ownership);
            } else {
                tables.update(H2_UPSERT, checkpoint.position(), ownership);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long latest() {
        return tables.query("SELECT MAX(event_position) FROM wsk_checkpoint", rs -> rs.getLong(1))
                .stream().findFirst().orElse(0L);
    }

    @Override
    public void clear() {
        tables.update("DELETE FROM wsk_checkpoint");
    }

    private synchronized ObjectMapper mapper() {
        if (mapper == null) {
            mapper = mappers.get();
        }
        return mapper;
    }

    private List<OwnershipRow> read(byte[] json) {
        try {
            return mapper().readValue(json, ROWS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
