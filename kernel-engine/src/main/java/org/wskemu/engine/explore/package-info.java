/**
 * Beyond the recorded order (internal; the cli and the bench use it, as a module's qualified export):
 * every interleaving of a session's programs decided in memory with dynamic partial-order reduction,
 * and delta debugging of a session down to the lines one call's status needs.
 */
package org.wskemu.engine.explore;
