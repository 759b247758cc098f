package org.wskemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code wskemu}: the emulator of Winsock Kernel address sharing on the command line.
 */
@Command(name = "wskemu",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Emulates the Winsock Kernel rules for sharing local transport addresses, "
                + "records every call as an event, and explains every bind decision.",
        subcommands = {RunCommand.class, StateCommand.class, HistoryCommand.class, ExplainCommand.class,
                AuditCommand.class, RebuildCommand.class, VerifyCommand.class, MatrixCommand.class,
                BenchCommand.class, CopyCommand.class,
                CommandLine.HelpCommand.class})
public final class Wskemu {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: exit codes and one-line errors as the contract says. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Wskemu());
        commandLine.setParameterExceptionHandler(Errors::onUsageError);
        commandLine.setExecutionExceptionHandler(Errors::onExecutionError);
        return commandLine;
    }
}
