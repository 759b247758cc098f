package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.wskemu.api.NtStatus;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.text.SafeText;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu run FILE}: validates the whole session file, then runs it against the store, one
 * output line per call. Exit 0 when every expectation holds, 1 on divergences, 2 on a malformed
 * file (nothing written), 3 when the store cannot be used.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run a session file (.wsk.jsonl) against the store.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The session file; - reads it from standard input.")
    Path file;

    @Option(names = "--fail-fast", description = "Stop after the first divergence (the calls of its batch, "
            + "already recorded, stay recorded).")
    boolean failFast;

    @Option(names = "--json", description = "One JSON object per call, then a summary line.")
    boolean json;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + SessionRunner.DEFAULT_BATCH_SIZE,
            description = "Calls per transaction (default ${DEFAULT-VALUE}); 1 commits every call.")
    int batch;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UserError(ExitCode.BAD_INPUT, "--batch must be at least 1");
        }
        boolean fromStdin = file.toString().equals("-");
        // issue #15: a first streaming pass checks the whole session before anything runs (run - first
        // copies standard input to a temporary file); the run then reads it again call by call
        try (SessionStream session = fromStdin ? SessionStream.check(parent.stdin, "-") : SessionStream.check(file)) {
            return run(session);
        }
    }

    private Integer run(SessionStream session) {
        PrintWriter err = spec.commandLine().getErr();
        if (!session.isValid()) {
            session.faults().forEach(err::println);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (session.size() == 0) {
            // issue #26: empty input (a closed pipe, a file of comments) is no run of 0 calls; nothing is written
            throw new UserError(ExitCode.BAD_INPUT, SafeText.escape(file.toString())
                    + ": no call to run (the session is empty); nothing recorded");
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = Progress.onStderr(err, session.size());
        SessionRunner.Result result;
        Interruption interruption;
        try (WskEmulator kernel = Machine.open(parent.global)) {
            // issue #17: SIGINT/SIGTERM stop the run between batches, not inside one
            try (Interruption signals = Interruption.install();
                 SessionStream.Calls calls = session.calls()) {
                interruption = signals;
                result = kernel.sessions().run(SessionRunner.Run.of(file.toString(), calls).withSha256(session.sha256())
                        .withBatchSize(batch).withFailFast(failFast).withStop(signals::requested).withProgress(report -> {
                    progress.clear();
                    out.println(json ? Json.line(json(report)) : SafeText.escape(human(report)));
                    progress.advance();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SessionStream.ChangedException e) {
                // the file was edited while it ran: the batches committed stay, with their lines
                progress.clear();
                out.flush();
                throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
            }
        }
        progress.done();
        boolean interrupted = interruption.requested();
        Optional<SessionRunner.Report> first = result.firstDivergence();
        if (json) {
            ObjectNode summary = Json.object();
            ObjectNode fields = summary.putObject("summary").put("calls", result.calls())
                    .put("expectations", result.expectations()).put("divergences", result.divergences());
            // extensions (issue #13): only when there is a divergence, and only when --fail-fast stopped the run
            first.ifPresent(r -> fields.put("firstDivergence", r.call().line())
                    .put("firstDivergencePosition", r.position()));
            if (result.stoppedEarly()) {
                fields.put("stoppedEarly", true);
            }
            if (interrupted) {
                fields.put("interrupted", interruption.name());
                resumeLine(result).ifPresent(line -> fields.put("resumeFrom", line));
            }
            out.println(Json.line(summary));
        } else {
            StringBuilder last = new StringBuilder(String.format("run %d: %d calls, %d expectations, %d divergences",
                    result.run(), result.calls(), result.expectations(), result.divergences()));
            first.ifPresent(r -> last.append("; first divergence at line ").append(r.call().line())
                    .append(" (position ").append(r.position()).append(")"));
            if (result.stoppedEarly()) {
                last.append("; stopped early (--fail-fast) after line ")
                        .append(result.last().call().line())
                        .append(", of ").append(session.size()).append(" calls");
            }
            Human.line(out, last.toString());
        }
        out.flush();
        if (interrupted) {
            // one line on stderr: how far the run got, and where to take it up
            long done = result.calls();
            OptionalInt resume = resumeLine(result);
            err.println(SafeText.escape("wskemu: interrupted by " + interruption.name() + ": run " + result.run()
                    + " recorded " + done + " of " + session.size() + " calls"
                    + (done > 0 ? ", up to line " + result.last().call().line() : "")
                    + (resume.isPresent() ? "; the first call not run is at line " + resume.getAsInt()
                            + " of " + file : "; every call was recorded")));
            err.flush();
            return interruption.exitCode();
        }
        return result.divergences() > 0 ? ExitCode.DIVERGED : ExitCode.OK;
    }

    /** The file line of the first call the run did not reach, if any. */
    private static OptionalInt resumeLine(SessionRunner.Result result) {
        return result.nextLine() > 0 ? OptionalInt.of(result.nextLine()) : OptionalInt.empty();
    }

    static ObjectNode json(SessionRunner.Report report) {
        SessionCall call = report.call();
        ObjectNode node = Json.object().put("line", call.line()).put("op", call.op().text());
        // Every call line has every key of the contract's line: a declaration has no socket, so null.
        if (call.label() != null) {
            node.put("socket", call.label());
        } else {
            node.putNull("socket");
        }
        Json.status(node, report.status());
        node.put("position", report.position());
        if (call.expect() != null) {
            node.put("expected", call.expect().text());
        } else {
            node.putNull("expected");
        }
        node.put("match", report.matches());
        node.put("diverged", !report.matches()); // the one name of a call's divergence in every command (#26)
        if (call instanceof SessionCall.Control control && control.expectValue() != null) {
            node.put("expectedValue", control.expectValue());
        } else if (call instanceof SessionCall.Control control && control.expectDescriptor() != null) {
            node.put("expectedSd", control.expectDescriptor().toSddl());
        }
        if (call instanceof SessionCall.Bind bind) {
            node.put("address", report.result() instanceof CallResult.Bound bound
                    ? bound.address().toString() : bind.address().toString());
        }
        if (report.result() instanceof CallResult.OptionValue value) {
            node.put("value", value.value());
        } else if (report.result() instanceof CallResult.Descriptor descriptor) {
            node.put("sd", descriptor.descriptor().toSddl());
        }
        return node;
    }

    static String human(SessionCall call, NtStatus status, long position, CallResult result, boolean matches) {
        StringBuilder line = new StringBuilder(String.format("%5d  %-7s %-10s %-32s @%d", call.line(), call.op(),
                call.label() == null ? "-" : call.label(), status.fullName() + " (" + status.hex() + ")", position));
        if (result instanceof CallResult.Bound bound) {
            line.append("  ").append(bound.address());
        } else if (result instanceof CallResult.OptionValue value) {
            line.append("  value ").append(value.value());
        } else if (result instanceof CallResult.Descriptor descriptor) {
            line.append("  sd ").append(descriptor.descriptor().toSddl());
        }
        if (!matches) {
            boolean portHeld = call instanceof SessionCall.Bind bind && bind.recordedPort() != null
                    && result instanceof CallResult.Bound b && b.address().port() != bind.recordedPort();
            line.append("  DIVERGENCE: recorded ").append(portHeld
                    ? "port " + ((SessionCall.Bind) call).recordedPort() + ", held here (explain names its holder)"
                    : call.expect() != null ? call.expect().text() : "a different value");
        }
        return line.toString();
    }

    private static String human(SessionRunner.Report report) {
        return human(report.call(), report.status(), report.position(), report.result(), report.matches());
    }
}
