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
                BenchCommand.class, CompareCommand.class,
                CommandLine.HelpCommand.class})
public final class Wskemu {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** Where {@code run -} reads the session: standard input, or a test's bytes. */
    java.io.InputStream stdin = System.in;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: exit codes and one-line errors as the contract says. */
    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** As {@link #commandLine()}, with {@code run -} reading {@code stdin}. */
    static CommandLine commandLine(java.io.InputStream stdin) {
        Wskemu wskemu = new Wskemu();
        wskemu.stdin = stdin;
        CommandLine commandLine = new CommandLine(wskemu);
        commandLine.setParameterExceptionHandler(Errors::onUsageError);
        commandLine.setExecutionExceptionHandler(Errors::onExecutionError);
        return commandLine;
    }
}
