package org.wskemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.cli.Report.Call;
import org.wskemu.cli.Report.Explanation;
import org.wskemu.cli.Report.Flag;
import org.wskemu.cli.Report.Lane;
import org.wskemu.cli.Report.Mark;
import org.wskemu.cli.Report.MarkKind;
import org.wskemu.cli.Report.Run;
import org.wskemu.cli.Report.Span;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * Renders a {@link Report} as one self-contained HTML page: the template {@code report.html} (styles
 * and script inline) around a body written here. Every input-derived string goes through
 * {@link Html#text}; every link is a fragment of the page itself ({@code #p-19}); a Content Security
 * Policy forbids the page any fetch and allows only the template's own script, by its hash. The
 * content needs no script: explanations are {@code <details>} opened by following a mark's link;
 * the script only adds niceties (highlight, open all, open all before printing).
 */
final class HtmlReport {

    private static final String TEMPLATE = template();

    private HtmlReport() {
    }

    /** The page. Deterministic: the same store gives the same bytes (no clock, no handles). */
    static String render(Report report) {
        StringBuilder body = new StringBuilder(8192);
        header(body, report);
        for (Run run : report.runs()) {
            run(body, run);
        }
        StringBuilder filterRules = new StringBuilder();
        audit(body, report, filterRules);
        warnings(body, report.warnings());
        body.append("<p class=\"note\">Written by <code>wskemu report --html</code>. Positions are the event store's: "
                + "<code>wskemu explain POSITION</code> on the same store prints the same explanation.</p>\n");
        return fill(Map.of(
                "csp", "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + scriptHash()
                        + "'; img-src 'none'; base-uri 'none'; form-action 'none'",
                "title", "wskemu report: " + Html.text(report.store()),
                "filters", filterRules.toString(),
                "body", body.toString()));
    }

    private static void header(StringBuilder out, Report report) {
        long calls = report.runs().stream().mapToLong(r -> r.calls().size()).sum();
        long refused = report.runs().stream().flatMap(r -> r.calls().stream())
                .filter(c -> c.flags().stream().anyMatch(f -> f instanceof Flag.Refused)).count();
        long diverged = report.runs().stream().flatMap(r -> r.calls().stream())
                .filter(c -> c.flags().stream().anyMatch(f -> f instanceof Flag.Diverged)).count();
        out.append("<div id=\"tools\" hidden><button type=\"button\" value=\"open\">open every explanation</button>"
                + "<button type=\"button\" value=\"close\">close them</button></div>\n");
        out.append("<h1>wskemu report</h1>\n<dl class=\"facts\" id=\"facts\">\n");
        fact(out, "store", "<code>" + Html.text(report.store()) + "</code>"
                + (report.location() == null ? " (in memory)"
                : report.location().equals(report.store()) ? ""
                : " (<code>" + Html.text(report.location()) + "</code>)"));
        fact(out, "profile", "decisions recorded under " + profiles(report.decidedUnder()));
        fact(out, "last position", Long.toString(report.head()));
        fact(out, "runs", Integer.toString(report.runs().size()));
        fact(out, "calls", Long.toString(calls));
        fact(out, "bind decisions", Integer.toString(report.audit().size()));
        fact(out, "flags", "<a href=\"#audit\">" + refused + " refused</a>, <a href=\"#warnings\">"
                + count(report.warnings().size(), "misuse warning") + "</a>, "
                + "<a href=\"#only-diverged\">" + count((int) diverged, "divergence") + "</a> from the recordings' expectations");
        out.append("</dl>\n");
        out.append("<p class=\"note\">Flags: a call refused, a misuse warning, or a divergence: the session "
                + "file's recording expected another outcome (its line and expectation are recorded with the run).</p>\n");
        out.append("<nav>");
        for (Run run : report.runs()) {
            out.append("<a href=\"#run-").append(run.number()).append("\">run ").append(run.number())
                    .append(run.ended() ? "" : " (unfinished)").append("</a>");
        }
        out.append("<a href=\"#audit\">audit</a><a href=\"#warnings\">warnings</a></nav>\n");
        out.append("<div class=\"legend\" id=\"legend\">")
                .append("<span><i class=\"swatch ok\"></i>bind granted</span>")
                .append("<span><i class=\"swatch denied\"></i>bind refused: STATUS_ACCESS_DENIED</span>")
                .append("<span><i class=\"swatch in-use\"></i>bind refused: STATUS_ADDRESS_ALREADY_EXISTS</span>")
                .append("<span><i class=\"swatch refused\"></i>refused otherwise</span>")
                .append("<span><i class=\"swatch close\"></i>close, releasing the binding</span>")
                .append("<span><i class=\"swatch span-swatch\"></i>a binding held "
                        + "(dashed end: held before or after the run)</span>")
                .append("</div>\n");
    }

    private static String profiles(List<ProfileId> profiles) {
        return profiles.isEmpty() ? "none" : String.join(", ",
                profiles.stream().map(p -> "<code>" + Html.text(p.label()) + "</code>").toList());
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void fact(StringBuilder out, String name, String html) {
        out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static void run(StringBuilder out, Run run) {
        out.append("<section class=\"run\" id=\"run-").append(run.number()).append("\">\n");
        out.append("<h2>Run ").append(run.number()).append(": <code>").append(Html.text(run.source()))
                .append("</code>").append(run.ended() ? "" : " <span class=\"flag unfinished\">unfinished</span>")
                .append("</h2>\n");
        if (!run.ended()) {
            out.append("<p class=\"unfinished\">This run never ended (killed, or copied while it ran): it recorded ")
                    .append(count(run.calls().size(), "call")).append(", up to position ").append(run.last()).append(".</p>\n");
        }
        List<Lane> own = run.lanes().stream().filter(Lane::touched).toList();
        List<Lane> inherited = run.lanes().stream().filter(l -> !l.touched()).toList();
        out.append("<p class=\"note\">positions ").append(run.first()).append(" to ").append(run.last()).append(", ")
                .append(count(run.calls().size(), "call")).append(", ").append(count(own.size(), "port"))
                .append("; decided under ").append(profiles(run.decidedUnder()))
                .append(". Each lane is one port (protocol/family/port); a mark is a bind or close at its "
                        + "position; follow a mark to its explanation.</p>\n");
        if (!own.isEmpty()) {
            out.append("<div class=\"timeline\">\n<div class=\"axis\"><div class=\"lane-label\">position</div>"
                    + "<div class=\"plot\">");
            for (int i = 0; i <= 4; i++) {
                long tick = run.first() + Math.round((run.last() - run.first()) * i / 4.0);
                out.append("<span class=\"tick\" style=\"left:").append(percent(run, tick)).append("\">")
                        .append(tick).append("</span>");
            }
            out.append("</div></div>\n");
            for (Lane lane : own) {
                if (lane.marks().size() > 1 || own.size() <= SINGLE_CALL_LANES) {
                    lane(out, run, lane);
                }
            }
            out.append("</div>\n");
            List<Lane> single = own.size() <= SINGLE_CALL_LANES ? List.of()
                    : own.stream().filter(l -> l.marks().size() == 1).toList();
            if (!single.isEmpty()) {
                // issue #26: a port with one call has no conflict to draw: one line for all of them
                out.append("<p class=\"single\">").append(count(single.size(), "port")).append(" with one call: ");
                for (Lane lane : single) {
                    Mark mark = lane.marks().get(0);
                    boolean close = mark.kind() == MarkKind.CLOSE;
                    out.append(close ? "<span" : "<a href=\"#p-" + mark.position() + "\"").append(" class=\"mark inline ")
                            .append(close ? "close" : outcome(mark.status())).append("\" data-position=\"")
                            .append(mark.position()).append("\">").append(Html.text(lane.key().toString())).append(' ')
                            .append(Html.text(mark.label())).append(close ? "</span> " : "</a> ");
                }
                out.append("</p>\n");
            }
        }
        if (!inherited.isEmpty()) {
            // issue #26: ports held from earlier runs that this run never touched, in one line
            out.append("<details class=\"inherited\"><summary>").append(count(inherited.size(), "port"))
                    .append(" held from earlier runs, untouched in this run</summary><p class=\"mono\">");
            for (int i = 0; i < inherited.size(); i++) {
                Lane lane = inherited.get(i);
                out.append(i == 0 ? "" : "; ").append(Html.text(lane.key().toString())).append(": ")
                        .append(Html.text(String.join(", ", lane.spans().stream().map(Span::label).distinct().toList())));
            }
            out.append("</p></details>\n");
        }
        // issue #26: the calls worth a look, each with its explanation; a call that succeeded with nothing to
        // explain (a declaration, a socket, an option, a close, a bind no binding overlapped) is counted, and
        // a bind of those is in the audit table (its row is the explanation a mark links to)
        List<Call> shown = run.calls().stream().filter(HtmlReport::worthALook).toList();
        out.append("<h3>Calls</h3>\n<p class=\"note\">").append(count(shown.size(), "call"))
                .append(" with something to explain (a refusal, a flag, a binding consulted); ")
                .append(run.calls().size() - shown.size()).append(" more succeeded with nothing to explain "
                        + "(<code>wskemu history --from ").append(run.first()).append(" --to ").append(run.last())
                .append("</code> lists every one).</p>\n<div class=\"calls\">\n");
        for (Call call : shown) {
            call(out, call);
        }
        out.append("</div>\n</section>\n");
    }

    /** A call the page explains: refused, flagged, or a bind that consulted a binding. */
    static boolean worthALook(Call call) {
        if (!call.flags().isEmpty() || call.status() != null && !call.status().isSuccess()) {
            return true;
        }
        return call.explanation() instanceof Explanation.Bind bind && !bind.decision().consultations().isEmpty();
    }

    private static void lane(StringBuilder out, Run run, Lane lane) {
        String key = Html.text(lane.key().toString());
        Map<SocketId, Integer> rows = rows(lane);
        int height = ROW_HEIGHT * Math.max(1, new HashSet<>(rows.values()).size()) + 8;
        out.append("<div class=\"lane\" data-port=\"").append(key).append("\"><div class=\"lane-label\">").append(key)
                .append("<small>").append(count(lane.marks().size(), "call"))
                .append("</small></div><div class=\"track\" style=\"height:").append(height)
                .append("px\"><div class=\"plot\">");
        for (Span span : lane.spans()) {
            out.append("<span class=\"span").append(span.heldBefore() ? " before" : "")
                    .append(span.heldAfter() ? " after" : "")
                    .append("\" style=\"top:").append(top(rows, span.socket()) + 2).append("px;left:")
                    .append(percent(run, span.from())).append(";width:").append(width(run, span.from(), span.to()))
                    .append("\"></span>");
        }
        for (Mark mark : lane.marks()) {
            String outcome = mark.kind() == MarkKind.CLOSE ? "close" : outcome(mark.status());
            String what = mark.kind() == MarkKind.CLOSE ? "close of " + mark.label()
                    : "bind of " + mark.label() + ": " + (mark.status() == null ? "-" : mark.status().fullName());
            // a mark near the right edge has its label on its left, inside the lane
            boolean late = run.last() > run.first()
                    && (mark.position() - run.first()) * 100 > (run.last() - run.first()) * 88;
            // a close has no explanation of its own on the page (history lists it): a mark without a link
            boolean close = mark.kind() == MarkKind.CLOSE;
            out.append(close ? "<span class=\"mark " : "<a class=\"mark ").append(outcome).append(late ? " late" : "")
                    .append(close ? "" : "\" href=\"#p-" + mark.position())
                    .append("\" data-position=\"").append(mark.position()).append("\" style=\"top:")
                    .append(top(rows, mark.socket())).append("px;left:").append(percent(run, mark.position()))
                    .append("\" title=\"").append(Html.text(what)).append("\">")
                    .append(mark.kind() == MarkKind.CLOSE ? "&#x25A0;" : "ok".equals(outcome) ? "&#x2713;" : "&#x2717;")
                    .append("<span class=\"tag\">").append(Html.text(mark.label())).append(close ? "</span></span>" : "</span></a>");
        }
        out.append("</div></div></div>\n");
    }

    private static final int ROW_HEIGHT = 24;
    /** A run with more ports than this draws a lane only for ports with two calls or more. */
    private static final int SINGLE_CALL_LANES = 12;

    private static int top(Map<SocketId, Integer> rows, SocketId socket) {
        return 4 + ROW_HEIGHT * rows.getOrDefault(socket, 0);
    }

    /**
     * A row of the lane for each socket on it, shared by sockets whose times on the port do not
     * overlap (first fit, in order of first appearance), so that bindings held together are drawn
     * one above the other.
     */
    private static Map<SocketId, Integer> rows(Lane lane) {
        Map<SocketId, long[]> extent = new LinkedHashMap<>();
        for (Mark mark : lane.marks()) {
            extend(extent, mark.socket(), mark.position(), mark.position());
        }
        for (Span span : lane.spans()) {
            extend(extent, span.socket(), span.from(), span.to());
        }
        List<Map.Entry<SocketId, long[]>> sockets = new ArrayList<>(extent.entrySet());
        sockets.sort(Comparator.comparingLong(e -> e.getValue()[0]));
        List<Long> rowEnds = new ArrayList<>();
        Map<SocketId, Integer> rows = new HashMap<>();
        for (Map.Entry<SocketId, long[]> socket : sockets) {
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) >= socket.getValue()[0]) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(socket.getValue()[1]);
            } else {
                rowEnds.set(row, socket.getValue()[1]);
            }
            rows.put(socket.getKey(), row);
        }
        return rows;
    }

    private static void extend(Map<SocketId, long[]> extent, SocketId socket, long from, long to) {
        long[] range = extent.computeIfAbsent(socket, s -> new long[] {from, to});
        range[0] = Math.min(range[0], from);
        range[1] = Math.max(range[1], to);
    }

    private static void call(StringBuilder out, Call call) {
        // a call that succeeded without a sharing decision (a declaration, an option) is drawn plain
        boolean plain = call.status() == null
                || call.explanation() instanceof Explanation.Settled && call.status().isSuccess();
        String outcome = plain ? "plain" : outcome(call.status());
        out.append("<details data-position=\"").append(call.position()).append("\" class=\"call ").append(outcome)
                .append("\" data-op=\"").append(Html.text(call.op())).append("\"><summary><span class=\"mono\">@")
                .append(call.position()).append("</span><span>").append(Html.text(call.op())).append("</span><span>")
                .append(Html.text(call.socket())).append("</span><span class=\"status\">")
                .append(call.status() == null ? "-" : call.status().fullName()).append("</span><span class=\"desc\">");
        for (Flag flag : call.flags()) {
            out.append(flag(flag));
        }
        // The link target is inside the details, so following it opens them even with scripts off
        // (HTML's "ancestor details revealing algorithm" runs for a fragment's target).
        out.append(Html.text(call.text())).append("</span></summary>\n<div class=\"explain\" id=\"p-")
                .append(call.position()).append("\">\n");
        // Java 17 has no pattern switch: the sealed interface's two cases, in turn
        if (call.explanation() instanceof Explanation.Bind bind) {
            bind(out, call.position(), bind);
        } else if (call.explanation() instanceof Explanation.Settled settled) {
            settled(out, call.position(), call.text(), settled.outcome());
        }
        out.append("</div></details>\n");
    }

    private static String flag(Flag flag) {
        if (flag instanceof Flag.Refused refused) {
            return "<span class=\"flag " + outcome(refused.status()) + "\">refused</span>";
        }
        if (flag instanceof Flag.Diverged diverged) {
            return "<span class=\"flag diverged\" title=\"line " + diverged.line() + ": recorded "
                    + Html.text(diverged.expected()) + "\">diverged: recorded " + Html.text(diverged.expected()) + "</span>";
        }
        if (flag instanceof Flag.Misuse misuse) {
            return "<span class=\"flag misuse\" title=\"" + Html.text(misuse.message()) + "\">"
                    + Html.text(misuse.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')) + "</span>";
        }
        throw new IllegalArgumentException("no rendering for flag " + flag);
    }

    /** What {@code explain POSITION} prints for a bind decision, as HTML. */
    private static void bind(StringBuilder out, long position, Explanation.Bind bind) {
        BindDecision d = bind.decision();
        out.append("<p>position ").append(position).append(": bind of socket <b>").append(Html.text(bind.label()))
                .append("</b> (run ").append(bind.run()).append(", process ").append(bind.process())
                .append(") to <code>")
                .append(Html.text(d.requested())).append("</code></p>\n");
        out.append("<p>profile: <code>").append(Html.text(d.profile())).append("</code>; the socket's option: <code>")
                .append(d.option().name()).append("</code></p>\n");
        if (d.consultations().isEmpty()) {
            out.append("<p>overlapping bindings: none consulted</p>\n");
        } else {
            out.append("<p>overlapping bindings, in bind order:</p>\n<ol class=\"consulted\">\n");
            Consultation deciding = d.deciding();
            for (Consultation c : d.consultations()) {
                out.append(c == deciding ? "<li class=\"deciding\">" : "<li>");
                out.append("<p>socket <b>").append(Html.text(c.existing().label())).append("</b> (run ")
                        .append(c.existing().run().number()).append("), <code>").append(Html.text(c.existing().address()))
                        .append("</code> with <code>").append(c.existing().option().name()).append("</code>")
                        .append(c.alike() > 0 ? " (and " + c.alike() + " more alike)" : "")
                        .append(c == deciding ? " <b>(the conflicting binding)</b>" : "").append("</p>\n");
                out.append("<p class=\"cell\">").append(Html.text(c.describeCell())).append(" &#x2192; ")
                        .append(c.outcome().fullName()).append("</p>\n");
                if (c.trace() != null) {
                    out.append("<p>access check of the new socket's context against <code>")
                            .append(Html.text(c.existing().descriptor().toSddl())).append("</code>:</p>\n")
                            .append("<pre class=\"trace\">").append(Html.text(c.trace().describe().strip()))
                            .append("</pre>\n");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        out.append("<p class=\"outcome\">outcome: <span class=\"status ").append(outcome(d.status())).append("\">")
                .append(d.status().fullName()).append(" (").append(d.status().hex()).append(")</span>")
                .append(d.actual() != null ? " on <code>" + Html.text(d.actual()) + "</code>" : "").append(": ")
                .append(Html.text(d.reason())).append("</p>\n");
    }

    /** What {@code explain POSITION} prints for a call settled without a sharing decision, as HTML. */
    private static void settled(StringBuilder out, long position, String text, CallOutcome outcome) {
        out.append("<p>position ").append(position).append(": ").append(Html.text(outcome.op()))
                .append(outcome.socket() != null ? " on socket <b>" + Html.text(outcome.socket()) + "</b>" : "")
                .append("</p>\n<p>records: ").append(Html.text(text)).append("</p>\n");
        if (outcome.status() != null) {
            out.append("<p class=\"outcome\">outcome: <span class=\"status ").append(outcome(outcome.status()))
                    .append("\">").append(outcome.status().fullName()).append(" (").append(outcome.status().hex())
                    .append(")</span>: ")
                    .append(Html.text(outcome.reason())).append("</p>\n");
        } else {
            out.append("<p>").append(Html.text(outcome.reason())).append("</p>\n");
        }
        out.append("<p>no sharing table cell or access check decided this call</p>\n");
    }

    private static void audit(StringBuilder out, Report report, StringBuilder filterRules) {
        List<DecisionRow> rows = report.audit();
        out.append("<section id=\"audit\">\n<h2>Audit: every bind decision</h2>\n");
        if (rows.isEmpty()) {
            out.append("<p>no bind decisions</p>\n</section>\n");
            return;
        }
        Map<Long, Flag.Diverged> diverged = new HashMap<>();
        report.runs().forEach(r -> r.calls().forEach(c -> c.flags().stream().filter(Flag.Diverged.class::isInstance)
                .findFirst().ifPresent(f -> diverged.put(c.position(), (Flag.Diverged) f))));
        filters(out, filterRules, rows, diverged.keySet());
        out.append("<table class=\"audit\"><colgroup><col class=\"w-pos\"><col class=\"w-run\"><col class=\"w-sock\">"
                + "<col class=\"w-addr\"><col class=\"w-status\"><col class=\"w-cell\"><col class=\"w-sock\">"
                + "<col class=\"w-div\"><col></colgroup>"
                + "<thead><tr><th>position</th><th>run</th><th>socket</th><th>requested &#x2192; address</th>"
                + "<th>status</th><th>cell</th><th>deciding socket</th><th>diverged</th><th>reason</th>"
                + "</tr></thead><tbody>\n");
        java.util.Set<Long> explained = new java.util.HashSet<>();
        report.runs().forEach(r -> r.calls().stream().filter(HtmlReport::worthALook).forEach(c -> explained.add(c.position())));
        for (DecisionRow d : rows) {
            Flag.Diverged div = diverged.get(d.position());
            out.append(explained.contains(d.position()) ? "<tr class=\"" : "<tr id=\"p-" + d.position() + "\" class=\"").append(outcome(d.status())).append(" run-").append(d.run().number())
                    .append(" port-").append(d.port()).append(" st-").append(outcome(d.status()))
                    .append(div != null ? " diverged" : "").append("\"><td><a href=\"#p-").append(d.position())
                    .append("\">").append(d.position()).append("</a></td><td>").append(d.run().number())
                    .append("</td><td>").append(Html.text(d.label())).append("</td><td><code>")
                    .append(Html.text(d.requested())).append("</code>")
                    .append(d.actual() != null && !d.actual().equals(d.requested())
                            ? " &#x2192; <code>" + Html.text(d.actual()) + "</code>" : "")
                    .append(" <small>").append(d.option().name()).append(", ").append(Html.text(d.profile()))
                    .append("</small></td><td class=\"status\">").append(d.status().fullName()).append("</td><td>")
                    .append(Html.text(d.decidingCell())).append("</td><td>").append(Html.text(d.decidingLabel()))
                    .append("</td><td>").append(div == null ? "" : "line " + div.line() + ": recorded "
                            + Html.text(div.expected())).append("</td><td class=\"reason\">").append(Html.text(d.reason()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    /**
     * The audit's filters. With scripts off each is a link to a fragment whose {@code :target} rule (added
     * to {@code rules}, the page's one style element) hides the other rows: one filter at a time. With scripts on the selects combine them.
     */
    private static void filters(StringBuilder out, StringBuilder rules, List<DecisionRow> rows, java.util.Set<Long> diverged) {
        java.util.SortedSet<Long> runs = new java.util.TreeSet<>();
        java.util.SortedSet<Integer> ports = new java.util.TreeSet<>();
        java.util.SortedSet<String> statuses = new java.util.TreeSet<>();
        rows.forEach(d -> {
            runs.add(d.run().number());
            ports.add(d.port());
            statuses.add(outcome(d.status()));
        });
        StringBuilder targets = new StringBuilder();
        StringBuilder links = new StringBuilder("<p class=\"filters\" id=\"filter-links\">filter: <a href=\"#audit\">all</a>"
                + " <a href=\"#only-diverged\">diverged (" + diverged.size() + ")</a>");
        target(rules, targets, "only-diverged", "diverged");
        for (String status : statuses) {
            target(rules, targets, "only-st-" + status, "st-" + status);
            links.append(" <a href=\"#only-st-").append(status).append("\">").append(status).append("</a>");
        }
        links.append(" &#xb7; run:");
        for (long run : runs) {
            target(rules, targets, "only-run-" + run, "run-" + run);
            links.append(" <a href=\"#only-run-").append(run).append("\">").append(run).append("</a>");
        }
        links.append(" &#xb7; port:");
        for (int port : ports) {
            target(rules, targets, "only-port-" + port, "port-" + port);
            links.append(" <a href=\"#only-port-").append(port).append("\">").append(port).append("</a>");
        }
        links.append("</p>\n");
        out.append(targets).append(links);
        out.append("<form id=\"filter-form\" hidden>run <select name=\"run\"><option value=\"\">any</option>");
        runs.forEach(r -> out.append("<option>").append(r).append("</option>"));
        out.append("</select> port <select name=\"port\"><option value=\"\">any</option>");
        ports.forEach(p -> out.append("<option>").append(p).append("</option>"));
        out.append("</select> status <select name=\"st\"><option value=\"\">any</option>");
        statuses.forEach(st -> out.append("<option>").append(st).append("</option>"));
        out.append("</select> <label><input type=\"checkbox\" name=\"diverged\"> diverged only</label>"
                + " <output name=\"shown\"></output></form>\n");
    }

    private static void target(StringBuilder rules, StringBuilder targets, String id, String rowClass) {
        targets.append("<i class=\"ftarget\" id=\"").append(id).append("\"></i>");
        rules.append('#').append(id).append(":target~table.audit tbody tr:not(.").append(rowClass)
                .append("){display:none}");
    }

    private static void warnings(StringBuilder out, List<WarningRow> rows) {
        out.append("<section id=\"warnings\">\n<h2>Misuse warnings</h2>\n");
        if (rows.isEmpty()) {
            out.append("<p>no misuse warnings</p>\n</section>\n");
            return;
        }
        out.append("<table><thead><tr><th>position</th><th>kind</th><th>warning</th></tr></thead><tbody>\n");
        for (WarningRow w : rows) {
            out.append("<tr><td><a href=\"#p-").append(w.position()).append("\">").append(w.position())
                    .append("</a></td><td>").append(w.kind().name()).append("</td><td>").append(Html.text(w.message()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    /**
     * The colour class of an outcome: granted, refused by access (a CHECK or an exclusive holder),
     * refused as in use, or refused otherwise (misuse, no ephemeral port, an unsupported request).
     */
    static String outcome(NtStatus status) {
        if (status == null) {
            return "plain";
        }
        return switch (status) {
            case SUCCESS -> "ok";
            case ACCESS_DENIED -> "denied";
            case ADDRESS_ALREADY_EXISTS -> "in-use";
            default -> "refused";
        };
    }

    private static String percent(Run run, long position) {
        double span = run.last() - run.first();
        double at = span == 0 ? 50 : (position - run.first()) * 100.0 / span;
        return String.format(Locale.ROOT, "%.2f%%", at);
    }

    private static String width(Run run, long from, long to) {
        double span = run.last() - run.first();
        double width = span == 0 ? 0 : (to - from) * 100.0 / span;
        return String.format(Locale.ROOT, "%.2f%%", width);
    }

    /** The template with each {@code {{name}}} replaced once; values are never scanned for markers. */
    private static String fill(Map<String, String> values) {
        StringBuilder out = new StringBuilder(TEMPLATE.length() * 2);
        int at = 0;
        while (true) {
            int open = TEMPLATE.indexOf("{{", at);
            if (open < 0) {
                return out.append(TEMPLATE, at, TEMPLATE.length()).toString();
            }
            int close = TEMPLATE.indexOf("}}", open);
            String value = values.get(TEMPLATE.substring(open + 2, close));
            if (value == null) {
                throw new IllegalStateException("report.html names no value " + TEMPLATE.substring(open, close + 2));
            }
            out.append(TEMPLATE, at, open).append(value);
            at = close + 2;
        }
    }

    /** The base64 SHA-256 of the template's one inline script, for the Content Security Policy. */
    static String scriptHash() {
        int start = TEMPLATE.indexOf("<script>") + "<script>".length();
        String script = TEMPLATE.substring(start, TEMPLATE.indexOf("</script>", start));
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IllegalStateException("report.html is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
