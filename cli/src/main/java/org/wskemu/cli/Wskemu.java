package org.wskemu.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * {@code wskemu}: the emulator of Winsock Kernel address sharing on the command line.
 */
@Command(name = "wskemu",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        // the contract's exit statuses (SESSION-FORMAT.md), inherited by every subcommand's --help and man page
        scope = ScopeType.INHERIT,
        exitCodeListHeading = "%nExit Codes:%n",
        exitCodeList = {
            "0:done, and every expectation met",
            "1:done, with divergences (verify: a mismatch)",
            "2:bad input or usage; nothing written",
            "3:the store cannot be opened, does not exist (for a command that only reads) or is damaged"},
        description = "Emulates the Winsock Kernel rules for sharing local transport addresses, "
                + "records every call as an event, and explains every bind decision.",
        subcommands = {RunCommand.class, StateCommand.class, HistoryCommand.class, ExplainCommand.class,
                AuditCommand.class, RebuildCommand.class, VerifyCommand.class, MatrixCommand.class,
                BenchCommand.class,
                ReportCommand.class,
                ImportCommand.class,
                CompareCommand.class,
                CopyCommand.class,
                ExportCommand.class,
                DebugCommand.class,
                DapCommand.class,
                CommandLine.HelpCommand.class})
public final class Wskemu {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** Where {@code run -} reads the session: standard input, or a test's bytes. */
    java.io.InputStream stdin = System.in;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        // [emulator choice] the output is UTF-8 whatever the platform's default (Java 17 uses the
        // locale's, ASCII under LANG=C): CSV is UTF-8 by the contract, and JSON by RFC 8259
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
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
