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

    int line();

    ExpectedStatus expect();

    /** The session file's {@code op}. */
    Op op();

    /** The socket label the call names, or null for declarations. */
    default String label() {
        return null;
    }

    /** {@code {"op":"process"}}. */
    record DeclareProcess(int line, ProcessId process, Token token, ExpectedStatus expect) implements SessionCall {
        public DeclareProcess {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Op op() {
            return Op.PROCESS;
        }
    }

    /** {@code {"op":"host"}}: addresses the machine owns (SPEC.md 2). */
    record DeclareHost(int line, List<HostAddress> addresses, ExpectedStatus expect) implements SessionCall {
        public DeclareHost {
            addresses = List.copyOf(addresses);
        }

        @Override
        public Op op() {
            return Op.HOST;
        }
    }

    /** {@code {"op":"thread"}}; {@code impersonation} null when the thread does not impersonate. */
    record DeclareThread(int line, ThreadId thread, ProcessId process, Token impersonation, ExpectedStatus expect)
            implements SessionCall {
        public DeclareThread {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(process, "process");
        }

        @Override
        public Op op() {
            return Op.THREAD;
        }
    }

    /** {@code {"op":"socket"}}: WskSocket; {@code request.label()} is the label. */
    record CreateSocket(int line, SocketRequest request, boolean irp, ExpectedStatus expect) implements SessionCall {
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
     */
    record Control(int line, String label, ControlRequest request, boolean irp, ExpectedStatus expect,
                   Integer expectValue, SecurityDescriptor expectDescriptor) implements SessionCall {
        public Control {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public Op op() {
            return request.type() == ControlType.SET ? Op.SET : Op.GET;
        }
    }

    /** {@code {"op":"bind"}}: WskBind. */
    record Bind(int line, String label, TransportAddress address, boolean irp, ExpectedStatus expect) implements SessionCall {
        public Bind {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Op op() {
            return Op.BIND;
        }
    }

    /** {@code {"op":"close"}}: WskCloseSocket. */
    record Close(int line, String label, boolean irp, ExpectedStatus expect) implements SessionCall {
        public Close {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Op op() {
            return Op.CLOSE;
        }
    }
}
