package org.wskemu.engine.session;

import java.util.Objects;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import java.util.List;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.HostAddress;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Token;

/**
 * One call of a session, as a session file's line describes it (SESSION-FORMAT.md). Sockets are
 * named by labels; the runner maps them to handles. {@code line} is the source line (0 when the call
 * did not come from a file); {@code expect} is the status the recording observed (any NTSTATUS, or a
 * Winsock error for a user-mode recording), or null.
 */
public sealed interface SessionCall {

    /** {@return the session file's line number, 0 when the call did not come from a file} */
    int line();

    /** {@return the status the recording observed, or null} */
    ExpectedStatus expect();

    /** {@return the session file's {@code op}} */
    Op op();

    /** {@return the socket label the call names, or null for declarations} */
    default String label() {
        return null;
    }

    /**
     * {@code {"op":"process"}}.
     *
     * @param line    the session file's line number, 0 when not from a file
     * @param process the process declared
     * @param token   the process's access token
     * @param expect  the status the recording observed, or null
     */
    record DeclareProcess(int line, ProcessId process, Token token, ExpectedStatus expect) implements SessionCall {
        /**
         * Checks the components.
         *
         * @param line    the session file's line number, 0 when not from a file
         * @param process the process declared
         * @param token   the process's access token
         * @param expect  the status the recording observed, or null
         */
        public DeclareProcess {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Op op() {
            return Op.PROCESS;
        }
    }

    /**
     * {@code {"op":"host"}}: addresses the machine owns (SPEC.md 2).
     *
     * @param line      the session file's line number, 0 when not from a file
     * @param addresses the addresses the machine owns, in the line's order
     * @param expect    the status the recording observed, or null
     */
    record DeclareHost(int line, List<HostAddress> addresses, ExpectedStatus expect) implements SessionCall {
        /**
         * Copies the list.
         *
         * @param line      the session file's line number, 0 when not from a file
         * @param addresses the addresses the machine owns, in the line's order
         * @param expect    the status the recording observed, or null
         */
        public DeclareHost {
            addresses = List.copyOf(addresses);
        }

        @Override
        public Op op() {
            return Op.HOST;
        }
    }

    /**
     * {@code {"op":"thread"}}; {@code impersonation} null when the thread does not impersonate.
     *
     * @param line          the session file's line number, 0 when not from a file
     * @param thread        the thread declared
     * @param process       the process the thread belongs to
     * @param impersonation the token the thread impersonates, or null
     * @param expect        the status the recording observed, or null
     */
    record DeclareThread(int line, ThreadId thread, ProcessId process, Token impersonation, ExpectedStatus expect)
            implements SessionCall {
        /**
         * Checks the components.
         *
         * @param line          the session file's line number, 0 when not from a file
         * @param thread        the thread declared
         * @param process       the process the thread belongs to
         * @param impersonation the token the thread impersonates, or null
         * @param expect        the status the recording observed, or null
         */
        public DeclareThread {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(process, "process");
        }

        @Override
        public Op op() {
            return Op.THREAD;
        }
    }

    /**
     * {@code {"op":"socket"}}: WskSocket; {@code request.label()} is the label.
     *
     * @param line    the session file's line number, 0 when not from a file
     * @param request WskSocket's arguments; its label names the socket
     * @param irp     whether the call passes an IRP (the file's {@code irp}, default true)
     * @param expect  the status the recording observed, or null
     */
    record CreateSocket(int line, SocketRequest request, boolean irp, ExpectedStatus expect) implements SessionCall {
        /**
         * Checks the components.
         *
         * @param line    the session file's line number, 0 when not from a file
         * @param request WskSocket's arguments; its label names the socket
         * @param irp     whether the call passes an IRP (the file's {@code irp}, default true)
         * @param expect  the status the recording observed, or null
         */
        public CreateSocket {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(request.label(), "label");
        }

        @Override
        public Op op() {
            return Op.SOCKET;
        }

