package org.wskemu.engine;

import org.wskemu.engine.rules.CallDispatcher;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.wskemu.engine.session.LabelTable;
import org.wskemu.engine.session.SessionFile;
import org.wskemu.engine.session.SessionStream;

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
            if (call instanceof SessionCall.Bind bind && bind.recordedPort() != null && result instanceof CallResult.Bound bound
                    && bound.address().port() != bind.recordedPort()) {
                return false; // SPEC.md 6, rule 1a: the recorded port was held, whatever the expect says
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

        /** {@return whether the call carried any expectation (a status, a value, a descriptor or a bind's recorded port)} */
        public boolean hasExpectation() {
            return call.expect() != null || call instanceof SessionCall.Bind bind && bind.recordedPort() != null
                    || call instanceof SessionCall.Control control
                    && (control.expectValue() != null || control.expectDescriptor() != null);
        }
    }

    /**
     * A finished run: its figures, and its reports when the {@link Run} kept them.
     *
     * @param run          the run's number in this store, from 1
     * @param reports      one report per call that ran, in file order, when the run kept them
     *                     ({@link Run#keepReports()}); empty otherwise
     * @param calls        how many calls ran (and were reported)
     * @param expectations how many of them carried an expectation
     * @param divergences  how many of them failed their expectation
     * @param divergence   the first call, in file order, whose expectation failed, or null when all held
     * @param last         the last call that ran, or null when none did
     * @param nextLine     the file line of the first call that did not run, 0 when every call ran
     * @param stoppedEarly whether {@code --fail-fast} stopped it after the batch of its first divergence
     */
    public record Result(long run, List<Report> reports, long calls, long expectations, long divergences,
                         Report divergence, Report last, int nextLine, boolean stoppedEarly) {

        /**
         * Copies the reports.
         *
         * @param run          the run's number
         * @param reports      the reports kept, copied
         * @param calls        how many calls ran
         * @param expectations how many carried an expectation
         * @param divergences  how many failed their expectation
         * @param divergence   the first divergence, or null
         * @param last         the last call that ran, or null
         * @param nextLine     the line of the first call that did not run, or 0
         * @param stoppedEarly whether fail-fast stopped it
         */
        public Result {
            reports = List.copyOf(reports);
        }

        /** {@return the first call, in file order, whose expectation failed, or empty when all held} */
        public Optional<Report> firstDivergence() {
            return Optional.ofNullable(divergence);
        }
    }

    /**
     * What to run and how: one options value for {@link #run(Run)} (issue #28), built with
     * {@code of} and changed with the withers.
     *
     * @param source      the session's name as the run records it ({@code -} for standard input)
     * @param sha256      the SHA-256 of the session's bytes (lower-case hex), or null when not from a file
     * @param calls       opens the calls, in file order (closed after the run when closeable); read no
     *                    further than the run goes (plus one call, whose line {@link Result#nextLine()}
     *                    gives, when the run stops early)
     * @param batchSize   calls per unit of work and transaction, at least 1 ({@link #DEFAULT_BATCH_SIZE})
     * @param failFast    stop after the batch holding the first divergence: that batch's calls, already
     *                    recorded, stay recorded and reported
     * @param stop        asked before each batch; once it answers true (a signal asked the run to end,
     *                    say), no further batch starts
     * @param progress    called with each report once its batch has committed
     * @param keepReports whether the result holds every report ({@link Result#reports()}); a streamed
     *                    run keeps only its figures
     */
    public record Run(String source, String sha256, CallSource calls, int batchSize, boolean failFast,
                      BooleanSupplier stop, Consumer<Report> progress, boolean keepReports) {

        /**
         * Checks the options.
         *
         * @param source      the session's name
         * @param sha256      the session's digest, or null
         * @param calls       opens the calls
         * @param batchSize   at least 1
         * @param failFast    stop after the batch of the first divergence
         * @param stop        asked before each batch
         * @param progress    called with each committed report
         * @param keepReports whether the result holds every report
         * @throws IllegalArgumentException when the batch size is below 1
         */
        public Run {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(calls, "calls");
            Objects.requireNonNull(stop, "stop");
            Objects.requireNonNull(progress, "progress");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1");
            }
        }

        /**
         * A run of a list of calls, its reports kept, in batches of {@link #DEFAULT_BATCH_SIZE}.
         *
         * @param source the session's name as the run records it
         * @param calls  the calls, in file order
         * @return the options
         */
        public static Run of(String source, List<SessionCall> calls) {
            List<SessionCall> list = List.copyOf(calls);
            return new Run(source, null, list::iterator, DEFAULT_BATCH_SIZE, false, () -> false, report -> { }, true);
        }

        /**
         * A run of calls read one batch at a time, its reports handed to {@link #progress()} and not kept.
         *
         * @param source the session's name as the run records it
         * @param calls  the calls, in file order, read once
         * @return the options
         */
        public static Run of(String source, Iterator<SessionCall> calls) {
            return new Run(source, null, () -> calls, DEFAULT_BATCH_SIZE, false, () -> false, report -> { }, false);
        }

        /**
         * A run of a session file read with {@link SessionFile#read} (or {@link SessionFile#parse}), its
         * source the file's display name, its reports kept.
         *
         * @param session a session file read without faults
         * @return the options
         * @throws IllegalArgumentException if the file has faults (the message holds the first fault,
         *     {@link SessionFile#faults()} all of them)
         */
        public static Run of(SessionFile session) {
            if (!session.isValid()) {
                throw new IllegalArgumentException("the session file has " + session.faults().size()
                        + " fault(s), the first: " + session.faults().get(0));
            }
            return of(session.displayName(), session.calls());
        }

        /**
         * A run of a session checked by {@link SessionStream}, read call by call (memory holds one batch
         * of calls and reports, the labels, and not the session), its source and digest the session's,
         * its reports not kept. Running it throws {@link IllegalStateException} when the session has
         * faults, and {@link SessionStream.ChangedException} when its file changed since it was checked
         * (the batches committed stay, with their lines).
         *
         * @param session a session checked without faults
         * @return the options
         */
        public static Run of(SessionStream session) {
            return new Run(session.displayName(), session.sha256(), session::calls, DEFAULT_BATCH_SIZE, false,
                    () -> false, report -> { }, false);
        }

        /**
         * These options with another sha256.
         *
         * @param sha256 the session's digest, or null
         * @return the options
         */
        public Run withSha256(String sha256) {
            return new Run(source, sha256, calls, batchSize, failFast, stop, progress, keepReports);
        }

        /**
         * These options with another batchSize.
         *
         * @param batchSize calls per unit of work and transaction, at least 1
         * @return the options
         */
        public Run withBatchSize(int batchSize) {
            return new Run(source, sha256, calls, batchSize, failFast, stop, progress, keepReports);
        }

        /**
         * These options with another failFast.
         *
         * @param failFast stop after the batch of the first divergence
         * @return the options
         */
        public Run withFailFast(boolean failFast) {
            return new Run(source, sha256, calls, batchSize, failFast, stop, progress, keepReports);
        }

        /**
         * These options with another stop.
         *
         * @param stop asked before each batch; true ends the run before that batch
         * @return the options
         */
        public Run withStop(BooleanSupplier stop) {
            return new Run(source, sha256, calls, batchSize, failFast, stop, progress, keepReports);
        }

        /**
         * These options with another progress.
         *
         * @param progress called with each report once its batch has committed
         * @return the options
         */
        public Run withProgress(Consumer<Report> progress) {
            return new Run(source, sha256, calls, batchSize, failFast, stop, progress, keepReports);
        }

        /**
         * These options with another keepReports.
         *
         * @param keepReports whether the result holds every report
         * @return the options
         */
        public Run withKeepReports(boolean keepReports) {
            return new Run(source, sha256, calls, batchSize, failFast, stop, progress, keepReports);
        }
    }

    /** Opens a run's calls, in file order; an iterator that is {@link AutoCloseable} is closed after the run. */
    @FunctionalInterface
    public interface CallSource {

        /**
         * Opens the calls.
         *
         * @return the calls, read no further than the run goes
         * @throws IOException when they cannot be opened
         */
        Iterator<SessionCall> open() throws IOException;
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
     * Runs a session as a new numbered run of this machine, in batches sharing one unit of work and one
     * transaction each: {@code sessions().run(Run.of(source, calls))}, {@code Run.of(SessionFile.read(path))}
     * or {@code Run.of(session).withBatchSize(1).withFailFast(true)}. The batches committed keep their
     * calls and have their lines recorded whatever ends the run (its end, fail-fast, {@code stop}, a
     * failure); the result holds how far it got.
     *
     * @param options what to run and how
     * @return the finished run
     */
    public Result run(Run options) {
        Iterator<SessionCall> calls;
        try {
            calls = options.calls().open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return run(options, calls);
        } finally {
            if (calls instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the run is over; nothing was written through it
                }
            }
        }
    }

    private Result run(Run options, Iterator<SessionCall> calls) {
        String source = options.source();
        String sha256 = options.sha256();
        int batchSize = options.batchSize();
        boolean failFast = options.failFast();
        BooleanSupplier stop = options.stop();
        Consumer<Report> progress = options.progress();
        List<Report> kept = options.keepReports() ? new ArrayList<>() : List.of();
        long run = engine.execute(List.of(c -> new Outcome(NtStatus.SUCCESS, c.startRun(source, sha256),
                CallResult.NONE))).get(0).outcome().information();
        Labels labels = new Labels();
        long done = 0;
        long expectations = 0;
        long divergences = 0;
        Report first = null;
        Report last = null;
        int nextLine = 0;
        boolean stopped = false;
        try (RecordedSpool recorded = new RecordedSpool()) {
            try {
                List<SessionCall> batch = new ArrayList<>(Math.min(batchSize, 4096));
                while (calls.hasNext()) {
                    if (stop.getAsBoolean()) {
                        nextLine = calls.next().line();
                        break;
                    }
                    batch.clear();
                    while (batch.size() < batchSize && calls.hasNext()) {
                        batch.add(calls.next());
                    }
                    labels.startBatch();
                    List<Function<KernelCalls, Outcome>> steps = new ArrayList<>(batch.size());
                    for (SessionCall call : batch) {
                        steps.add(c -> step(c, call, run, labels));
                    }
                    List<KernelEngine.Recorded> outcomes = engine.execute(steps, labels::rollback, labels::startBatch, run);
                    List<Report> reports = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        Outcome outcome = outcomes.get(i).outcome();
                        reports.add(new Report(batch.get(i), outcome.status(), outcomes.get(i).position(),
                                outcome.result()));
                    }
                    boolean diverged = false;
                    for (Report report : reports) {
                        done++;
                        last = report;
                        boolean matches = report.matches();
                        if (report.hasExpectation()) {
                            expectations++;
                        }
                        if (!matches) {
                            divergences++;
                            if (first == null) {
                                first = report;
                            }
                        }
                        if (report.position() > 0) {
                            recorded.add(entry(report));
                        }
                        if (options.keepReports()) {
                            kept.add(report);
                        }
                        progress.accept(report);
                        diverged |= !matches;
                    }
                    if (failFast && diverged && calls.hasNext()) {
                        stopped = true;
                        nextLine = calls.next().line();
                        break;
                    }
                }
            } catch (RuntimeException failure) {
                // the batches committed before the failure keep their lines and expectations
                try {
                    recorded.record(run);
                } catch (RuntimeException alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
                throw failure;
            }
            recorded.record(run);
        }
        // the run's end, after its calls and their recorded lines: a run without one was cut short (#26)
        long recordedCalls = done;
        boolean early = stopped || nextLine > 0;
        engine.execute(List.of(c -> c.endRun(run, recordedCalls, early)), () -> { }, run);
        engine.runEnded();
        return new Result(run, kept, done, expectations, divergences, first, last, nextLine, stopped);
    }

    /** Entries per {@link CallsRecorded}, so that no one event grows with the session. */
    static final int RECORDED_CALLS_PER_EVENT = 4096;

    /**
     * The labels of a run and their sockets, with what the batch in progress changed, to undo when the
     * batch is tried again (a copy of every label per batch made a long run quadratic).
     */
    private static final class Labels {
        /** A label whose socket creation was refused: it names no socket. */
        private static final long NONE = Long.MIN_VALUE;
        /** Each label's socket id (compact: issue #15, a streamed run of millions of labels). */
        private final LabelTable sockets = new LabelTable();
        /** The labels the batch in progress changed, each with its socket before the batch (null: none). */
        private final Map<String, SocketId> before = new HashMap<>();

        void startBatch() {
            before.clear();
        }

        SocketId get(String label) {
            long id = sockets.get(label, NONE);
            return id == NONE ? null : new SocketId(id);
        }

        void put(String label, SocketId socket) {
            remember(label);
            sockets.put(label, socket.value());
        }

        void remove(String label) {
            remember(label);
            if (sockets.contains(label)) {
                sockets.put(label, NONE);
            }
        }

        private void remember(String label) {
            if (!before.containsKey(label)) {
                before.put(label, get(label));
            }
        }

        void rollback() {
            before.forEach((label, socket) -> {
                if (socket == null) {
                    remove(label);
                } else {
                    sockets.put(label, socket.value());
                }
            });
        }
    }

    /**
     * The run's lines and expectations until its end: one event's worth in memory, the rest in a
     * temporary file (deleted on close), so that a long run does not hold an entry per call. Recorded
     * after the last call ([emulator choice] DESIGN.md "Recorded expectations": after the run, so that a
     * call's position does not depend on the batch size, and in events of their own rather than metadata
     * on every event; a run killed before its end keeps its calls but not their lines).
     */
    private final class RecordedSpool implements AutoCloseable {
        private final List<CallsRecorded.Call> pending = new ArrayList<>();
        private Path file;
        private DataOutputStream out;
        private long spooled;
        /** Whether no temporary file could be made: every entry then waits in {@link #pending}. */
        private boolean inMemory;

        void add(CallsRecorded.Call entry) {
            pending.add(entry);
            if (pending.size() >= RECORDED_CALLS_PER_EVENT && !inMemory) {
                if (out == null) {
                    try {
                        file = Files.createTempFile("wskemu-recorded-", ".bin");
                        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
                    } catch (IOException | UnsupportedOperationException e) {
                        // no temporary file (a read-only temporary directory, say): kept in memory, as before
                        inMemory = true;
                        return;
                    }
                }
                try {
                    for (CallsRecorded.Call call : pending) {
                        write(out, call);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot spool the run's recorded lines: " + e.getMessage(), e);
                }
                spooled += pending.size();
                pending.clear();
            }
        }

        /** Records every entry, in order, in events of {@link #RECORDED_CALLS_PER_EVENT}; once. */
        void record(long run) {
            List<CallsRecorded.Call> tail = List.copyOf(pending);
            pending.clear();
            if (out != null) {
                try {
                    out.close();
                    out = null;
                    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                        for (long read = 0; read < spooled; ) {
                            List<CallsRecorded.Call> chunk = new ArrayList<>(RECORDED_CALLS_PER_EVENT);
                            for (int i = 0; i < RECORDED_CALLS_PER_EVENT && read < spooled; i++, read++) {
                                chunk.add(read(in));
                            }
                            engine.execute(List.of(c -> c.recordCalls(run, chunk)), () -> { }, run);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read back the run's recorded lines: " + e.getMessage(), e);
                }
                spooled = 0;
            }
            for (int from = 0; from < tail.size(); from += RECORDED_CALLS_PER_EVENT) {
                List<CallsRecorded.Call> chunk = tail.subList(from, Math.min(tail.size(), from + RECORDED_CALLS_PER_EVENT));
                engine.execute(List.of(c -> c.recordCalls(run, chunk)), () -> { }, run);
            }
        }

        @Override
        public void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // the file is deleted next
            }
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }

        private static void write(DataOutputStream out, CallsRecorded.Call call) throws IOException {
            out.writeLong(call.position());
            out.writeInt(call.line());
            writeText(out, call.expect());
            writeText(out, call.value());
            out.writeBoolean(call.diverged() != null && call.diverged());
        }

        private static CallsRecorded.Call read(DataInputStream in) throws IOException {
            long position = in.readLong();
            int line = in.readInt();
            String expect = readText(in);
            String value = readText(in);
            return new CallsRecorded.Call(position, line, expect, value, in.readBoolean());
        }

        private static void writeText(DataOutputStream out, String text) throws IOException {
            if (text == null) {
                out.writeInt(-1);
            } else {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }

        private static String readText(DataInputStream in) throws IOException {
            int length = in.readInt();
            return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
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
    private Outcome step(KernelCalls calls, SessionCall call, long run, Labels labels) {
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
            if (outcome.status().isSuccess()) {
                labels.put(s.label(), id);
            } else {
                labels.remove(s.label());
            }
            return outcome;
        }
        if (call instanceof SessionCall.Control c) {
            return onSocket(calls, c, labels, new CallDispatcher.Control(c.request()), c.irp());
        }
        if (call instanceof SessionCall.Bind b) {
            return onSocket(calls, b, labels, new CallDispatcher.Bind(b.address(), b.recordedPort()), b.irp());
        }
        SessionCall.Close close = (SessionCall.Close) call;
        return onSocket(calls, close, labels, new CallDispatcher.Close(), close.irp());
    }

    private Outcome onSocket(KernelCalls calls, SessionCall call, Labels labels,
                             CallDispatcher.Call dispatched, boolean irp) {
        // a label whose WskSocket was refused names a socket that was never created
        return dispatcher.dispatch(calls, labels.get(call.label()),
                "socket '" + call.label() + "' was never created", dispatched, irp(irp), SessionRun.NONE);
    }

    private static CallDispatcher.IrpState irp(boolean given) {
        return given ? CallDispatcher.IrpState.SUBMITTED : CallDispatcher.IrpState.NULL;
    }
}
