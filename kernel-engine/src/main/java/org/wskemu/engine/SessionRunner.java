package org.wskemu.engine;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.irp.CallResult;
import org.wskemu.engine.aggregate.Outcome;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;

/**
 * Runs a session's calls in order through the engine and reports, per call, its status, the
 * position of its decision and its result. Labels name sockets; a label keeps naming its socket
 * after close, so later calls on it are answered INVALID_HANDLE. Calls run in batches sharing one
 * unit of work and one transaction ({@link #DEFAULT_BATCH_SIZE} by default): a crash loses at most
 * the batch in progress, never half a call.
 */
public final class SessionRunner {

    /** Calls per unit of work and transaction when the caller names no batch size: 256. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    /**
     * One call's report.
     *
     * @param call     the call as the session file gave it
     * @param status   the status the emulator answered
     * @param position the log position of the call's last event (its decision), 0 when it recorded none
     * @param result   the call's result: a socket, an option value, a descriptor or none
     */
    public record Report(SessionCall call, NtStatus status, long position, CallResult result) {

        /** {@return whether the recording's expectations (status, and value or descriptor for a get) hold; true when there are none} */
        public boolean matches() {
            if (call.expect() != null && !call.expect().matches(status)) {
                return false;
            }
            if (call instanceof SessionCall.Control control) {
                if (control.expectValue() != null && !(result instanceof CallResult.OptionValue value
                        && value.value() == control.expectValue())) {
                    return false;
                }
                if (control.expectDescriptor() != null && !(result instanceof CallResult.Descriptor d
                        && d.descriptor().equals(control.expectDescriptor()))) {
                    return false;
                }
            }
            return true;
        }

        /** {@return whether the call carried any expectation (a status, a value or a descriptor)} */
        public boolean hasExpectation() {
            return call.expect() != null || call instanceof SessionCall.Control control
                    && (control.expectValue() != null || control.expectDescriptor() != null);
        }
    }

    /**
     * A finished run.
     *
     * @param run          the run's number in this store, from 1
     * @param reports      one report per call that ran, in file order
     * @param stoppedEarly whether {@code --fail-fast} stopped it after the batch of its first divergence
     */
    public record Result(long run, List<Report> reports, boolean stoppedEarly) {

        /**
         * A run that went to the end of its calls.
         *
         * @param run     the run's number
         * @param reports one report per call, in file order
         */
        public Result(long run, List<Report> reports) {
            this(run, reports, false);
        }

        /** {@return the first call, in file order, whose expectation failed, or empty when all held} */
        public Optional<Report> firstDivergence() {
            return reports.stream().filter(r -> !r.matches()).findFirst();
        }

        /** {@return how many calls' expectations failed} */
        public long divergences() {
            return reports.stream().filter(r -> !r.matches()).count();
        }

        /** {@return how many calls carried an expectation} */
        public long expectations() {
            return reports.stream().filter(Report::hasExpectation).count();
        }
    }

    private final KernelEngine engine;
    private final LongSupplier socketIds;
    private final CallDispatcher dispatcher;

    SessionRunner(KernelEngine engine, LongSupplier socketIds, CallDispatcher dispatcher) {
        this.engine = engine;
        this.socketIds = socketIds;
        this.dispatcher = dispatcher;
    }

    /**
     * Runs {@code calls} as a new numbered run in batches of {@link #DEFAULT_BATCH_SIZE}.
     *
     * @param source the session's name as the run records it ({@code -} for standard input)
     * @param calls  the calls, in file order
     * @return the finished run
     */
    public Result run(String source, List<SessionCall> calls) {
        return run(source, calls, DEFAULT_BATCH_SIZE, report -> { });
    }

    /**
     * Runs a session file read with {@link SessionFile#read} (or {@link SessionFile#parse}) as a new
     * run, its source the file's display name: {@code sessions().run(SessionFile.read(path))}.
     *
     * @throws IllegalArgumentException if the file has faults (nothing runs; the message holds the
     *     first fault, {@link SessionFile#faults()} all of them)
     * @param session a session file read without faults
     * @return the finished run
     */
    public Result run(SessionFile session) {
        if (!session.isValid()) {
            throw new IllegalArgumentException("the session file has " + session.faults().size()
                    + " fault(s), the first: " + session.faults().get(0));
        }
        return run(session.displayName(), session.calls());
    }

