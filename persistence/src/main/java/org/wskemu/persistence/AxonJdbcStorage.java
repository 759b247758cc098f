package org.wskemu.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Objects;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JDBC event storage engine on a {@link JdbcStore} (H2 or PostgreSQL), with
 * one Jackson serializer for everything (never XStream) and the store's thread-bound transactions.
 *
 * <p>The tables come from the store's Flyway migrations; nothing here ever asks Axon to create a
 * schema (Axon's H2/HSQL DDL is not valid on H2 2.x). Blobs are {@code byte[]} (the engine's and the
 * token store's default data type), which is BLOB on H2 and BYTEA on PostgreSQL.
 *
 * <p>On PostgreSQL, where several processes write: gaps in the positions are given up only after
 * {@link PostgresStore#GAP_TIMEOUT} and never for being far behind the newest position.
 *
 * <p>A lost append race (two writers appending the same aggregate at the same sequence number)
 * makes the engine throw {@link org.axonframework.modelling.command.AggregateStreamCreationException}
 * when the sequence number is 0 and {@link org.axonframework.modelling.command.ConcurrencyException}
 * otherwise; the two are unrelated {@code AxonException}s. Axon's default resolver only looks
 * for an {@code SQLIntegrityConstraintViolationException} among the causes, but H2 reports the
 * failed batch as a {@code BatchUpdateException} (SQLState 23505, no cause, the violation only
 * as its next exception), so without {@link DuplicateKeyResolver} the race would surface as a
 * plain {@code EventStoreException}.
 */
final class AxonJdbcStorage {

    /** How many events one query reads, unless {@link Builder#batchSize(int)} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    private final JdbcStore store;
    private final Serializer serializer;
    private final JdbcEventStorageEngine eventStorageEngine;

    private AxonJdbcStorage(Builder builder) {
        this.store = builder.store;
        ObjectMapper objectMapper = builder.objectMapper != null ? builder.objectMapper : defaultObjectMapper();
        // only wskemu's own types are ever resolved from a stored payloadType (issue #17)
        this.serializer = new OwnTypesSerializer(JacksonSerializer.builder().objectMapper(objectMapper), store.location());
        JdbcEventStorageEngine.Builder engine = JdbcEventStorageEngine.builder()
                .connectionProvider(store.connectionProvider())
                .transactionManager(store.transactionManager())
                // SQLState 23505 on either database: a lost append race, a concurrency conflict
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                // each event's digest, chained per aggregate, in the same INSERT (issue #17)
                .appendEvents(EventChain.appendStatement(new EventChain.Digests(EventChain.Digests.DEFAULT_CAPACITY),
                        store instanceof PostgresStore ? store.appended : null, store.transactionManager()::orderAppend))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(byte[].class)
                .batchSize(builder.batchSize)
                // V1__axon_tables.sql starts globalIndex at 1, as the engine expects.
                .lowestGlobalSequence(1);
        if (store instanceof PostgresStore) {
            // A gap is given up only when the event after it is older than the gap timeout (Axon's
            // cleanGaps), never because it is far behind the newest position (maxGapOffset): with
            // several writers, a slow transaction may commit far behind the others' positions.
            engine.gapTimeout(Math.toIntExact(PostgresStore.GAP_TIMEOUT.toMillis()))
                    .maxGapOffset(Integer.MAX_VALUE);
        }
        this.eventStorageEngine = engine.build();
    }

    /**
     * @param store the open store to build on; never null
     * @return a builder with the default object mapper and batch size
     */
    public static Builder builder(JdbcStore store) {
        return new Builder(store);
    }

    /**
     * @param store the open store to build on; never null
     * @return storage with the default object mapper and batch size
     */
    public static AxonJdbcStorage on(JdbcStore store) {
        return builder(store).build();
    }

    /**
     * The object mapper used unless the caller passes one: field visibility ANY (so aggregate
     * snapshots and records serialize from their fields), unknown properties ignored, empty beans
     * allowed.
     *
     * @return a new mapper; never null
     */
    public static ObjectMapper defaultObjectMapper() {
        return new ObjectMapper()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * Registers the event store (embedded, on this engine), the token store, the transaction
     * manager and this serializer as the general, message and event serializer.
     *
     * @param configurer never null
     * @return the same configurer, for chaining
     */
    public Configurer configure(Configurer configurer) {
        return Objects.requireNonNull(configurer, "configurer")
                .configureTransactionManager(c -> store.transactionManager())
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> eventStorageEngine);
    }

    /** @return the Jackson serializer for events, snapshots, messages and tokens; never null */
    public Serializer serializer() {
        return serializer;
    }

    /** @return the storage engine; it never creates tables; never null */
    public JdbcEventStorageEngine eventStorageEngine() {
        return eventStorageEngine;
    }

    /** @return the store this storage is built on; never null */
    public JdbcStore store() {
        return store;
    }

    /** Options for {@link AxonJdbcStorage}. */
    public static final class Builder {
        private final JdbcStore store;
        private ObjectMapper objectMapper;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder(JdbcStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * @param objectMapper the mapper for every serialized object; Axon's serializer registers
         *                     its own modules on it; never null
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * @param batchSize how many events one read query fetches; positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** @return the storage; never null */
        public AxonJdbcStorage build() {
            return new AxonJdbcStorage(this);
        }
    }
}
