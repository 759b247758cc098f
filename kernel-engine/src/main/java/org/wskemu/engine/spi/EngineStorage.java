package org.wskemu.engine.spi;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.wskemu.engine.Storage;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.timeline.InMemoryCheckpoints;

/**
 * Internal SPI: what a {@link Storage} does for the engine, in Axon's terms (Axon's in-memory store by
 * default, or the durable stores of the persistence module). Not for embedders, who see only
 * {@link Storage}: this package is outside the public API (DESIGN.md), so Axon's types stay out of
 * every public signature an embedder uses.
 */
public interface EngineStorage extends Storage {

    /**
     * Registers the event storage engine, transaction manager and whatever else the store needs.
     *
     * @param configurer the engine's Axon configurer, before start
     */
    void configure(Configurer configurer);

    /**
     * The event log of the started configuration.
     *
     * @param configuration the started configuration
     * @return the log the engine appends to and reads
     */
    EventLog eventLog(Configuration configuration);

    /**
     * The live read models of the started configuration, kept up to date with {@code log}.
     *
     * @param configuration the started configuration
     * @param log           the event log the read models follow
     * @return the live read models
     */
    LiveReadModels readModels(Configuration configuration, EventLog log);

    /**
     * Where the timeline keeps its checkpoints (default: in memory).
     *
     * @param configuration the started configuration
     * @return the checkpoint store
     */
    default CheckpointStore checkpoints(Configuration configuration) {
        return new InMemoryCheckpoints();
    }

    /**
     * The read models' projection inside each batch's transaction, if the store keeps one (default:
     * none, the read models follow the log by themselves). Asked once, after {@link #readModels}.
     *
     * @param configuration the started configuration
     * @return the inline projection, or null for none
     */
    default InlineProjection inlineProjection(Configuration configuration) {
        return null;
    }

    /**
     * Where the store keeps each run's high-water mark, if it does (default: none; a store in memory
     * cannot be cut).
     *
     * @param configuration the started configuration
     * @return the run marks, or null for none
     */
    default RunMarks runMarks(Configuration configuration) {
        return null;
    }

    /**
     * A session run has ended (its end recorded): a store may write what speeds later seeks up, such as
     * the timeline's checkpoints up to the log's head (default: nothing).
     */
    default void runEnded() {
    }
}
