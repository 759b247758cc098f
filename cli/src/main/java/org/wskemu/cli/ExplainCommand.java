package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.HostAddress;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.HostDeclared;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.explain.Explanation;
import org.wskemu.engine.explain.SetAside;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RecordedCalls;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.timeline.Timeline;
import org.wskemu.security.AccessTrace;
import org.wskemu.security.AceVisit;
import org.wskemu.security.Sid;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu explain P}: why the bind decision at position P came out as it did: the call, every
 * overlapping binding consulted with its table cell, the access-check trace of a CHECK, every other
 * binding on the port with the rule that set it aside, the outcome.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Explain the call at a position (the position 'run' reports for it): for a bind, every "
                + "overlapping binding, its table cell and the access-check trace; for any other call, its outcome.")
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "POSITION", description = "The position of a bind decision.")
    long position;

    @Option(names = "--json", description = "The explanation as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (position < 1) {
            throw new UserError(ExitCode.BAD_INPUT, "positions start at 1, was " + position);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Machine.Query kernel = Machine.query(parent.global, spec)) {
            // one consistent state on a shared store: the decision, the log and the state at its position
            kernel.storage().inOneSnapshot(() -> {
                explain(out, kernel, position, json);
                return null;
            });
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Prints the explanation of the call at {@code position} as {@code explain} does (the debugger's
     * {@code explain} too), through {@link #write}.
     *
     * @param json one JSON object instead of lines for a person
     * @throws UserError exit 2 when no event is at {@code position}
     */
    static void explain(PrintWriter out, Recording kernel, long position, boolean json) {
        if (!write(kernel.log(), kernel.readModels(), kernel::timeline, position, json, out)) {
            throw new UserError(ExitCode.BAD_INPUT, "no event at position " + position + " (" + kernel.source() + ")");
        }
    }

    /**
     * Explain's whole answer for the call at {@code position}, as text or one JSON object: the one
     * function that produces it, for this command and for anything else that shows an explanation.
     *
     * @param log        the recorded events
     * @param readModels the read models (for socket labels)
     * @param timeline   the timeline (for the bindings live just before a bind), asked for only for a bind
     * @param position   the position, at least 1
     * @param json       one JSON object instead of text
     * @param out        where to write
     * @return false when no event is recorded at {@code position} (nothing written)
     */
    static boolean write(EventLog log, ReadModelView readModels, Supplier<Timeline> timeline, long position,
                         boolean json, PrintWriter out) {
        Optional<LoggedEvent> found;
        try (Stream<LoggedEvent> events = log.read(position - 1, position)) {
            found = events.filter(e -> e.position() == position).findFirst();
        }
        if (found.isEmpty()) {
            return false;
        }
        EventText text = EventText.on(readModels); // each socket read when named (issue #15)
        boolean decision = found.get().event() instanceof SocketBound || found.get().event() instanceof BindRefused;
        Optional<Explanation> explained = decision
                ? Explanation.of(found.get(), timeline.get().at(position - 1)) : Optional.empty();
        if (explained.isEmpty()) {
            // Not a sharing decision: the call was settled before the sharing rules (or the position
            // is one step of a call). Say what it records and with which status.
            CallOutcome outcome = CallOutcome.of(found.get().event(), text);
            WskEvent event = found.get().event();
            Triage triage = Triage.of(log, readModels, position, Triage.socketOf(event), Triage.answer(outcome.status(), event), List.of());
            String op = event instanceof OptionRead ? "get"
                    : event instanceof ControlRefused refused ? refused.request().type().name().toLowerCase(java.util.Locale.ROOT)
                    : "other";
            String option = event instanceof OptionRead read ? read.option().displayName()
                    : event instanceof ControlRefused refused ? refused.request().option().displayName() : null;
            List<WineDepartures.Departure> departures = departures(triage, op, Triage.socketOf(event), readModels,
                    null, option, outcome.status());
            if (json) {
                ObjectNode node = outcome.json(position);
                triage.json(node);
                departuresJson(node, departures);
                out.println(Json.line(node));
            } else {
                outcome.print(out, position, text.describe(event));
                triage.print(out);
                departuresPrint(out, departures);
            }
            return true;
        }
        Explanation x = explained.get();
        BindDecision d = x.decision();
        Triage triage = Triage.of(log, readModels, position, x.socket(), d.status().fullName(),
                d.status().isSuccess() ? List.of() : d.consultations());
        List<HostLine> hosts = d.status() == NtStatus.INVALID_ADDRESS_COMPONENT ? hostLines(log, position) : List.of();
        List<WineDepartures.Departure> departures = departures(triage, "bind", x.socket(), readModels, d.requested(), null,
                d.status());
        if (json) {
            ObjectNode node = json(x, hosts);
            triage.json(node);
            departuresJson(node, departures);
            out.println(Json.line(node));
        } else {
            human(out, x, hosts, text);
            triage.print(out);
            departuresPrint(out, departures);
        }
        return true;
    }

    /** The documented Wine departures a diverged call has the shape of (none when it did not diverge). */
    private static List<WineDepartures.Departure> departures(Triage triage, String op, SocketId socket, ReadModelView models,
                                                            TransportAddress requested, String option, NtStatus emulator) {
        if (triage.recorded().isEmpty() || !triage.recorded().get().call().diverges() || emulator == null) {
            return List.of();
        }
        Optional<SocketRow> row = socket == null ? Optional.empty() : models.socket(socket);
        return WineDepartures.matching(new WineDepartures.Facts(op, row.map(SocketRow::category).orElse(null),
                row.map(SocketRow::family).orElse(null), requested, option, triage.recorded().get().call().expect(), emulator));
    }

    private static void departuresPrint(PrintWriter out, List<WineDepartures.Departure> departures) {
        for (WineDepartures.Departure d : departures) {
            Human.line(out, "matches a documented Wine departure (recording/src/test/resources/wine/README.md): %s: %s",
                    d.name(), d.why());
        }
    }

    /** {@code wineDepartures}, only when the diverged call matches one: the object of any other call is as it was. */
    private static void departuresJson(ObjectNode node, List<WineDepartures.Departure> departures) {
        if (departures.isEmpty()) {
            return;
        }
        ArrayNode list = node.putArray("wineDepartures");
        departures.forEach(d -> list.addObject().put("name", d.name()).put("why", d.why()));
    }

    /** A declaration of the host's addresses before the bind, with the run and line that made it. */
    private record HostLine(long position, Long run, Integer line, List<HostAddress> addresses) {

        String where() {
            return "position " + position + (run != null ? " (run " + run + ", line " + line + ")" : "");
        }
    }

    /** Every host declaration up to {@code position}: an INVALID_ADDRESS_COMPONENT names what made the address foreign. */
    private static List<HostLine> hostLines(EventLog log, long position) {
        RecordedCalls recorded = RecordedCalls.of(log);
        List<HostLine> lines = new ArrayList<>();
        try (Stream<LoggedEvent> events = log.readOfTypes(0, position, Set.of(HostDeclared.class))) {
            events.forEach(e -> {
                Optional<RecordedCalls.Entry> entry = recorded.at(e.position());
                lines.add(new HostLine(e.position(), entry.map(RecordedCalls.Entry::run).orElse(null),
                        entry.map(r -> r.call().line()).orElse(null), ((HostDeclared) e.event()).addresses()));
            });
        }
        return lines;
    }

    /** {@code a (run 1)}, or the label alone outside a run: labels are reused across runs. */
    static String withRun(String label, SessionRun run) {
        return run.number() > 0 ? label + " (run " + run.number() + ")" : label;
    }

    private static void human(PrintWriter out, Explanation x, List<HostLine> hosts, EventText text) {
        BindDecision d = x.decision();
        Human.line(out, "position %d: bind of socket %s (run %d, process %d) to %s", x.position(), x.label(),
                x.run().number(), x.process().value(), d.requested());
        Human.line(out, "profile: %s; the socket's option: %s", d.profile(), d.option().name());
        if (x.dualStack()) {
            Human.line(out, "dual-stack: decided in inet as %s and in inet6 as %s; both must allow it (SPEC.md 6a.1)",
                    TransportAddress.wildcard(AddressFamily.INET, x.port()),
                    TransportAddress.wildcard(AddressFamily.INET6, x.port()));
        } else if (d.requested().isIpv4Mapped()) {
            Human.line(out, "IPv4-mapped: decided in inet as %s (SPEC.md 6a.2)", d.requested().ipv4());
        }
        if (d.consultations().isEmpty()) {
            Human.line(out, "overlapping bindings: none consulted");
        } else {
            Human.line(out, "overlapping bindings, in bind order:");
            int n = 1;
            for (Consultation c : d.consultations()) {
                Human.line(out, "  %d. %ssocket %s, %s with %s%s", n++, x.dualStack() ? "[" + c.nameSpace() + "] " : "",
                        withRun(c.existing().label(), c.existing().run()),
                        c.existing().address() + (c.existing().dualStackWildcard() ? " (dual-stack)" : ""),
                        c.existing().option().name(),
                        c.alike() > 0 ? " (and " + c.alike() + " more alike)" : "");
                Human.line(out, "     %s -> %s", c.describeCell(), c.outcome().fullName());
                if (c.trace() != null) {
                    Human.line(out, "     access check of the new socket's context against %s:",
                            c.existing().descriptor().toSddl());
                    c.trace().describe().lines().forEach(l -> Human.line(out, "       " + l));
                }
            }
        }
        if (!x.setAside().isEmpty()) {
            Human.line(out, "not consulted (live on port %d just before the bind):", x.port());
            for (SetAside a : x.setAside()) {
                OwnershipRow b = a.binding();
                Human.line(out, "  - socket %s, %s %s%s with %s: %s", withRun(b.label(), b.run()), b.protocol().label(),
                        b.address(), b.dualStack() ? " (dual-stack)" : "", b.option().name(), why(a));
            }
        }
        Human.line(out, "outcome: %s (%s)%s: %s", d.status().fullName(), d.status().hex(),
                d.actual() != null ? " on " + d.actual() : "", d.reason());
        if (d.status() == NtStatus.INVALID_ADDRESS_COMPONENT) {
            if (hosts.isEmpty()) {
                Human.line(out, "host addresses: none declared before this bind");
            }
            for (HostLine h : hosts) {
                Human.line(out, "host addresses declared at %s: %s", h.where(),
                        h.addresses().stream().map(Object::toString).collect(Collectors.joining(", ")));
            }
        }
    }

    /** The rule that set a binding aside, naming the binding it points to. */
    static String why(SetAside a) {
        if (a.other() == null) {
            return a.rule().text();
        }
        String other = "socket " + withRun(a.other().label(), a.other().run());
        return switch (a.rule()) {
            case ALIKE -> "alike to " + other + ", consulted (same option, address and descriptor): its answer is this one's";
            case NOT_REACHED -> "not reached: " + other + " refused first; bindings are consulted in bind order and the "
                    + "first failure decides (SPEC.md 6.3)";
            default -> a.rule().text();
        };
    }

    private static ObjectNode json(Explanation x, List<HostLine> hosts) {
        BindDecision d = x.decision();
        ObjectNode node = Json.object().put("position", x.position()).put("op", "bind").put("socket", x.label())
                .put("run", x.run().number()).put("process", x.process().value())
                .put("requested", d.requested().toString());
        if (d.actual() != null) {
            node.put("address", d.actual().toString());
        } else {
            node.putNull("address");
        }
        node.put("option", d.option().name()).put("profile", d.profile().label());
        if (x.dualStack()) {
            node.put("dualStack", true);
        }
        Json.status(node, d.status());
        node.put("reason", d.reason());
        ArrayNode consulted = node.putArray("consulted");
        for (Consultation c : d.consultations()) {
            ObjectNode item = consulted.addObject();
            item.put("socket", c.existing().label()).put("run", c.existing().run().number())
                    .put("address", c.existing().address().toString()).put("option", c.existing().option().name())
                    .put("alike", c.alike()).put("cell", c.cell().name()).put("rule", c.describeCell())
                    .put("nameSpace", c.nameSpace().label());
            Json.status(item.putObject("outcome"), c.outcome());
            if (c.trace() != null) {
                item.put("descriptor", c.existing().descriptor().toSddl());
                item.set("accessCheck", trace(c.trace()));
            }
        }
        ArrayNode setAside = node.putArray("setAside");
        for (SetAside a : x.setAside()) {
            OwnershipRow b = a.binding();
            ObjectNode item = setAside.addObject().put("socket", b.label()).put("run", b.run().number())
                    .put("protocol", b.protocol().label()).put("address", b.address().toString())
                    .put("option", b.option().name()).put("boundAt", b.boundAt());
            if (b.dualStack()) {
                item.put("dualStack", true);
            }
            item.put("rule", a.rule().name()).put("why", why(a));
        }
        Optional<Consultation> deciding = x.deciding();
        if (deciding.isPresent()) {
            Binding b = deciding.get().existing();
            ObjectNode item = node.putObject("deciding").put("socket", b.label()).put("run", b.run().number())
                    .put("cell", x.decidingCell().orElseThrow().result().name())
                    .put("rule", deciding.get().describeCell());
            x.decidingAce().ifPresentOrElse(ace -> item.put("ace", ace), () -> item.putNull("ace"));
        } else {
            node.putNull("deciding");
        }
        if (d.status() == NtStatus.INVALID_ADDRESS_COMPONENT) {
            ArrayNode declared = node.putArray("hostDeclared");
            for (HostLine h : hosts) {
                ObjectNode item = declared.addObject().put("position", h.position());
                if (h.run() != null) {
                    item.put("run", h.run()).put("line", h.line());
                } else {
                    item.putNull("run").putNull("line");
                }
                ArrayNode addresses = item.putArray("addresses");
                h.addresses().forEach(a -> addresses.add(a.toString()));
            }
        }
        return node;
    }

    private static ObjectNode trace(AccessTrace trace) {
        ObjectNode node = Json.object();
        ArrayNode sids = node.putArray("tokenSids");
        trace.tokenSids().stream().map(Sid::value).forEach(sids::add);
        node.put("requested", trace.requested().toHex());
        ArrayNode aces = node.putArray("aces");
        for (AceVisit visit : trace.visited()) {
            aces.addObject().put("index", visit.index()).put("ace", visit.ace().toSddl())
                    .put("sidMatches", visit.sidMatches()).put("mask", visit.mappedMask().toHex())
                    .put("outcome", visit.outcome().name());
        }
        node.put("decidedBy", trace.decidedBy().name());
        if (trace.decidingAce() != null) {
            node.put("decidingAce", trace.decidingAce());
        }
        node.put("granted", trace.granted());
        return node;
    }
}
