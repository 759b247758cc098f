package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.session.SessionFile;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.session.SessionCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu compare FILE [--profiles wsk,win32,win32-legacy] [--all]}: re-decides one session under
 * several profiles side by side (SPEC.md 7: "a session can be re-decided under another profile to
 * compare"). Each profile runs the session on an engine of its own in memory ({@code --store mem}):
 * the user's store is neither opened nor created. One row per call whose outcome differs between the
 * profiles, or that differs from the recording under every profile (every call with {@code --all}), a
 * column per profile and one naming the profiles under which the call diverged; then, per profile, how
 * many recorded expectations it meets. Exit 0 when all agree, 1 when any differ, 2 on bad input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Re-decide a session under several profiles, in memory (the store is not touched), and "
                + "show the calls whose outcomes differ.")
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The session file; - reads it from standard input.")
    Path file;

    @Option(names = "--profiles", paramLabel = "P,P,...", split = ",", defaultValue = "wsk,win32,win32-legacy",
            description = "The profiles to compare (default: ${DEFAULT-VALUE}).")
    List<String> profiles;

    @Option(names = "--all", description = "Every call, not only those whose outcomes differ.")
    boolean all;

    @Mixin
    ListingFormat format = new ListingFormat();

    /** One call's outcome under one profile: its status, and the bound address or the value read. */
    record Outcome(org.wskemu.api.NtStatus status, String detail) {

        static Outcome of(SessionRunner.Report report) {
            String detail = null;
            if (report.result() instanceof CallResult.Bound bound) {
                detail = bound.address().toString();
            } else if (report.result() instanceof CallResult.OptionValue value) {
                detail = "value " + value.value();
            } else if (report.result() instanceof CallResult.Descriptor descriptor) {
                detail = "sd " + descriptor.descriptor().toSddl();
            }
            return new Outcome(report.status(), detail);
        }

        String text() {
            return detail == null ? status.fullName() : status.fullName() + " " + detail;
        }
    }

    @Override
    public Integer call() {
        List<ProfileId> chosen = chosenProfiles();
        ListingFormat.Kind kind = format.kind();
        boolean fromStdin = file.toString().equals("-");
        SessionFile session = fromStdin ? SessionFile.read(parent.stdin, "-") : SessionFile.read(file);
        PrintWriter err = spec.commandLine().getErr();
        if (!session.isValid()) {
            session.faults().forEach(err::println);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        List<List<Outcome>> byProfile = new ArrayList<>();
        List<List<SessionRunner.Report>> reportsByProfile = new ArrayList<>();
        for (ProfileId profile : chosen) {
            // [emulator choice] each profile on a fresh in-memory machine: the comparison never depends on,
            // nor changes, what the user's store holds
            GlobalOptions memory = new GlobalOptions();
            memory.store = "mem";
            memory.profile = profile;
            try (WskEmulator kernel = Machine.open(memory)) {
                List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of(file.toString(), session.calls())
                        .withSha256(session.sha256()).withBatchSize(SessionRunner.DEFAULT_BATCH_SIZE)).reports();
                reportsByProfile.add(reports);
                byProfile.add(reports.stream().map(Outcome::of).toList());
            }
        }
        List<SessionCall> calls = session.calls();
        List<Integer> rows = new ArrayList<>();
        int differing = 0;
        long expectations = reportsByProfile.get(0).stream().filter(SessionRunner.Report::hasExpectation).count();
        long[] met = new long[chosen.size()];
        List<Integer> divergedEverywhere = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Set<Outcome> outcomes = new LinkedHashSet<>();
            for (List<Outcome> outcomesOfProfile : byProfile) {
                outcomes.add(outcomesOfProfile.get(i));
            }
            boolean differs = outcomes.size() > 1;
            differing += differs ? 1 : 0;
            int diverged = 0;
            for (int p = 0; p < chosen.size(); p++) {
                SessionRunner.Report report = reportsByProfile.get(p).get(i);
                if (report.hasExpectation() && report.matches()) {
                    met[p]++;
                }
                diverged += report.matches() ? 0 : 1;
            }
            // every profile differs from the recording: the profiles agree, yet the call is worth a look
            boolean everywhere = diverged == chosen.size();
            if (everywhere) {
                divergedEverywhere.add(calls.get(i).line());
            }
            if (differs || all || everywhere) {
                rows.add(i);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (kind == ListingFormat.Kind.JSON) {
            for (int i : rows) {
                out.println(Json.line(json(calls.get(i), chosen, byProfile, reportsByProfile, i)));
            }
            ObjectNode summary = Json.object();
            ObjectNode fields = summary.putObject("summary").put("calls", calls.size()).put("differing", differing);
            ArrayNode names = fields.putArray("profiles");
            chosen.forEach(p -> names.add(p.label()));
            fields.put("expectations", expectations);
            ObjectNode metBy = fields.putObject("met");
            for (int p = 0; p < chosen.size(); p++) {
                metBy.put(chosen.get(p).label(), met[p]);
            }
            ArrayNode everywhere = fields.putArray("divergedEverywhere");
            divergedEverywhere.forEach(everywhere::add);
            out.println(Json.line(summary));
        } else if (kind == ListingFormat.Kind.CSV) {
            List<Object> header = new ArrayList<>(List.of("line", "op", "socket", "expected"));
            chosen.forEach(p -> header.add(p.label()));
            header.add("diverged");
            Csv.record(out, header);
            for (int i : rows) {
                Csv.record(out, cells(calls.get(i), chosen, byProfile, reportsByProfile, i));
            }
        } else {
            List<String> header = new ArrayList<>(List.of("LINE", "OP", "SOCKET", "EXPECTED"));
            chosen.forEach(p -> header.add(p.label().toUpperCase(java.util.Locale.ROOT)));
            header.add("DIVERGED");
            Table table = new Table(header.toArray(String[]::new));
            for (int i : rows) {
                table.row(cells(calls.get(i), chosen, byProfile, reportsByProfile, i).toArray());
            }
            if (!table.isEmpty()) {
                table.print(out);
            }
            Human.line(out, "%d calls, %d differ between %s", calls.size(), differing,
                    String.join(", ", chosen.stream().map(ProfileId::label).toList()));
            List<String> metText = new ArrayList<>();
            for (int p = 0; p < chosen.size(); p++) {
                metText.add(chosen.get(p).label() + " " + met[p] + " of " + expectations);
            }
            Human.line(out, "recorded expectations met: %s", String.join(", ", metText));
            if (!divergedEverywhere.isEmpty()) {
                Human.line(out, "%d %s every profile differs from the recording (DIVERGED all): line%s %s",
                        divergedEverywhere.size(), divergedEverywhere.size() == 1 ? "call where" : "calls where",
                        divergedEverywhere.size() == 1 ? "" : "s",
                        String.join(", ", divergedEverywhere.stream().map(String::valueOf).toList()));
            }
        }
        out.flush();
        return differing > 0 ? ExitCode.DIVERGED : ExitCode.OK;
    }

    private List<ProfileId> chosenProfiles() {
        Set<ProfileId> chosen = new LinkedHashSet<>();
        for (String name : profiles) {
            try {
                if (!chosen.add(ProfileId.parse(name.strip()))) {
                    throw new UserError(ExitCode.BAD_INPUT, "--profiles: " + name.strip() + " is named twice");
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCode.BAD_INPUT, "--profiles: " + e.getMessage());
            }
        }
        if (chosen.size() < 2) {
            throw new UserError(ExitCode.BAD_INPUT, "--profiles: name at least two profiles to compare");
        }
        return List.copyOf(chosen);
    }

    private static List<Object> cells(SessionCall call, List<ProfileId> chosen, List<List<Outcome>> byProfile,
                                      List<List<SessionRunner.Report>> reports, int i) {
        List<Object> cells = new ArrayList<>(List.of(call.line(), call.op().text(), call.label() == null ? "-" : call.label(),
                call.expect() == null ? "-" : call.expect().text()));
        for (List<Outcome> outcomes : byProfile) {
            cells.add(outcomes.get(i).text());
        }
        List<String> diverged = divergedUnder(chosen, reports, i);
        cells.add(diverged.isEmpty() ? "none" : diverged.size() == chosen.size() ? "all" : String.join(" ", diverged));
        return cells;
    }

    /** The profiles under which call {@code i} differs from the recording's expectations. */
    private static List<String> divergedUnder(List<ProfileId> chosen, List<List<SessionRunner.Report>> reports, int i) {
        List<String> diverged = new ArrayList<>();
        for (int p = 0; p < chosen.size(); p++) {
            if (!reports.get(p).get(i).matches()) {
                diverged.add(chosen.get(p).label());
            }
        }
        return diverged;
    }

    private static ObjectNode json(SessionCall call, List<ProfileId> chosen, List<List<Outcome>> byProfile,
                                   List<List<SessionRunner.Report>> reports, int i) {
        ObjectNode node = Json.object().put("line", call.line()).put("op", call.op().text()).put("socket", call.label());
        node.put("expected", call.expect() == null ? null : call.expect().text());
        ObjectNode columns = node.putObject("profiles");
        for (int p = 0; p < chosen.size(); p++) {
            Outcome outcome = byProfile.get(p).get(i);
            ObjectNode cell = Json.status(columns.putObject(chosen.get(p).label()), outcome.status());
            if (outcome.detail() != null) {
                cell.put("detail", outcome.detail());
            }
            cell.put("match", call.expect() == null || call.expect().matches(outcome.status()));
            cell.put("diverged", !reports.get(p).get(i).matches());
        }
        List<String> diverged = divergedUnder(chosen, reports, i);
        node.put("divergedEverywhere", diverged.size() == chosen.size());
        return node;
    }
}
