package org.wskemu.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;

/**
 * What a query reads, straight from an open store, without the engine (issue #15: a query's
 * start-up): no Axon configuration, command bus, aggregates or processor. The read-model tables, the
 * event log ({@link JdbcEventLog}) and the timeline's checkpoints on the store's one database; a
 * backlog (the read models behind the log) is folded with the same {@link LogFold} a rebuild uses,
 * which leaves the read-model processor's token where the processor would have left it.
 *
 * <p>{@link #readModels()} answers only when this is exactly what the engine's own read models would
 * answer; it is empty when the read models need the engine's processor: a shared store (PostgreSQL,
 * where another process's processor may hold the claim and fold at the same time), a processor's token
 * that is not a plain gap-aware one (mid-replay), rows without a token, an event committed late into a
 * gap of the token, a log whose positions jump (damage the processor reports). The caller then opens
 * the engine on the same storage, as queries did before.
 */
public final class StoreReader {

    private static final JsonFactory JSON = new JsonFactory();

    private final JdbcStore store;
    private final ReadModelTables tables;
    private final int foldBatch;
    private JdbcEventLog log;
    private JdbcCheckpoints checkpoints;

    StoreReader(JdbcStore store, ReadModelTables tables, int foldBatch) {
        this.store = store;
        this.tables = tables;
        this.foldBatch = foldBatch;
    }

    /**
     * The read models caught up with every committed event, when that needs no engine: as they are
     * when they hold the whole log already, else after folding the backlog from the event table.
     *
     * @return the read models, or empty when only the engine's processor can bring them up to date
     */
    public Optional<ReadModelView> readModels() {
        if (store instanceof PostgresStore) {
            return Optional.empty();
        }
        long head = head();
        List<String> types = tables.query("SELECT tokenType FROM TokenEntry WHERE processorName = ? AND segment = 0",
                rs -> String.valueOf(rs.getString(1)), ReadModelProjection.PROCESSOR);
        boolean none = types.isEmpty() || types.get(0).equals("null");
        long position = tables.position();
        if (none) {
            if (position > 0) {
                return Optional.empty(); // rows without a token: not a state this path starts from
            }
            if (head == 0) {
                return Optional.of(tables);
            }
        }
        boolean gapAware = !none && types.get(0).equals(GapAwareTrackingToken.class.getName());
        boolean replay = !none && types.get(0).equals(ReplayToken.class.getName());
        if (!none && !gapAware && !replay) {
            return Optional.empty();
        }
        TrackedReadModels.StoredToken token = none ? new TrackedReadModels.StoredToken(-1, List.of()) : storedToken();
        if (eventInGap(token.gaps(), head)) {
            return Optional.empty(); // an event committed late into a gap: the processor folds it
        }
        long after = Math.max(0, token.index());
        if (after >= head) {
            // a replay token that has reached the head (Axon leaves one after its first run) is caught up too
            return position >= head ? Optional.of(tables) : Optional.empty();
        }
        if (replay) {
            return Optional.empty(); // mid-replay: the fold does not start from a replay token
        }
        long backlog = tables.query("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?",
                rs -> rs.getLong(1), after).stream().findFirst().orElse(0L);
        if (head - after - backlog > TrackedReadModels.DAMAGED_JUMP) {
            return Optional.empty(); // positions that jump far ahead: damage the processor reports
        }
        new LogFold(tables, checkpoints(), eventLog(), store.transactionManager(),
                AxonJdbcStorage.tokenSerializer(EngineJackson.mapper()), Timeline.DEFAULT_CHECKPOINT_INTERVAL, foldBatch)
                .catchUp(after, token.gaps());
        return Optional.of(tables);
    }

    /** {@return the recorded events, read straight from the event table} */
    public EventLog log() {
        return eventLog();
    }

    /**
     * The state as of any position, on the read models {@link #readModels()} gave (checkpoints in the
     * store's table, as the engine's timeline keeps them).
     *
     * @param current the read models caught up with the log, as {@link #readModels()} gave them
     * @return the timeline
     */
    public Timeline timeline(ReadModelView current) {
        return new Timeline(eventLog(), new LiveReadModels() {
            @Override
            public ReadModelView current() {
                return current;
            }

            @Override
            public ReadModelView rebuild() {
                throw new UnsupportedOperationException("a query does not rebuild");
            }
        }, checkpoints(), Timeline.DEFAULT_CHECKPOINT_INTERVAL);
    }

    private long head() {
        return tables.query("SELECT MAX(globalIndex) FROM DomainEventEntry", rs -> rs.getLong(1))
                .stream().findFirst().orElse(0L);
    }

    private JdbcEventLog eventLog() {
        if (log == null) {
            log = new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(), store.location());
        }
        return log;
    }

    private JdbcCheckpoints checkpoints() {
        if (checkpoints == null) {
            checkpoints = new JdbcCheckpoints(tables, () -> EngineJackson.mapper(), false);
        }
        return checkpoints;
    }

    /** Whether any of the token's gaps at or below {@code head} holds an event. */
    private boolean eventInGap(List<Long> gaps, long head) {
        List<Long> below = gaps.stream().filter(g -> g <= head).toList();
        for (int from = 0; from < below.size(); from += 500) {
            List<Long> chunk = below.subList(from, Math.min(below.size(), from + 500));
            long found = tables.query("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)", rs -> rs.getLong(1), chunk.toArray()).stream()
                    .findFirst().orElse(0L);
            if (found > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The gap-aware token as committed with the rows ({@code {"index":N,"gaps":[...]}}), read with
     * Jackson's streaming parser (no object mapper is needed for two fields).
     */
    private TrackedReadModels.StoredToken storedToken() {
        List<byte[]> rows = tables.query("SELECT token FROM TokenEntry WHERE processorName = ? AND segment = 0",
                rs -> rs.getBytes(1), ReadModelProjection.PROCESSOR);
        if (rows.isEmpty() || rows.get(0) == null) {
            return new TrackedReadModels.StoredToken(-1, List.of());
        }
        try (JsonParser parser = JSON.createParser(rows.get(0))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return token(parser);
        } catch (IOException e) {
            throw StoreFailure.damaged(tables.location(), "the read-model processor's token cannot be read: "
                    + H2Store.reason(e), e);
        }
    }

    /**
     * The token of the object the parser is in: its index and gaps; a replay token's (Axon's reset)
     * is the token it has reached, its {@code currentToken}, as {@link TrackedReadModels} reads it.
     */
    private static TrackedReadModels.StoredToken token(JsonParser parser) throws IOException {
        long index = -1;
        List<Long> gaps = new ArrayList<>();
        TrackedReadModels.StoredToken current = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.getCurrentName();
            JsonToken value = parser.nextToken();
            if ("index".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                index = parser.getLongValue();
            } else if ("gaps".equals(field) && value == JsonToken.START_ARRAY) {
                for (JsonToken gap = parser.nextToken(); gap != JsonToken.END_ARRAY; gap = parser.nextToken()) {
                    if (gap != JsonToken.VALUE_NUMBER_INT) {
                        throw new IOException("a gap that is not a position");
                    }
                    gaps.add(parser.getLongValue());
                }
            } else if ("currentToken".equals(field) && value == JsonToken.START_OBJECT) {
                current = token(parser);
            } else {
                parser.skipChildren();
            }
        }
        return current != null ? current : new TrackedReadModels.StoredToken(index, List.copyOf(gaps));
    }
}
