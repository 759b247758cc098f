package org.wskemu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.wskemu.engine.explore.Explorer;
import org.wskemu.engine.session.Op;
import org.wskemu.engine.session.SessionCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code wskemu explore FILE|- [--by process|thread] [--max-orders N] [--seed S] [--witness-dir DIR] [FORMAT]}
 * (SESSION-FORMAT.md "Interleavings"): every interleaving of the session's programs, decided in memory
 * (no store is opened or created), each distinct outcome once with a witness order. Exit 0 when every
 * order explored gives the file's own outcome, 1 when some order changes one, 2 on bad input.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run every interleaving of a session's programs in memory (the store is not touched) and "
                + "show each distinct outcome, with the calls whose status differs from the file's own order.")
final class ExploreCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The session file; - reads it from standard input.")
    Path file;

    @Option(names = "--by", paramLabel = "process|thread", converter = ByConverter.class,
            description = "A program is the calls on the sockets one process created (default), or one owning thread.")
    Explorer.By by = Explorer.By.PROCESS;

    @Option(names = "--max-orders", paramLabel = "N",
            description = "Stop after N orders (the result says complete: false); with --seed, draw N orders (default 1000).")
    Long maxOrders;

    @Option(names = "--seed", paramLabel = "S", description = "Draw orders at random from seed S instead of searching them all.")
    Long seed;

    @Option(names = "--witness-dir", paramLabel = "DIR",
            description = "Write one runnable session per outcome, DIR/outcome-N.wsk.jsonl, whose expect fields hold it.")
    Path witnessDir;

    @Mixin
    ListingFormat format = new ListingFormat();

    @Override
    public Integer call() throws IOException {
        ListingFormat.Kind kind = format.kind();
        if (maxOrders != null && maxOrders < 1) {
            throw new UserError(ExitCode.BAD_INPUT, "--max-orders: must be at least 1, was " + maxOrders);
        }
        SessionText text = SessionText.read(file, parent.stdin);
        PrintWriter err = spec.commandLine().getErr();
        if (!text.session().isValid()) {
            text.session().faults().forEach(err::println);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        Explorer.Mode mode = seed != null ? Explorer.Mode.RANDOM : Explorer.Mode.REDUCED;
        // the launchers say whether stderr is a terminal; run as a bare jar, a console stands for it
        String told = System.getProperty("wskemu.stderr.tty");
        boolean terminal = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        LongConsumer progress = terminal ? n -> {
            err.print("\rexplore: " + n + " orders run");
            err.flush();
        } : null;
        Explorer.Result result;
        try {
            result = Explorer.explore(text.session().calls(), parent.global.profile, by, mode,
                    maxOrders == null ? 0 : maxOrders, seed == null ? 0 : seed, progress);
        } catch (Explorer.BadSession e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ":" + e.line() + ": " + e.getMessage());
        } finally {
            if (terminal) {
                err.print("\r" + " ".repeat(40) + "\r");
                err.flush();
            }
        }
        List<String> witnesses = witnessDir == null ? null : writeWitnesses(text, result);
        PrintWriter out = spec.commandLine().getOut();
        switch (kind) {
            case JSON -> json(out, result, witnesses);
            case CSV -> csv(out, result, witnesses);
            default -> table(out, result, witnesses);
        }
        out.flush();
        return result.differs() ? ExitCode.DIVERGED : ExitCode.OK;
    }

    private static ObjectNode difference(Explorer.Difference d) {
        ObjectNode node = Json.object().put("line", d.call().line()).put("status", d.answer().status().fullName())
                .put("own", d.own().status().fullName());
        if (d.answer().bound() != null || d.own().bound() != null) {
            node.put("address", d.answer().bound() == null ? null : d.answer().bound().toString());
            node.put("ownAddress", d.own().bound() == null ? null : d.own().bound().toString());
        }
        return node;
    }

    private static void json(PrintWriter out, Explorer.Result result, List<String> witnesses) {
        for (Explorer.Outcome outcome : result.outcomes()) {
            ObjectNode node = Json.object().put("outcome", outcome.number()).put("orders", outcome.orders());
            ArrayNode differs = node.putArray("differs");
            outcome.differences().forEach(d -> differs.add(difference(d)));
            if (witnesses != null) {
                node.put("witness", witnesses.get(outcome.number() - 1));
            }
            out.println(Json.line(node));
        }
        ObjectNode summary = Json.object().put("summary", true).put("outcomes", result.outcomes().size());
        if (result.naiveOrders() == null) {
            summary.putNull("naiveOrders");
        } else {
            summary.put("naiveOrders", result.naiveOrders());
        }
        summary.put("ordersRun", result.ordersRun()).put("complete", result.complete());
        ArrayNode programs = summary.putArray("programs");
        result.programs().forEach(programs::add);
        out.println(Json.line(summary));
    }

    private static void csv(PrintWriter out, Explorer.Result result, List<String> witnesses) {
        Csv.record(out, List.of("outcome", "orders", "line", "status", "own", "witness"));
        for (Explorer.Outcome outcome : result.outcomes()) {
            String witness = witnesses == null ? "" : witnesses.get(outcome.number() - 1);
            if (outcome.differences().isEmpty()) {
                Csv.record(out, List.of(outcome.number(), outcome.orders(), "", "", "", witness));
            }
            for (Explorer.Difference d : outcome.differences()) {
                Csv.record(out, List.of(outcome.number(), outcome.orders(), d.call().line(), d.answer().text(),
                        d.own().text(), witness));
            }
        }
    }

    private void table(PrintWriter out, Explorer.Result result, List<String> witnesses) {
        for (Explorer.Outcome outcome : result.outcomes()) {
            String orders = outcome.orders() == 1 ? "1 order" : outcome.orders() + " orders";
            Human.line(out, outcome.number() == 1 ? "outcome 1 (the file's own order): " + orders
                    : "outcome " + outcome.number() + ": " + orders + ", " + outcome.differences().size()
                    + (outcome.differences().size() == 1 ? " call differs" : " calls differ"));
            for (Explorer.Difference d : outcome.differences()) {
                Human.line(out, "  line %d %s %s: %s (in the file's order: %s)", d.call().line(), d.call().op().text(),
                        d.call().label(), d.answer().text(), d.own().text());
            }
            if (witnesses != null) {
                Human.line(out, "  witness: " + witnesses.get(outcome.number() - 1));
            }
        }
        String naive = result.naiveOrders() == null ? "too many to count" : result.naiveOrders().toString();
        String how = result.complete() ? "search complete"
                : seed != null ? "orders drawn at random: not complete" : "cut by --max-orders: not complete";
        Human.line(out, "%d %s from %d %s (%s); %d orders run of %s without reduction; %s",
                result.outcomes().size(), result.outcomes().size() == 1 ? "outcome" : "outcomes",
                result.programs().size(), result.programs().size() == 1 ? "program" : "programs",
                String.join(", ", result.programs()), result.ordersRun(), naive, how);
    }

    /** Writes DIR/outcome-N.wsk.jsonl: the declarations as written, then each call in the witness order with its outcome as expect. */
    private List<String> writeWitnesses(SessionText text, Explorer.Result result) throws IOException {
        try {
            Files.createDirectories(witnessDir);
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, witnessDir + ": cannot create the directory: " + e.getClass().getSimpleName());
        }
        List<SessionCall> calls = text.session().calls().stream()
                .filter(c -> c.op() != Op.HOST && c.op() != Op.PROCESS && c.op() != Op.THREAD).toList();
        List<String> paths = new ArrayList<>();
        for (Explorer.Outcome outcome : result.outcomes()) {
            Map<Integer, Explorer.Answer> answers = new HashMap<>();
            for (int i = 0; i < calls.size(); i++) {
                answers.put(calls.get(i).line(), outcome.answers().get(i));
            }
            StringBuilder witness = new StringBuilder();
            witness.append("# wskemu explore: outcome ").append(outcome.number())
                    .append(", one order that gives it; each call's expect is its status in this order\n");
            for (SessionCall call : outcome.witness()) {
                String line = text.lines().get(call.line() - 1);
                Explorer.Answer answer = answers.get(call.line());
                if (answer != null) {
                    JsonNode tree = Json.MAPPER.readTree(line);
                    ((ObjectNode) tree).put("expect", answer.status().fullName());
                    line = Json.line(tree);
                }
                witness.append(line).append('\n');
            }
            Path path = witnessDir.resolve("outcome-" + outcome.number() + ".wsk.jsonl");
            try {
                Files.writeString(path, witness, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError(ExitCode.BAD_INPUT, path + ": cannot write: " + e.getClass().getSimpleName());
            }
            paths.add(path.toString());
        }
        return paths;
    }

    /** {@code process} or {@code thread}, in any case. */
    static final class ByConverter implements ITypeConverter<Explorer.By> {
        @Override
        public Explorer.By convert(String value) {
            try {
                return Explorer.By.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected process or thread, was '" + value + "'");
            }
        }
    }
}
