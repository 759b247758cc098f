package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;

/**
 * The debugger's answers at the cursor, as lines for a person or one JSON object each. {@code state}
 * and {@code explain} print through the functions {@code state --at P} and {@code explain P} print
 * through, so the same position gives the same text.
 */
final class DebugAnswers {

    private final Debugger debugger;
    private final PrintWriter out;
    private final boolean json;

    DebugAnswers(Debugger debugger, PrintWriter out, boolean json) {
        this.debugger = debugger;
        this.out = out;
        this.json = json;
    }

    /** The line that says where the cursor is: position, file line, the call. */
    static String where(DebugCall call, DebugRun run) {
        return "position " + call.position() + ", " + (run.linesRecorded() ? "line " + call.line() : "no line recorded")
                + " (call " + (call.index() + 1) + " of " + run.size() + "): " + call.text()
                + (call.diverged() ? " [DIVERGED]" : "");
    }

    static ObjectNode whereJson(DebugCall call, DebugRun run) {
        ObjectNode node = Json.object().put("position", call.position());
        if (run.linesRecorded()) {
            node.put("line", call.line());
        } else {
            node.putNull("line");
        }
        node.put("call", call.index() + 1).put("calls", run.size()).put("run", run.run()).put("op", call.op())
                .put("socket", call.socket());
        if (call.status() != null) {
            Json.status(node, call.status());
        } else {
            node.putNull("status").putNull("code");
        }
        return node.put("diverged", call.diverged()).put("text", call.text());
    }

    void opened(Debugger.Stop stop) {
        DebugRun run = debugger.run();
        if (json) {
            out.println(Json.line(whereJson(stop.call(), run).put("stop", "entry").put("source", run.source())));
        } else {
            Human.line(out, "run %d of %s: %d calls; 'help' lists the commands", run.run(), run.source(), run.size());
            Human.line(out, where(stop.call(), run));
        }
    }

    void stopped(Debugger.Stop stop) {
        DebugRun run = debugger.run();
        if (json) {
            ObjectNode node = whereJson(stop.call(), run).put("stop", stop.reason().name().toLowerCase(java.util.Locale.ROOT));
            if (stop.breakpoint() != null) {
                node.put("breakpoint", stop.breakpoint().id());
            }
            if (stop.watch() != null) {
                node.put("watch", stop.watch().id());
            }
            out.println(Json.line(node));
            return;
        }
        switch (stop.reason()) {
            case BREAKPOINT -> Human.line(out, "breakpoint %d (%s)", stop.breakpoint().id(), stop.breakpoint().describe());
            case WATCH -> Human.line(out, "watch %d: the holders of port %d changed", stop.watch().id(), stop.watch().port());
            case EDGE -> Human.line(out, stop.forward() ? "the run's last call: no breakpoint or watch stops after it"
                    : "the run's first call: no breakpoint or watch stops before it");
            default -> { }
        }
        Human.line(out, where(stop.call(), run));
    }

    void where() {
        DebugCall call = debugger.current();
        if (json) {
            out.println(Json.line(whereJson(call, debugger.run())));
        } else {
            Human.line(out, where(call, debugger.run()));
        }
    }

    /** {@code state [--port P]}: what {@code state --at P} prints for the cursor's position. */
    void state(Integer port) {
        long position = debugger.current().position();
        ReadModelView view = debugger.run().recording().timeline().at(position);
        if (json) {
            ObjectNode node = Json.object().put("position", position);
            ArrayNode rows = node.putArray("bindings");
            view.ownership().stream().filter(r -> port == null || r.address().port() == port)
                    .forEach(r -> rows.add(StateCommand.json(r)));
            out.println(Json.line(node));
        } else {
            StateCommand.print(out, ListingFormat.Kind.TABLE, view, port, position, debugger.run().recording().source());
        }
    }

    /** {@code explain}: what {@code explain P} prints for the cursor's position. */
    void explain() {
        ExplainCommand.explain(out, debugger.run().recording(), debugger.current().position(), json);
    }

    void sockets() {
        long position = debugger.current().position();
        List<SocketRow> rows = debugger.run().recording().timeline().at(position).sockets();
        if (json) {
            ObjectNode node = Json.object().put("position", position);
            ArrayNode array = node.putArray("sockets");
            rows.forEach(r -> array.add(socketJson(r)));
            out.println(Json.line(node));
            return;
        }
        Table table = new Table("SOCKET", "RUN", "CATEGORY", "FAMILY", "PROCESS", "CREATED AT", "CLOSED AT");
        rows.forEach(r -> table.row(r.label(), r.run().number(), r.category(), r.family(), r.process(), r.createdAt(),
                r.isOpen() ? "open" : r.closedAt()));
        if (table.isEmpty()) {
            Human.line(out, "no sockets just after position " + position);
        } else {
            table.print(out);
        }
    }

