package org.wskemu.engine;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.FoldingReadModels;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.spi.EngineStorage;

/** Axon's in-memory event store: nothing is kept after close. Positions start at 1. */
final class InMemoryStorage implements EngineStorage {

    // InMemoryEventStorageEngine numbers events from its offset: 1 makes the first position 1,
    // as on the JDBC store, so positions mean the same on every store.
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine(1);

    @Override
    public void configure(Configurer configurer) {
        configurer.configureEmbeddedEventStore(c -> engine)
                .configureTransactionManager(c -> NoTransactionManager.INSTANCE);
    }

    @Override
    public EventLog eventLog(Configuration configuration) {
        return new AxonEventLog(engine, GlobalSequenceTrackingToken::new);
    }

    @Override
    public LiveReadModels readModels(Configuration configuration, EventLog log) {
        return new FoldingReadModels(log);
    }

    @Override
    public String describe() {
        return "mem";
    }

    @Override
    public void close() {
        // nothing is kept
    }
}
