/**
 * Internal: the Axon aggregates of the emulated kernel (the machine, sockets, ports and ephemeral
 * ranges) and their answers. Not part of the API (DESIGN.md "What is public"); the package keeps its
 * name because stored snapshots name the aggregate classes.
 */
package org.wskemu.engine.aggregate;
