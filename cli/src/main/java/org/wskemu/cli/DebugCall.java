package org.wskemu.cli;

import org.wskemu.api.NtStatus;
import org.wskemu.api.event.WskEvent;

/**
 * One call of the run the debugger walks, as breakpoints, conditions and {@code where} see it: the
 * facts {@code history} filters on ({@link EventFacts}) and what the run recorded with it.
 *
 * @param index    the call's index in the run (0-based)
 * @param position the position of the call's last event
 * @param line     the session file's line, or 0 when the run recorded none
 * @param op       the call's op ({@code bind}, {@code close}, ...)
 * @param socket   the socket's label, or null
 * @param process  the process, or null
 * @param port     the port bound, released or refused, or null
 * @param status   the call's outcome, or null
 * @param diverged whether the call diverged from its recorded expectation
 * @param text     the event described as {@code history} describes it
 * @param event    the call's last event
 */
record DebugCall(int index, long position, int line, String op, String socket, Long process, Integer port,
                 NtStatus status, boolean diverged, String text, WskEvent event) {

    /** {@return whether the emulator refused the call (its status is not a success)} */
    boolean refused() {
        return status != null && !status.isSuccess();
    }
}
