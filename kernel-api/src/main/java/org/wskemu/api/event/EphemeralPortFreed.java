package org.wskemu.api.event;

import org.wskemu.api.PortKey;

/** A binding on a port of the ephemeral range ended. */
public record EphemeralPortFreed(PortKey port) implements WskEvent {
}
