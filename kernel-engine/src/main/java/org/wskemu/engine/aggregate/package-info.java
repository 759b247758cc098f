/** The Axon aggregates of the emulated kernel: the machine, sockets, ports and ephemeral ranges. */
package org.wskemu.engine.aggregate;
