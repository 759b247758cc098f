package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.wskemu.api.text.SafeText;
import org.wskemu.engine.WritersConflictException;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns failures into the contract's exit codes and one-line messages (escaped by {@link SafeText}); stack traces only with --debug. */
final class Errors {

    private Errors() {
    }

    static int onUsageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        // The contract (SESSION-FORMAT.md): errors are one line on stderr, so the hint shares it:
        // picocli's "did you mean" suggestions for a mistyped command or option, else --help.
        List<String> suggestions = e instanceof UnmatchedArgumentException unmatched ? unmatched.getSuggestions() : List.of();
        String hint = (suggestions.isEmpty() ? "" : "did you mean: " + String.join(" or ", suggestions.stream().limit(3).toList())
                + "? ") + "try 'wskemu " + commandPath(e.getCommandLine()) + "--help'";
        err.println(SafeText.escape("wskemu: " + String.join(" ", String.valueOf(e.getMessage()).strip().split("\\R+"))
                + " (" + hint + ")"));
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    static int onExecutionError(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = parseResult.hasMatchedOption("--debug")
                || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        if (e instanceof UserError user) {
            err.println(SafeText.escape("wskemu: " + user.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return user.exitCode();
        }
        Optional<StoreException> damage = storeDamage(e, commandLine);
        if (damage.isPresent()) {
            // damage a command met after opening the store (a record or page H2 cannot read): exit 3,
            // one line naming the store, as for damage found at open
            err.println(SafeText.escape("wskemu: " + damage.get().getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.STORE;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WritersConflictException conflict) {
                // other writers of a shared store kept winning the same aggregates (issue #22): one line, exit 3
                err.println(SafeText.escape("wskemu: " + conflict.getMessage()));
                if (debug) {
                    e.printStackTrace(err);
                }
                return ExitCode.STORE;
            }
        }
        err.println(SafeText.escape("wskemu: internal error: " + e + (debug ? "" : " (run with --debug for details)")));
        if (debug) {
            e.printStackTrace(err);
        }
        return ExitCode.STORE;
    }

    /** The damage of the command's store that {@code e} reports, if any. */
    private static Optional<StoreException> storeDamage(Exception e, CommandLine commandLine) {
        StoreLocation location;
        try {
            Object root = commandLine.getCommandSpec().root().userObject();
            location = StoreLocation.parse(root instanceof Wskemu wskemu ? wskemu.global.store : new GlobalOptions().store);
        } catch (IllegalArgumentException notAStore) {
            return Optional.empty();
        }
        return StoreException.damageIn(e, location);
    }

    private static String commandPath(CommandLine commandLine) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = commandLine; c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
