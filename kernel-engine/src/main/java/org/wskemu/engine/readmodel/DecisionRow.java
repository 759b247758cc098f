package org.wskemu.engine.readmodel;

import org.wskemu.api.SessionRun;
import java.util.Optional;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.ProfileId;

/**
 * A bind decision for the audit.
 *
 * @param position      the decision's position (the bind call's last event)
 * @param actual        the address bound, or null when refused
 * @param decidingCell  the table cell that refused it as the output shows it ("first ... then second ...
 *                      -> result"), or null
 * @param decidingLabel the label of the binding that refused it, or null
 * @param deciding      the same cell as a value, built where the decision was made, or null
 */
public record DecisionRow(long position, SocketId socket, String label, SessionRun run, ProcessId process,
                          TransportAddress requested, TransportAddress actual, SharingOption option,
                          ProfileId profile, NtStatus status, String reason, String decidingCell,
                          String decidingLabel, DecidingCell deciding) {

    /**
     * The table cell that refused the bind, as a value.
     *
     * @return the deciding cell, or empty when no binding refused it (it succeeded, or was refused
     *         before any binding was consulted)
     */
    public Optional<DecidingCell> cell() {
        return Optional.ofNullable(deciding);
    }

    /** {@return the port decided on: the actual one when bound, else the requested one} */
    public int port() {
        return actual != null ? actual.port() : requested.port();
    }
}