    /**
     * Runs {@code calls} as a new numbered run of this machine.
     *
     * @param source    the session's name as the run records it
     * @param calls     the calls, in file order
     * @param batchSize calls per unit of work and transaction (1 = one commit per call)
     * @param progress  called with each report once its batch has committed
     * @return the finished run
     * @throws IllegalArgumentException when the batch size is below 1
     */
    public Result run(String source, List<SessionCall> calls, int batchSize, Consumer<Report> progress) {
        return run(source, null, calls, batchSize, false, progress);
    }

    /**
     * Runs {@code calls} as a new numbered run, recording with it the session's digest and, after each
     * committed batch, each call's file line and expectation ({@link CallsRecorded}).
     *
     * @param source    the session's name as the run records it
     * @param sha256   the SHA-256 of the session's bytes (lower-case hex), or null when not from a file
     * @param calls    the calls, in file order
     * @param batchSize calls per unit of work and transaction, at least 1
     * @param progress called with each report once its batch has committed
     * @return the finished run; {@link Result#stoppedEarly()} when fail-fast stopped it
     * @throws IllegalArgumentException when the batch size is below 1
     * @param failFast stop after the batch holding the first divergence: that batch's calls, already
     *                 recorded, stay recorded and reported
     */
    public Result run(String source, String sha256, List<SessionCall> calls, int batchSize, boolean failFast,
                      Consumer<Report> progress) {
        return run(source, sha256, calls, batchSize, failFast, () -> false, progress);
    }