    void socket(String label) {
        long position = debugger.current().position();
        ReadModelView view = debugger.run().recording().timeline().at(position);
        List<SocketRow> rows = view.sockets().stream().filter(r -> r.label().equals(label)).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no socket '" + label + "' just after position " + position);
        }
        List<OwnershipRow> bindings = view.ownership().stream().filter(r -> r.label().equals(label)).toList();
        if (json) {
            ObjectNode node = Json.object().put("position", position);
            ArrayNode array = node.putArray("sockets");
            rows.forEach(r -> array.add(socketJson(r)));
            ArrayNode bound = node.putArray("bindings");
            bindings.forEach(r -> bound.add(StateCommand.json(r)));
            out.println(Json.line(node));
            return;
        }
        for (SocketRow r : rows) {
            Human.line(out, "socket %s (run %d): %s, %s, process %s, created at %d, %s", r.label(), r.run().number(),
                    r.category(), r.family(), r.process(), r.createdAt(), r.isOpen() ? "open" : "closed at " + r.closedAt());
        }
        if (bindings.isEmpty()) {
            Human.line(out, "bound: nothing");
        }
        for (OwnershipRow r : bindings) {
            Human.line(out, "bound: %s%s with %s, at position %d", r.address(), r.dualStack() ? " (dual-stack)" : "",
                    r.option().name(), r.boundAt());
        }
    }

    void ports() {
        long position = debugger.current().position();
        Map<Integer, List<OwnershipRow>> byPort = byPort(debugger.run().recording().timeline().at(position));
        if (json) {
            ObjectNode node = Json.object().put("position", position);
            ArrayNode array = node.putArray("ports");
            byPort.forEach((port, rows) -> {
                ArrayNode bound = array.addObject().put("port", port).putArray("bindings");
                rows.forEach(r -> bound.add(StateCommand.json(r)));
            });
            out.println(Json.line(node));
            return;
        }
        if (byPort.isEmpty()) {
            Human.line(out, "no port is held just after position " + position);
        }
        byPort.forEach((port, rows) -> Human.line(out, "port %d: %s", port, String.join(", ", rows.stream()
                .map(r -> r.label() + " " + r.address() + " " + r.option().name() + " (process " + r.process() + ")").toList())));
    }

    static Map<Integer, List<OwnershipRow>> byPort(ReadModelView view) {
        Map<Integer, List<OwnershipRow>> byPort = new TreeMap<>();
        for (OwnershipRow r : view.ownership()) {
            byPort.computeIfAbsent(r.address().port(), p -> new java.util.ArrayList<>()).add(r);
        }
        return byPort;
    }

    void breaks() {
        List<Debugger.Breakpoint> breakpoints = debugger.breakpoints();
        List<Debugger.Watch> watches = debugger.watches();
        if (json) {
            ObjectNode node = Json.object();
            ArrayNode b = node.putArray("breakpoints");
            breakpoints.forEach(x -> b.addObject().put("id", x.id()).put("break", x.describe()));
            ArrayNode w = node.putArray("watches");
            watches.forEach(x -> w.addObject().put("id", x.id()).put("port", x.port()));
            out.println(Json.line(node));
            return;
        }
        if (breakpoints.isEmpty() && watches.isEmpty()) {
            Human.line(out, "no breakpoints or watches");
        }
        breakpoints.forEach(x -> Human.line(out, "%d  break %s", x.id(), x.describe()));
        watches.forEach(x -> Human.line(out, "%d  watch port %d", x.id(), x.port()));
    }

    void added(Debugger.Breakpoint breakpoint) {
        if (json) {
            out.println(Json.line(Json.object().put("breakpoint", breakpoint.id()).put("break", breakpoint.describe())));
        } else {
            Human.line(out, "breakpoint %d: %s", breakpoint.id(), breakpoint.describe());
        }
    }

    void added(Debugger.Watch watch) {
        if (json) {
            out.println(Json.line(Json.object().put("watch", watch.id()).put("port", watch.port())));
        } else {
            Human.line(out, "watch %d: port %d", watch.id(), watch.port());
        }
    }

    void deleted(int id) {
        if (json) {
            out.println(Json.line(Json.object().put("deleted", id)));
        } else {
            Human.line(out, "deleted %d", id);
        }
    }

    void help(List<String> lines) {
        if (json) {
            ObjectNode node = Json.object();
            ArrayNode array = node.putArray("commands");
            lines.forEach(array::add);
            out.println(Json.line(node));
        } else {
            lines.forEach(l -> Human.line(out, l));
        }
    }

    /** One clear line for a command that cannot be done; the session goes on. */
    void error(String message) {
        if (json) {
            out.println(Json.line(Json.object().put("error", message)));
        } else {
            Human.line(out, "error: " + message);
        }
    }

    static ObjectNode socketJson(SocketRow r) {
        ObjectNode node = Json.object().put("socket", r.label()).put("run", r.run().number())
                .put("category", r.category().label()).put("family", r.family().label())
                .put("process", r.process().value()).put("createdAt", r.createdAt());
        if (r.isOpen()) {
            node.putNull("closedAt");
        } else {
            node.put("closedAt", r.closedAt());
        }
        return node;
    }
}
