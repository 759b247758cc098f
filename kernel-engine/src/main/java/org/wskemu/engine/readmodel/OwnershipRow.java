package org.wskemu.engine.readmodel;

import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;

/** A live binding as the address-ownership view shows it: who holds which address, since which position. */
public record OwnershipRow(SocketId socket, String label, long run, TransportProtocol protocol, AddressFamily family,
                           TransportAddress address, SharingOption option, ProcessId process, long boundAt) {
}