    /**
     * As {@link #run(String, String, List, int, boolean, Consumer)}, asking {@code stop} before each
     * batch: once it answers true (a signal asked the run to end, say), no further batch starts; the
     * batches committed keep their calls and have their lines recorded, and the result holds their
     * reports only ({@code reports().size()} tells how far the run got).
     *
     * @param source    the session's name as the run records it
     * @param sha256    the SHA-256 of the session's bytes (lower-case hex), or null when not from a file
     * @param calls     the calls, in file order
     * @param batchSize calls per unit of work and transaction, at least 1
     * @param failFast  stop after the batch holding the first divergence
     * @param stop      asked before each batch; true ends the run before that batch
     * @param progress  called with each report once its batch has committed
     * @return the finished run, holding the reports of the batches committed
     * @throws IllegalArgumentException when the batch size is below 1
     */
    public Result run(String source, String sha256, List<SessionCall> calls, int batchSize, boolean failFast,
                      BooleanSupplier stop, Consumer<Report> progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        long run = engine.execute(List.of(c -> new Outcome(NtStatus.SUCCESS, c.startRun(source, sha256),
                CallResult.NONE))).get(0).outcome().information();
        Map<String, SocketId> labels = new HashMap<>();
        List<Report> reports = new ArrayList<>(calls.size());
        boolean stopped = false;
        try {
            for (int start = 0; start < calls.size(); start += batchSize) {
                if (stop.getAsBoolean()) {
                    break;
                }
                List<SessionCall> batch = calls.subList(start, Math.min(calls.size(), start + batchSize));
                // an undo log of the batch's label changes, not a copy of every label per batch (issue #15)
                List<Map.Entry<String, SocketId>> undo = new ArrayList<>();
                List<Function<KernelCalls, Outcome>> steps = new ArrayList<>(batch.size());
                for (SessionCall call : batch) {
                    steps.add(c -> step(c, call, run, labels, undo));
                }
                List<KernelEngine.Recorded> recorded =
                        engine.execute(steps, () -> {
                            for (int i = undo.size() - 1; i >= 0; i--) {
                                Map.Entry<String, SocketId> change = undo.get(i);
                                if (change.getValue() == null) {
                                    labels.remove(change.getKey());
                                } else {
                                    labels.put(change.getKey(), change.getValue());
                                }
                            }
                            undo.clear();
                        }, run);
                List<Report> done = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    Outcome outcome = recorded.get(i).outcome();
                    done.add(new Report(batch.get(i), outcome.status(), recorded.get(i).position(), outcome.result()));
                }
                boolean diverged = false;
                for (Report report : done) {
                    reports.add(report);
                    progress.accept(report);
                    diverged |= !report.matches();
                }
                if (failFast && diverged && start + batch.size() < calls.size()) {
                    stopped = true;
                    break;
                }
            }
        } catch (RuntimeException failure) {
            // the batches committed before the failure keep their lines and expectations
            try {
                record(run, reports);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        record(run, reports);
        return new Result(run, reports, stopped);
    }

    /** Entries per {@link CallsRecorded}, so that no one event grows with the session. */
    static final int RECORDED_CALLS_PER_EVENT = 4096;

    /**
     * Records the run's lines and expectations once its calls have committed and their positions are
     * known, after the last call ([emulator choice] DESIGN.md "Recorded expectations": after the run, so
     * that a call's position does not depend on the batch size, and in events of their own rather than
     * metadata on every event; a run killed before its end keeps its calls but not their lines).
     */
    private void record(long run, List<Report> reports) {
        List<CallsRecorded.Call> entries = new ArrayList<>(reports.size());
        for (Report report : reports) {
            if (report.position() > 0) {
                entries.add(entry(report));
            }
        }
        for (int from = 0; from < entries.size(); from += RECORDED_CALLS_PER_EVENT) {
            List<CallsRecorded.Call> chunk = entries.subList(from, Math.min(entries.size(), from + RECORDED_CALLS_PER_EVENT));
            engine.execute(List.of(c -> c.recordCalls(run, chunk)), () -> { }, run);
        }
    }

    static CallsRecorded.Call entry(Report report) {
        SessionCall call = report.call();
        String value = null;
        if (call instanceof SessionCall.Control control) {
            if (control.expectValue() != null) {
                value = Integer.toString(control.expectValue());
            } else if (control.expectDescriptor() != null) {
                value = control.expectDescriptor().toSddl();
            }
        }
        return new CallsRecorded.Call(report.position(), call.line(),
                call.expect() != null ? call.expect().text() : null, value, !report.matches());
    }

    /** One call of the session, through the dispatcher the embedding API uses too (SPEC.md 5). */
    private Outcome step(KernelCalls calls, SessionCall call, long run,
                         Map<String, SocketId> labels, List<Map.Entry<String, SocketId>> undo) {
        if (call instanceof SessionCall.DeclareProcess p) {
            return calls.declareProcess(p.process(), p.token());
        }
        if (call instanceof SessionCall.DeclareThread t) {
            return calls.declareThread(t.thread(), t.process(), t.impersonation());
        }
        if (call instanceof SessionCall.DeclareHost h) {
            return calls.declareHost(h.addresses());
        }
        if (call instanceof SessionCall.CreateSocket s) {
            SocketId id = new SocketId(socketIds.getAsLong());
            Outcome outcome = dispatcher.dispatch(calls, id, null, new CallDispatcher.CreateSocket(s.request()),
                    irp(s.irp()), SessionRun.of(run));
            SocketId before = outcome.status().isSuccess() ? labels.put(s.label(), id) : labels.remove(s.label());
            undo.add(new AbstractMap.SimpleImmutableEntry<>(s.label(), before));
            return outcome;
        }
        if (call instanceof SessionCall.Control c) {
            return onSocket(calls, c, labels, new CallDispatcher.Control(c.request()), c.irp());
        }
        if (call instanceof SessionCall.Bind b) {
            return onSocket(calls, b, labels, new CallDispatcher.Bind(b.address()), b.irp());
        }
        SessionCall.Close close = (SessionCall.Close) call;
        return onSocket(calls, close, labels, new CallDispatcher.Close(), close.irp());
    }

    private Outcome onSocket(KernelCalls calls, SessionCall call, Map<String, SocketId> labels,
                             CallDispatcher.Call dispatched, boolean irp) {
        // a label whose WskSocket was refused names a socket that was never created
        return dispatcher.dispatch(calls, labels.get(call.label()),
                "socket '" + call.label() + "' was never created", dispatched, irp(irp), SessionRun.NONE);
    }

    private static CallDispatcher.IrpState irp(boolean given) {
        return given ? CallDispatcher.IrpState.SUBMITTED : CallDispatcher.IrpState.NULL;
    }
}
