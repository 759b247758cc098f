package org.wskemu.cli;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's model as help, man pages and completion show it (issue #26): a command that reads
 * recorded decisions still parses {@code --profile} (to refuse it) but does not offer it, and says the
 * store it reads is never created; defaults print whole. Applied where picocli builds the model from the
 * annotations, so {@code --help}, the man pages and the completion script agree.
 */
final class HelpModel implements CommandLine.IModelTransformer {

    /** The commands that read recorded decisions: each refuses --profile (Machine) and creates no store. */
    static final Set<String> READING = Set.of("state", "history", "explain", "audit", "verify", "rebuild", "report",
            "export");

    private static final String READ_STORE = "Default: .wskemu (in the working directory). The store to read: a "
            + "directory a run created (never created by this command), 'mem' (an empty machine), or a PostgreSQL "
            + "database (user and password from PGUSER/PGPASSWORD or ?user=&password=).";

    /** Each command's worked examples, shown under EXAMPLES in its --help and man page. */
    static final Map<String, String[]> EXAMPLES = Map.ofEntries(
            Map.entry("run", new String[] {"wskemu run examples/quickstart.wsk.jsonl",
                    "wskemu --profile win32 run session.wsk.jsonl --fail-fast",
                    "wskemu import --from wine trace.log | wskemu --profile win32 run - --json"}),
            Map.entry("state", new String[] {"wskemu state", "wskemu state --at 10 --port 443", "wskemu state -o csv"}),
            Map.entry("history", new String[] {"wskemu history --from 17 --to 20", "wskemu history --diverged --json",
                    "wskemu history --runs", "wskemu history --socket b80 --op bind"}),
            Map.entry("explain", new String[] {"wskemu explain 19", "wskemu explain 17 --json"}),
            Map.entry("audit", new String[] {"wskemu audit --status ACCESS_DENIED", "wskemu audit --diverged --json",
                    "wskemu audit --run 2 --port 80 -o csv"}),
            Map.entry("rebuild", new String[] {"wskemu rebuild", "wskemu --store team.db rebuild"}),
            Map.entry("verify", new String[] {"wskemu verify", "wskemu --store postgresql://db.example/wskemu verify",
                    "wskemu verify --head-from published-heads.csv"}),
            Map.entry("explore", new String[] {"wskemu explore examples/boot-race.wsk.jsonl --witness-dir witnesses",
                    "wskemu explore session.wsk.jsonl --by thread --max-orders 100000 --json"}),
            Map.entry("shrink", new String[] {"wskemu shrink session.wsk.jsonl -o smallest.wsk.jsonl",
                    "wskemu shrink witnesses/outcome-2.wsk.jsonl --call 11"}),
            Map.entry("debug", new String[] {"wskemu debug examples/quickstart.wsk.jsonl",
                    "wskemu --store .wskemu debug --run 1", "printf 'break refused\\ng\\nexplain\\n' | wskemu debug session.wsk.jsonl"}),
            Map.entry("dap", new String[] {"wskemu dap   (started by an editor: editors/vscode/README.md)"}),
            Map.entry("matrix", new String[] {"wskemu matrix", "wskemu matrix --profile win32"}),
            Map.entry("bench", new String[] {"wskemu bench --quick", "wskemu bench --calls 100000 --json"}),
            Map.entry("report", new String[] {"wskemu report --html -o report.html"}),
            Map.entry("compare", new String[] {"wskemu compare session.wsk.jsonl",
                    "wskemu compare session.wsk.jsonl --profiles win32,win32-legacy --all --json"}),
            Map.entry("import", new String[] {"wskemu import --from wine trace.log -o session.wsk.jsonl",
                    "wskemu import --from tracerpt-xml capture.xml -o session.wsk.jsonl"}),
            Map.entry("copy", new String[] {"wskemu copy --from .wskemu --to postgresql://db.example/wskemu",
                    "wskemu copy --from history.jsonl --to restored"}),
            Map.entry("export", new String[] {"wskemu export -o history.jsonl"}));

    @Override
    public CommandSpec transform(CommandSpec root) {
        root.subcommands().forEach((name, sub) -> {
            String[] examples = EXAMPLES.get(name);
            if (examples != null) {
                CommandSpec spec = sub.getCommandSpec();
                spec.usageMessage().footerHeading("%nExamples:%n");
                String[] lines = new String[examples.length];
                for (int i = 0; i < examples.length; i++) {
                    lines[i] = "  " + examples[i];
                }
                spec.usageMessage().footer(lines);
            }
        });
        root.subcommands().forEach((name, sub) -> {
            if (READING.contains(name)) {
                CommandSpec spec = sub.getCommandSpec();
                OptionSpec profile = spec.findOption("--profile");
                if (profile != null) {
                    spec.remove(profile);
                    spec.addOption(profile.toBuilder().hidden(true).build());
                }
                OptionSpec store = spec.findOption("--store");
                if (store != null) {
                    spec.remove(store);
                    spec.addOption(store.toBuilder().description(READ_STORE).build());
                }
            }
        });
        return root;
    }
}
