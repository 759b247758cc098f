/**
 * Internal: the commands the engine sends to its aggregates, each naming its target (the WSK calls'
 * steps: PrepareBind, DecideBind, the ephemeral-range commands, ...). Not part of the API: an
 * embedder calls {@code WskKernel}; commands are never stored (events are), so their package is free
 * to change. Moved here from kernel-api (issue #11).
 */
package org.wskemu.engine.command;
