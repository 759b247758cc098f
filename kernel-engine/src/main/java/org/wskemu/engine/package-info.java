/** The running emulated kernel: the embedding facade, its Axon configuration, IRP dispatch and the store it runs on. */
package org.wskemu.engine;