        @Override
        public String label() {
            return request.label();
        }
    }

    /**
     * {@code {"op":"set"}} or {@code {"op":"get"}}: WskControlSocket. For a get, {@code expectValue} or
     * {@code expectDescriptor} is the value the recording observed (or null).
     *
     * @param line             the session file's line number, 0 when not from a file
     * @param label            the label of the socket the call names
     * @param request          WskControlSocket's arguments
     * @param irp              whether the call passes an IRP (the file's {@code irp}, default true)
     * @param expect           the status the recording observed, or null
     * @param expectValue      the option value a get observed, or null
     * @param expectDescriptor the descriptor a get observed, or null
     */
    record Control(int line, String label, ControlRequest request, boolean irp, ExpectedStatus expect,
                   Integer expectValue, SecurityDescriptor expectDescriptor) implements SessionCall {
        /**
         * Checks the components.
         *
         * @param line             the session file's line number, 0 when not from a file
         * @param label            the label of the socket the call names
         * @param request          WskControlSocket's arguments
         * @param irp              whether the call passes an IRP (the file's {@code irp}, default true)
         * @param expect           the status the recording observed, or null
         * @param expectValue      the option value a get observed, or null
         * @param expectDescriptor the descriptor a get observed, or null
         */
        public Control {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public Op op() {
            return request.type() == ControlType.SET ? Op.SET : Op.GET;
        }
    }

    /**
     * {@code {"op":"bind"}}: WskBind.
     *
     * @param line    the session file's line number, 0 when not from a file
     * @param label   the label of the socket the call names
     * @param address the local address asked for (port 0: an ephemeral port)
     * @param irp     whether the call passes an IRP (the file's {@code irp}, default true)
     * @param expect  the status the recording observed, or null
     */
    record Bind(int line, String label, TransportAddress address, boolean irp, ExpectedStatus expect, Integer recordedPort)
            implements SessionCall {
        /**
         * Checks the components.
         *
         * @param line    the session file's line number, 0 when not from a file
         * @param label   the label of the socket the call names
         * @param address the local address asked for (port 0: an ephemeral port)
         * @param irp     whether the call passes an IRP (the file's {@code irp}, default true)
         * @param expect  the status the recording observed, or null
         * @param recordedPort the port the recording's system gave this port-0 bind (SPEC.md 6, rule 1a), or null
         */
        public Bind {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(address, "address");
            if (recordedPort != null && (!address.isEphemeralRequest() || recordedPort < 1 || recordedPort > 65_535)) {
                throw new IllegalArgumentException("a recordedPort (1-65535) belongs to a port-0 bind only");
            }
        }

        /**
         * A bind without a recorded port.
         *
         * @param line    the session file's line number, 0 when not from a file
         * @param label   the label of the socket the call names
         * @param address the local address asked for (port 0: an ephemeral port)
         * @param irp     whether the call passes an IRP
         * @param expect  the status the recording observed, or null
         */
        public Bind(int line, String label, TransportAddress address, boolean irp, ExpectedStatus expect) {
            this(line, label, address, irp, expect, null);
        }

        @Override
        public Op op() {
            return Op.BIND;
        }
    }

    /**
     * {@code {"op":"close"}}: WskCloseSocket.
     *
     * @param line   the session file's line number, 0 when not from a file
     * @param label  the label of the socket the call names
     * @param irp    whether the call passes an IRP (the file's {@code irp}, default true)
     * @param expect the status the recording observed, or null
     */
    record Close(int line, String label, boolean irp, ExpectedStatus expect) implements SessionCall {
        /**
         * Checks the components.
         *
         * @param line   the session file's line number, 0 when not from a file
         * @param label  the label of the socket the call names
         * @param irp    whether the call passes an IRP (the file's {@code irp}, default true)
         * @param expect the status the recording observed, or null
         */
        public Close {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Op op() {
            return Op.CLOSE;
        }
    }
}
