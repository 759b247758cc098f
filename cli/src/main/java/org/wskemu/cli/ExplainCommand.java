package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.SocketRow;
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
 * overlapping binding consulted with its table cell, the access-check trace of a CHECK, the outcome.
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

    /** The decision and who asked for it. */
    private record Asked(SocketId socket, String label, long run, long process, BindDecision decision,
                         boolean boundDualStack) {

        Asked(SocketId socket, String label, long run, long process, BindDecision decision) {
            this(socket, label, run, process, decision, false);
        }

        Asked withDualStack() {
            return new Asked(socket, label, run, process, decision, true);
        }

        /**
         * Whether the bind was a dual-stack wildcard's, decided in both name spaces (SPEC.md 6a.1): its
         * requested address is {@code [::]} and a name space other than inet6 was consulted, or it bound so.
         */
        boolean dualStack(boolean boundDualStack) {
            return boundDualStack || decision.requested().family() == org.wskemu.api.AddressFamily.INET6
                    && !decision.requested().isIpv4Mapped()
                    && decision.consultations().stream().anyMatch(c -> c.nameSpace() != decision.requested().family());
        }

        boolean dualStack() {
            return dualStack(boundDualStack);
        }
    }

    @Override
    public Integer call() {
        if (position < 1) {
            throw new UserError(ExitCode.BAD_INPUT, "positions start at 1, was " + position);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Machine.Query kernel = Machine.query(parent.global, spec)) {
            explain(out, kernel, position, json);
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Prints the explanation of the call at {@code position} as {@code explain} does (the debugger's
     * {@code explain} too).
     *
     * @param json one JSON object instead of lines for a person
     * @throws UserError exit 2 when no event is at {@code position}
     */
    static void explain(PrintWriter out, Recording kernel, long position, boolean json) {
        Optional<LoggedEvent> found;
        try (Stream<LoggedEvent> events = kernel.log().read(position - 1, position)) {
            found = events.filter(e -> e.position() == position).findFirst();
        }
        if (found.isEmpty()) {
            throw new UserError(ExitCode.BAD_INPUT, "no event at position " + position + " (" + kernel.source() + ")");
        }
        Asked asked = asked(found.get().event());
        EventText text = EventText.on(kernel.readModels()); // each socket read when named (issue #15)
        if (asked == null) {
            // Not a sharing decision: the call was settled before the sharing rules (or the position
            // is one step of a call). Say what it records and with which status.
            CallOutcome outcome = CallOutcome.of(found.get().event(), text);
            Triage triage = Triage.of(kernel.log(), position, Triage.socketOf(found.get().event()),
                    Triage.answer(outcome.status(), found.get().event()), List.of());
            if (json) {
                ObjectNode node = outcome.json(position);
                triage.json(node);
                out.println(Json.line(node));
            } else {
                outcome.print(out, position, text.describe(found.get().event()));
                triage.print(out);
            }
            return;
        }
        BindDecision d = asked.decision();
        Triage triage = Triage.of(kernel.log(), position, asked.socket(), d.status().fullName(),
                d.status().isSuccess() ? List.of() : d.consultations());
        if (json) {
            ObjectNode node = json(asked, position);
            triage.json(node);
            out.println(Json.line(node));
        } else {
            human(out, asked, text, position);
            triage.print(out);
        }
    }

    private static Asked asked(Object event) {
        if (event instanceof SocketBound e) {
            Asked asked = new Asked(e.socket(), e.binding().label(), e.binding().run().number(), e.binding().process().value(),
                    e.decision());
            return e.binding().dualStackWildcard() ? asked.withDualStack() : asked;
        }
        if (event instanceof BindRefused e) {
            return new Asked(e.socket(), e.label(), e.run().number(), e.process().value(), e.decision());
        }
        return null;
    }

    private static void human(PrintWriter out, Asked asked, EventText text, long position) {
        BindDecision d = asked.decision();
        Human.line(out, "position %d: bind of socket %s (run %d, process %d) to %s", position, asked.label(), asked.run(),
                asked.process(), d.requested());
        Human.line(out, "profile: %s; the socket's option: %s", d.profile(), d.option().name());
        if (asked.dualStack()) {
            Human.line(out, "dual-stack: decided in inet as %s and in inet6 as %s; both must allow it (SPEC.md 6a.1)",
                    org.wskemu.api.TransportAddress.wildcard(org.wskemu.api.AddressFamily.INET, port(d)),
                    org.wskemu.api.TransportAddress.wildcard(org.wskemu.api.AddressFamily.INET6, port(d)));
        } else if (d.requested().isIpv4Mapped()) {
            Human.line(out, "IPv4-mapped: decided in inet as %s (SPEC.md 6a.2)", d.requested().ipv4());
        }
        if (d.consultations().isEmpty()) {
            Human.line(out, "overlapping bindings: none consulted");
        } else {
            Human.line(out, "overlapping bindings, in bind order:");
            int n = 1;
            for (Consultation c : d.consultations()) {
                Human.line(out, "  %d. %ssocket %s, %s with %s%s", n++, asked.dualStack() ? "[" + c.nameSpace() + "] " : "",
                        text.socketWithRun(c.existing().socket()),
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
        Human.line(out, "outcome: %s (%s)%s: %s", d.status().fullName(), d.status().hex(),
                d.actual() != null ? " on " + d.actual() : "", d.reason());
    }

    private static int port(BindDecision d) {
        return d.actual() != null ? d.actual().port() : d.requested().port();
    }

    private static ObjectNode json(Asked asked, long position) {
        BindDecision d = asked.decision();
        ObjectNode node = Json.object().put("position", position).put("op", "bind").put("socket", asked.label())
                .put("run", asked.run()).put("process", asked.process())
                .put("requested", d.requested().toString());
        if (d.actual() != null) {
            node.put("address", d.actual().toString());
        } else {
            node.putNull("address");
        }
        node.put("option", d.option().name()).put("profile", d.profile().label());
        if (asked.dualStack()) {
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
