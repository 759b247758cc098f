package org.wskemu.engine;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.timeline.InMemoryCheckpoints;

/**
 * Where an engine keeps its events and read models: Axon's in-memory store by default, or the
 * durable H2 store of the persistence module. One storage is one emulated machine.
 */
public interface EngineStorage extends AutoCloseable {

    /** Registers the event storage engine, transaction manager and whatever else the store needs. */
    void configure(Configurer configurer);

    /** The event log of the started configuration. */
    EventLog eventLog(Configuration configuration);

    /** The live read models of the started configuration, kept up to date with {@code log}. */
    LiveReadModels readModels(Configuration configuration, EventLog log);

    /** Where the timeline keeps its checkpoints (default: in memory). */
    default CheckpointStore checkpoints(Configuration configuration) {
        return new InMemoryCheckpoints();
    }

    /** A short description for messages, e.g. {@code mem} or the store directory. */
    String describe();

    /** Releases the store; the engine has shut Axon down before. */
    @Override
    void close();
}
