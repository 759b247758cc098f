/** The commands the engine sends to its aggregates, each naming its target. */
package org.wskemu.api.command;
