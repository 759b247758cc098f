package org.wskemu.cli;

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

    @Override
    public CommandSpec transform(CommandSpec root) {
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
