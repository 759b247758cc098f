package org.wskemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.cli.Report.Call;
import org.wskemu.cli.Report.Explanation;
import org.wskemu.cli.Report.Flag;
import org.wskemu.cli.Report.Lane;
import org.wskemu.cli.Report.Mark;
import org.wskemu.cli.Report.MarkKind;
import org.wskemu.cli.Report.Run;
import org.wskemu.cli.Report.RunHead;
import org.wskemu.cli.Report.Span;
import org.wskemu.cli.Report.Survey;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * Writes a report ({@link Report}) as one self-contained HTML page, run by run: the template
 * {@code report.html} (styles and script inline) around a body written here. Every input-derived string goes through
 * {@link Html#text}; every link is a fragment of the page itself ({@code #p-19}); a Content Security
 * Policy forbids the page any fetch and allows only the template's own script, by its hash. The
 * content needs no script: explanations are {@code <details>} opened by following a mark's link, and
 * the audit's filters are fragments whose {@code :target} rules hide what they leave out;
 * the script only adds niceties (highlight, open all, open all before printing).
 */
final class HtmlReport {

    private static final String TEMPLATE = template();

    private HtmlReport() {
    }

    /**
     * Writes the page to {@code out}, run by run: the survey's figures first, then each run as
     * {@code reader} reads it, written and let go before the next is read. Deterministic: the same
     * store gives the same bytes (no clock, no handles).
     */
    static void write(Survey survey, Function<RunHead, Run> reader, Writer out) throws IOException {
        StringBuilder rules = new StringBuilder();
        StringBuilder top = new StringBuilder(16384);
        header(top, survey);
        filters(top, rules, survey);
        String[] around = around(Map.of(
                "csp", "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + scriptHash()
                        + "'; img-src 'none'; base-uri 'none'; form-action 'none'",
                "title", "wskemu report: " + Html.text(survey.store()),
                "filters", rules.toString()));
        out.write(around[0]);
        out.write(top.toString());
        StringBuilder section = new StringBuilder(SPILL * 2);
        // a run's rows go out as they fill the buffer: a run of any length is never held as text
        Spill spill = () -> {
            if (section.length() >= SPILL) {
                out.write(section.toString());
                section.setLength(0);
            }
        };
        for (RunHead head : survey.runs()) {
            run(section, reader.apply(head), spill);
            out.write(section.toString());
            section.setLength(0);
        }
        StringBuilder end = new StringBuilder();
        warnings(end, survey.warnings());
        end.append("<p class=\"note\">Written by <code>wskemu report --html</code>. Positions are the event store's: "
                + "<code>wskemu explain POSITION</code> on the same store prints the same explanation.</p>\n");
        out.write(end.toString());
        out.write(around[1]);
        out.flush();
    }

    /** The whole page as one string (tests, and the committed sample). */
    static String render(Survey survey, Function<RunHead, Run> reader) {
        StringWriter out = new StringWriter();
        try {
            write(survey, reader, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** How much of a run's text is written out at once. */
    private static final int SPILL = 1 << 16;

    /** Writes out what a run's text holds so far, once it holds {@link #SPILL} characters or more. */
    @FunctionalInterface
    private interface Spill {
        void check() throws IOException;
    }

    private static void header(StringBuilder out, Survey survey) {
        out.append("<div id=\"tools\" hidden><button type=\"button\" value=\"open\">open every explanation</button>"
                + "<button type=\"button\" value=\"close\">close them</button></div>\n");
        out.append("<h1>wskemu report</h1>\n<dl class=\"facts\" id=\"facts\">\n");
        fact(out, "store", "<code>" + Html.text(survey.store()) + "</code>"
                + (survey.location() == null ? " (in memory)"
                : survey.location().equals(survey.store()) ? ""
                : " (<code>" + Html.text(survey.location()) + "</code>)"));
        fact(out, "profile", "decisions recorded under " + profiles(survey.profiles()));
        fact(out, "last position", Long.toString(survey.head()));
        fact(out, "runs", Integer.toString(survey.runs().size()));
        fact(out, "calls", Long.toString(survey.calls()));
        fact(out, "bind decisions", Long.toString(survey.decisions()));
        fact(out, "flags", "<a href=\"#audit\">" + survey.refused() + " refused</a>, <a href=\"#warnings\">"
                + count(survey.warnings().size(), "misuse warning") + "</a>, "
                + "<a href=\"#only-diverged\">" + count(survey.diverged().size(), "divergence") + "</a> from the recordings' expectations");
        out.append("</dl>\n");
        out.append("<p class=\"note\">Flags: a call refused, a misuse warning, or a divergence: the session "
                + "file's recording expected another outcome (its line and expectation are recorded with the run).</p>\n");
        out.append("<nav>");
        for (RunHead run : survey.runs()) {
            out.append("<a href=\"#run-").append(run.number()).append("\">run ").append(run.number())
                    .append(run.ended() ? "" : " (unfinished)").append("</a>");
        }
        out.append("<a href=\"#warnings\">warnings</a></nav>\n");
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

    /**
     * The audit's filters, above the runs. With scripts off each is a link to a fragment whose
     * {@code :target} rule (added to {@code rules}, the page's one style element) hides the other
     * runs or rows: one filter at a time. With scripts on the form combines them. The fragments are
     * siblings before the runs, as the rules' {@code ~} needs.
     */
    private static void filters(StringBuilder out, StringBuilder rules, Survey survey) {
        out.append("<div id=\"audit\">\n<h2>Audit: every bind decision, run by run</h2>\n");
        if (survey.decisions() == 0) {
            out.append("<p>no bind decisions</p>\n</div>\n");
            return;
        }
        out.append("<p class=\"note\">Each run below lists its bind decisions in a table: the deciding cell, the "
                + "conflicting socket, the divergence from the recording and the reason; a decision that "
                + "consulted bindings opens to show each of them, with its access check.</p>\n");
        StringBuilder targets = new StringBuilder();
        StringBuilder links = new StringBuilder("<p class=\"filters\" id=\"filter-links\">filter: <a href=\"#audit\">all</a>"
                + " <a href=\"#only-diverged\">diverged (" + survey.diverged().size() + ")</a>");
        target(rules, targets, "only-diverged", "diverged");
        for (String status : survey.outcomes()) {
            target(rules, targets, "only-st-" + status, "st-" + status);
            links.append(" <a href=\"#only-st-").append(status).append("\">").append(status).append("</a>");
        }
        links.append(" &#xb7; run:");
        for (RunHead run : survey.runs()) {
            // a run's filter shows that run alone
            targets.append("<i class=\"ftarget runs\" id=\"only-run-").append(run.number()).append("\"></i>");
            rules.append("#only-run-").append(run.number()).append(":target~#run-").append(run.number()).append("{display:block}");
            links.append(" <a href=\"#only-run-").append(run.number()).append("\">").append(run.number()).append("</a>");
        }
        // [emulator choice] a port with a single decision has nothing to filter: the links (and their rules)
        // are for the ports decided on more than once; the form (scripts on) takes any port
        long repeated = survey.ports().values().stream().filter(n -> n > 1).count();
        links.append("</p>\n<details class=\"filters\"><summary>filter by port: ").append(count(repeated, "port"))
                .append(" decided on more than once</summary>");
        survey.ports().forEach((port, decisions) -> {
            if (decisions > 1) {
                target(rules, targets, "only-port-" + port, "port-" + port);
                links.append(" <a href=\"#only-port-").append(port).append("\">").append(port).append("</a>");
            }
        });
        links.append("</details>\n");
        out.append(links);
        out.append("<form id=\"filter-form\" hidden>run <select name=\"run\"><option value=\"\">any</option>");
        survey.runs().forEach(r -> out.append("<option>").append(r.number()).append("</option>"));
        out.append("</select> port <input name=\"port\" type=\"number\" min=\"0\" max=\"65535\" placeholder=\"any\">"
                + " status <select name=\"st\"><option value=\"\">any</option>");
        survey.outcomes().forEach(st -> out.append("<option>").append(st).append("</option>"));
        out.append("</select> <label><input type=\"checkbox\" name=\"diverged\"> diverged only</label>"
                + " <output name=\"shown\"></output></form>\n</div>\n");
        out.append(targets).append('\n');
    }

    /**
     * A filter of rows: its fragment, and the rule that shows the rows of class {@code shown} while it is
     * the target (the template's rule hides every row while any row filter is). Each rule is keyed by the
     * row's class, so a browser checks a row against its own few rules only, not every filter's.
     */
    private static void target(StringBuilder rules, StringBuilder targets, String id, String shown) {
        targets.append("<i class=\"ftarget rows\" id=\"").append(id).append("\"></i>");
        rules.append('#').append(id).append(":target~section.run tr.").append(shown).append("{display:table-row}");
    }

    private static void run(StringBuilder out, Run run, Spill spill) throws IOException {
        RunHead head = run.head();
        out.append("<section class=\"run\" id=\"run-").append(head.number()).append("\">\n");
        out.append("<h2>Run ").append(head.number()).append(": <code>").append(Html.text(head.source()))
                .append("</code>").append(head.ended() ? "" : " <span class=\"flag unfinished\">unfinished</span>")
                .append("</h2>\n");
        if (!head.ended()) {
            out.append("<p class=\"unfinished\">This run never ended (killed, or copied while it ran): it recorded ")
                    .append(count(head.calls(), "call")).append(", up to position ").append(head.last()).append(".</p>\n");
        }
        List<Lane> own = run.lanes();
        out.append("<p class=\"note\">positions ").append(head.first()).append(" to ").append(head.last()).append(", ")
                .append(count(head.calls(), "call")).append(", ").append(count(own.size(), "port"))
                .append("; decided under ").append(profiles(run.decidedUnder()))
                .append(". Each lane is one port (protocol/family/port); a mark is a bind or close at its "
                        + "position; follow a mark to its decision.</p>\n");
        // issue #26: a port where no two sockets met (one socket alone, or one binding at a time, all granted)
        // has no conflict to draw: one line for all of them, unless the run has few ports
        boolean all = own.size() <= DRAW_EVERY_LANE;
        List<Lane> drawn = own.stream().filter(l -> all || met(l)).toList();
        if (!drawn.isEmpty()) {
            out.append("<div class=\"timeline\">\n<div class=\"axis\"><div class=\"lane-label\">position</div>"
                    + "<div class=\"plot\">");
            for (int i = 0; i <= 4; i++) {
                long tick = head.first() + Math.round((head.last() - head.first()) * i / 4.0);
                out.append("<span class=\"tick\" style=\"left:").append(percent(head, tick)).append("\">")
                        .append(tick).append("</span>");
            }
            out.append("</div></div>\n");
            for (Lane lane : drawn) {
                lane(out, head, lane);
            }
            out.append("</div>\n");
        }
        List<Lane> alone = all ? List.of() : own.stream().filter(l -> !met(l)).toList();
        if (!alone.isEmpty()) {
            String group = null;
            out.append("<p class=\"single\">").append(count(alone.size(), "port")).append(" where no two sockets met "
                    + "(each links to its first refusal, else its first bind): ");
            for (Lane lane : alone) {
                Mark mark = lane.marks().stream().filter(m -> m.kind() == MarkKind.BIND && m.status() != null
                        && !m.status().isSuccess()).findFirst().or(() -> lane.marks().stream().filter(m -> m.kind() == MarkKind.BIND).findFirst())
                        .orElse(lane.marks().get(0));
                boolean close = mark.kind() == MarkKind.CLOSE;
                String kind = lane.key().protocol() + "/" + lane.key().family();
                if (!kind.equals(group)) {
                    out.append(group == null ? "" : "; ").append(Html.text(kind)).append(": ");
                    group = kind;
                }
                out.append(close ? "<span" : "<a href=\"#p-" + mark.position() + "\"").append(" class=\"inline ")
                        .append(close ? "close" : outcome(mark.status())).append("\">")
                        .append(lane.key().port()).append(' ').append(Html.text(mark.label()))
                        .append(close ? "</span> " : "</a> ");
            }
            out.append("</p>\n");
        }
        if (!run.inherited().isEmpty()) {
            // issue #26: ports held from earlier runs that this run never touched: one line, counted by
            // protocol and family (their bindings are drawn in the runs that made them)
            Map<String, Integer> kinds = new TreeMap<>();
            run.inherited().forEach(k -> kinds.merge(k.protocol() + "/" + k.family(), 1, Integer::sum));
            out.append("<p class=\"inherited\">").append(count(run.inherited().size(), "port"))
                    .append(" held from earlier runs, untouched in this run (");
            String first = kinds.keySet().iterator().next();
            kinds.forEach((kind, n) -> out.append(kind.equals(first) ? "" : ", ").append(Html.text(kind)).append(' ').append(n));
            out.append("): <code>wskemu state --at ").append(head.first()).append("</code> names each binding</p>\n");
        }
        audit(out, run, spill);
        others(out, run, spill);
        out.append("</section>\n");
    }

    /**
     * Whether the lane shows a conflict worth drawing: two sockets or more on it (one may hold a binding
     * from an earlier run), and a bind refused on it or two bindings held at once.
     */
    private static boolean met(Lane lane) {
        Set<SocketId> sockets = new HashSet<>();
        lane.marks().forEach(m -> sockets.add(m.socket()));
        lane.spans().forEach(s -> sockets.add(s.socket()));
        return sockets.size() > 1
                && (lane.marks().stream().anyMatch(m -> m.kind() == MarkKind.BIND && m.status() != null && !m.status().isSuccess())
                || new HashSet<>(rows(lane).values()).size() > 1);
    }

    private static void lane(StringBuilder out, RunHead run, Lane lane) {
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
            boolean close = mark.kind() == MarkKind.CLOSE;
            String outcome = close ? "close" : outcome(mark.status());
            // a mark near the right edge has its label on its left, inside the lane
            boolean late = run.last() > run.first()
                    && (mark.position() - run.first()) * 100 > (run.last() - run.first()) * 88;
            // a close has no explanation of its own on the page (history lists it): a mark without a link
            out.append(close ? "<span class=\"mark " : "<a class=\"mark ").append(outcome).append(late ? " late" : "")
                    // a link names its position; a close, without one, carries it
                    .append(close ? "\" data-position=\"" + mark.position() : "\" href=\"#p-" + mark.position())
                    .append("\" style=\"top:")
                    .append(top(rows, mark.socket())).append("px;left:").append(percent(run, mark.position())).append("\">")
                    .append(close ? "&#x25A0;" : "ok".equals(outcome) ? "&#x2713;" : "&#x2717;")
                    .append("<i>").append(Html.text(mark.label())).append(close ? "</i></span>" : "</i></a>");
        }
        out.append("</div></div></div>\n");
    }

    private static final int ROW_HEIGHT = 24;
    /** A run with more ports than this draws a lane only for ports where sockets met. */
    private static final int DRAW_EVERY_LANE = 12;

    /**
     * The run's bind decisions: one row each, what {@code audit} prints, with a diverged column; a
     * decision that consulted bindings opens ({@code <details>}) to what {@code explain} prints about
     * them. Rows leave their end tags out, as HTML allows, since a large store has many.
     */
    private static void audit(StringBuilder out, Run run, Spill spill) throws IOException {
        if (run.decisions().isEmpty()) {
            return;
        }
        out.append("<h3>Bind decisions</h3>\n<p class=\"note\">A granted bind with no reason overlapped no binding; "
                + "a reason that opens shows the bindings consulted and their access checks.</p>\n<table class=\"audit\"><colgroup><col class=\"w-pos\"><col class=\"w-sock\">"
                + "<col class=\"w-addr\"><col class=\"w-status\"><col class=\"w-cell\"><col class=\"w-sock\">"
                + "<col class=\"w-div\"><col></colgroup>"
                + "<thead><tr><th>position</th><th>socket</th><th>requested &#x2192; address</th>"
                + "<th>status</th><th>cell</th><th>deciding socket</th><th>diverged</th><th>reason</th>"
                + "</tr></thead><tbody>\n");
        for (Call call : run.decisions()) {
            Explanation.Bind bind = (Explanation.Bind) call.explanation();
            BindDecision d = bind.decision();
            Flag.Diverged div = call.flags().stream().filter(Flag.Diverged.class::isInstance)
                    .map(Flag.Diverged.class::cast).findFirst().orElse(null);
            // a decision opens when it says more than its row: bindings consulted beyond the deciding
            // one, or an access check's trace
            boolean opens = d.consultations().size() > 1 || d.consultations().stream().anyMatch(c -> c.trace() != null);
            Consultation deciding = d.status().isSuccess() ? null : d.deciding();
            out.append(opens ? "<tr class=\"" : "<tr id=\"p-" + call.position() + "\" class=\"")
                    .append("st-").append(outcome(d.status())).append(" port-")
                    .append(d.actual() != null ? d.actual().port() : d.requested().port())
                    .append(div != null ? " diverged" : "").append("\"><td>").append(call.position())
                    .append("<td>").append(Html.text(bind.label())).append("<td>").append(Html.text(d.requested()))
                    .append(d.actual() != null && !d.actual().equals(d.requested())
                            ? " &#x2192; " + Html.text(d.actual()) : "")
                    .append(d.option() == SharingOption.NONE ? "" : " <small>" + d.option().name() + "</small>")
                    .append("<td>").append(d.status().fullName()).append("<td>")
                    .append(deciding == null ? "" : Html.text(deciding.describeCell())).append("<td>")
                    .append(deciding == null ? "" : Html.text(deciding.existing().label())).append("<td>")
                    .append(div == null ? "" : "line " + div.line() + ": recorded " + Html.text(div.expected()));
            for (Flag flag : call.flags()) {
                if (flag instanceof Flag.Misuse) {
                    out.append(' ').append(flag(flag));
                }
            }
            // the reason without the deciding cell's text, which the cell column shows
            // [emulator choice] and none for a bind granted with no binding consulted ("no binding overlaps
            // ADDRESS"): the table's note says so once, since such binds are most rows of a large store
            String reason = deciding != null && d.reason().startsWith(deciding.describeCell() + ": ")
                    ? d.reason().substring(deciding.describeCell().length() + 2)
                    : d.status().isSuccess() && d.consultations().isEmpty() ? "" : d.reason();
            out.append("<td>");
            if (opens) {
                // The link target is inside the details, so following it opens them even with scripts off
                // (HTML's "ancestor details revealing algorithm" runs for a fragment's target).
                out.append("<details><summary>").append(Html.text(reason))
                        .append("</summary><div class=\"explain\" id=\"p-").append(call.position()).append("\">");
                consultations(out, bind);
                out.append("</div></details>");
            } else {
                out.append(Html.text(reason));
            }
            out.append('\n');
            spill.check();
        }
        out.append("</tbody></table>\n");
    }

    /**
     * What {@code explain POSITION} prints of the bindings a decision consulted, as HTML: each binding
     * in bind order, its cell and outcome, its access check; the row around it has the rest.
     */
    private static void consultations(StringBuilder out, Explanation.Bind bind) {
        BindDecision d = bind.decision();
        out.append("process ").append(bind.process()).append("; bindings consulted, in bind order:<ol class=\"consulted\">");
        Consultation deciding = d.deciding();
        for (Consultation c : d.consultations()) {
            out.append(c == deciding ? "<li class=\"deciding\">" : "<li>");
            out.append("<b>").append(Html.text(c.existing().label())).append("</b>")
                    .append(c.existing().run().number() == bind.run() ? "" : " (run " + c.existing().run().number() + ")")
                    .append(", ").append(Html.text(c.existing().address()))
                    .append(" with ").append(c.existing().option().name())
                    .append(c.alike() > 0 ? " (and " + c.alike() + " more alike)" : "")
                    .append(c == deciding ? " (conflicting)" : "")
                    .append("<br><em>").append(Html.text(c.describeCell()))
                    .append(c == deciding ? " &#x2192; " + c.outcome().fullName() : "").append("</em>");
            if (c.trace() != null) {
                out.append("<br>access check against <code>").append(Html.text(c.existing().descriptor().toSddl()))
                        .append("</code>:<pre class=\"trace\">").append(Html.text(c.trace().describe().strip()))
                        .append("</pre>");
            }
            out.append("</li>");
        }
        out.append("</ol>");
    }

    /** The run's other calls worth a look (refused or flagged), one line each: what it records and why. */
    private static void others(StringBuilder out, Run run, Spill spill) throws IOException {
        long plain = run.head().calls() - run.decisions().size() - run.others().size();
        out.append("<h3>Other calls</h3>\n<p class=\"note\">").append(count(run.others().size(), "call"))
                .append(" refused or flagged; ").append(plain).append(" more succeeded with nothing to explain "
                        + "(<code>wskemu history --from ").append(run.head().first()).append(" --to ").append(run.head().last())
                .append("</code> lists every one).</p>\n");
        if (run.others().isEmpty()) {
            return;
        }
        out.append("<div class=\"calls\">\n");
        for (Call call : run.others()) {
            CallOutcome outcome = ((Explanation.Settled) call.explanation()).outcome();
            String colour = call.status() == null || call.status().isSuccess() ? "plain" : outcome(call.status());
            out.append("<p class=\"call ").append(colour).append("\" id=\"p-").append(call.position())
                    .append("\"><span class=\"mono\">@").append(call.position()).append("</span> ");
            String status = call.status() == null ? null : call.status().fullName();
            if (status != null && !call.text().contains(status)) {
                out.append("<span class=\"status\">").append(status).append("</span> ");
            }
            for (Flag flag : call.flags()) {
                if (flag instanceof Flag.Misuse misuse) {
                    // its message is the call's text; the flag names its kind
                    out.append("<span class=\"flag misuse\">")
                            .append(Html.text(misuse.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))).append("</span>");
                } else if (flag instanceof Flag.Diverged) {
                    out.append(flag(flag));
                }
            }
            // what history prints, and why when it does not say (a refusal's reason)
            out.append(Html.text(call.text()));
            if (call.status() != null && !call.status().isSuccess() && outcome.reason() != null
                    && !call.text().contains(outcome.reason())) {
                out.append(": ").append(Html.text(outcome.reason()));
            }
            out.append("</p>\n");
            spill.check();
        }
        out.append("</div>\n");
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

    /**
     * The misuse warnings, counted by kind, each kind with its first call: every warned call is listed
     * with its run, flagged with its kind ({@code history} and {@code audit} list them all too).
     */
    private static void warnings(StringBuilder out, List<WarningRow> rows) {
        out.append("<section id=\"warnings\">\n<h2>Misuse warnings</h2>\n");
        if (rows.isEmpty()) {
            out.append("<p>no misuse warnings</p>\n</section>\n");
            return;
        }
        Map<WarningRow.Kind, List<WarningRow>> kinds = new TreeMap<>();
        rows.forEach(w -> kinds.computeIfAbsent(w.kind(), k -> new ArrayList<>()).add(w));
        out.append("<p class=\"note\">Each warned call is in its run's other calls, flagged with its kind.</p>\n"
                + "<table><thead><tr><th>kind</th><th>calls</th><th>first</th><th>warning</th></tr></thead><tbody>\n");
        kinds.forEach((kind, warned) -> {
            WarningRow first = warned.get(0);
            out.append("<tr><td>").append(kind.name()).append("<td>").append(warned.size()).append("<td><a href=\"#p-")
                    .append(first.position()).append("\">").append(first.position()).append("</a><td>")
                    .append(Html.text(first.message())).append('\n');
        });
        out.append("</tbody></table>\n</section>\n");
    }

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

    private static String percent(RunHead run, long position) {
        double span = run.last() - run.first();
        double at = span == 0 ? 50 : (position - run.first()) * 100.0 / span;
        return String.format(Locale.ROOT, "%.2f%%", at);
    }

    private static String width(RunHead run, long from, long to) {
        double span = run.last() - run.first();
        double width = span == 0 ? 0 : (to - from) * 100.0 / span;
        return String.format(Locale.ROOT, "%.2f%%", width);
    }

    /**
     * The template with each {@code {{name}}} replaced once (values are never scanned for markers),
     * split where the body goes: the page before it and after it.
     */
    private static String[] around(Map<String, String> values) {
        StringBuilder out = new StringBuilder(TEMPLATE.length() * 2);
        int at = 0;
        while (true) {
            int open = TEMPLATE.indexOf("{{", at);
            if (open < 0) {
                String page = out.append(TEMPLATE, at, TEMPLATE.length()).toString();
                int body = page.indexOf(BODY);
                return new String[] {page.substring(0, body), page.substring(body + BODY.length())};
            }
            int close = TEMPLATE.indexOf("}}", open);
            String name = TEMPLATE.substring(open + 2, close);
            String value = name.equals("body") ? BODY : values.get(name);
            if (value == null) {
                throw new IllegalStateException("report.html names no value " + TEMPLATE.substring(open, close + 2));
            }
            out.append(TEMPLATE, at, open).append(value);
            at = close + 2;
        }
    }

    /** Where the body goes, while the template is filled: NUL, which no value holds (they are HTML text). */
    private static final String BODY = "\u0000body\u0000";

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
