package org.wskemu.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * {@code wskemu}: the emulator of Winsock Kernel address sharing on the command line.
 */
@Command(name = "wskemu",
        mixinStandardHelpOptions = true,
        modelTransformer = HelpModel.class,
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
                + "records every call as an event, and explains every bind decision.")
public class Wskemu {

    /**
     * The whole command line, every subcommand in the order help lists them: what help, an unknown
     * command, the tests' {@link #commandLine()}, the man pages and the completion script see. A
     * command named on the command line builds only its own subcommand's model on a plain
     * {@link Wskemu} (issue #22: picocli builds the model of every subcommand an annotation names before
     * it parses; see {@link #commandLine(java.io.InputStream, String[])}).
     */
    @Command(name = "wskemu",
            subcommands = {RunCommand.class, StateCommand.class, HistoryCommand.class, ExplainCommand.class,
                    AuditCommand.class, RebuildCommand.class, VerifyCommand.class, MatrixCommand.class,
                    BenchCommand.class,
                    ReportCommand.class,
                    ImportCommand.class,
                    CompareCommand.class,
                    ExploreCommand.class,
                    ShrinkCommand.class,
                    CopyCommand.class,
                    ExportCommand.class,
                    DebugCommand.class,
                    DapCommand.class,
                    CommandLine.HelpCommand.class})
    public static final class AllCommands extends Wskemu {
    }

    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(AllCommands.class.getAnnotation(Command.class).subcommands());

    /** The global options that take a value (GlobalOptions), so the command's name is not taken for one. */
    private static final Set<String> VALUED = Set.of("--store", "--profile");

    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** Where {@code run -} reads the session: standard input, or a test's bytes. */
    java.io.InputStream stdin = System.in;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(System.in, args);
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
        return commandLine(stdin, null);
    }

    /**
     * As {@link #commandLine(java.io.InputStream)}, with only the subcommand {@code args} name when they
     * name one (its options, help and errors are the same: they are its own); with every subcommand
     * when they name none, an unknown one or {@code help} (the list, suggestions), or when {@code args}
     * is null.
     */
    static CommandLine commandLine(java.io.InputStream stdin, String[] args) {
        Class<?> named = args == null ? null : named(args);
        boolean all = named == null && (args == null || !onlyVersion(args));
        Wskemu wskemu = all ? new AllCommands() : new Wskemu();
        wskemu.stdin = stdin;
        CommandLine commandLine = new CommandLine(wskemu);
        if (named != null) {
            commandLine.addSubcommand(named);
            // the root's model transformer ran before the subcommand was added: give it its help the same way
            new HelpModel().transform(commandLine.getCommandSpec());
        }
        commandLine.setParameterExceptionHandler(Errors::onUsageError);
        commandLine.setExecutionExceptionHandler(Errors::onExecutionError);
        commandLine.setExecutionStrategy(parsed -> {
            if (PasswordInUrl.anyIn(parsed.originalArgs())) {
                parsed.commandSpec().commandLine().getErr().println(PasswordInUrl.WARNING);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine;
    }

    /** Whether {@code args} ask for the version alone: no word, no help. */
    private static boolean onlyVersion(String[] args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (VALUED.contains(arg)) {
                i++;
            } else if (arg.equals("-V") || arg.equals("--version")) {
                version = true;
            } else if (!arg.startsWith("-") || arg.equals("-h") || arg.equals("--help")) {
                return false;
            }
        }
        return version;
    }

    /** The subcommand {@code args} name before any other word, or null when none (or help) is named. */
    private static Class<?> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (VALUED.contains(arg)) {
                i++; // its value
            } else if (!arg.startsWith("-")) {
                for (Class<?> subcommand : SUBCOMMANDS) {
                    Command command = subcommand.getAnnotation(Command.class);
                    if (subcommand != CommandLine.HelpCommand.class && command.name().equals(arg)) {
                        return subcommand;
                    }
                }
                return null;
            }
        }
        return null;
    }

}
