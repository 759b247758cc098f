package org.wskemu.engine;

/**
 * Where an engine keeps its events and read models: one storage is one emulated machine. Opaque to an
 * embedder, who gets one from the persistence module ({@code H2Storage}, {@code JdbcStorage}) and
 * hands it to {@link WskEmulator.Builder#storage}; the default is in memory. What a storage does for
 * the engine (its Axon configuration) is the internal SPI {@code org.wskemu.engine.spi.EngineStorage},
 * which every storage keeps privately and registers with {@code org.wskemu.engine.spi.StorageSpi}.
 */
public interface Storage extends AutoCloseable {

    /** @return a short description for messages, e.g. {@code mem} or the store directory */
    String describe();

    /** Releases the store; the engine has shut down before. */
    @Override
    void close();
}
