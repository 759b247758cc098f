/**
 * Internal: the storage SPI the persistence module implements ({@code EngineStorage}, in Axon's
 * terms) and {@code StorageSpi}, which gives the engine the {@code EngineStorage} of an opaque storage. Not part of the API: an embedder sees {@link org.wskemu.engine.Storage} only.
 */
package org.wskemu.engine.spi;
