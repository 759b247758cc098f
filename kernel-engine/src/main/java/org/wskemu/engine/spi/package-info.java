/**
 * Internal: the storage SPI the persistence module implements ({@code EngineStorage}, in Axon's
 * terms). Not part of the API: an embedder sees {@link org.wskemu.engine.Storage} only.
 */
package org.wskemu.engine.spi;
