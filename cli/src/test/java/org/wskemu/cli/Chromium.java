package org.wskemu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium (Debian's {@code chromium}) driven over its DevTools protocol, with the JDK's
 * own {@link WebSocket} and the Jackson the CLI already uses: no WebDriver, no new dependency.
 * Chromium runs with a throw-away profile and no way out to the network: every proxy request goes
 * to a closed local port and every host name resolves to nothing. The only socket it opens is its
 * DevTools endpoint on the loopback interface, on a port it picks.
 */
final class Chromium implements AutoCloseable {

    /** How long one protocol step may take before the test gives up; a guard, not a measurement. */
    private static final long STEP_SECONDS = 60;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    /** Someone waiting for an event. */
    private record Waiter(Predicate<JsonNode> wanted, CompletableFuture<JsonNode> event) {
    }

    /**
     * The browser binary: {@code $CHROMIUM} when set, else Debian's {@code /usr/bin/chromium} (or a
     * {@code chromium-browser} or {@code google-chrome} on PATH's usual place).
     */
    static Optional<Path> binary() {
        String named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private Chromium(Process process, String endpoint) {
        this.process = process;
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(endpoint), new Listener()).get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("cannot open Chromium's DevTools endpoint " + endpoint, e);
        }
    }

    /** Starts Chromium headless on a fresh profile directory, network off. */
    static Chromium start(Path binary, Path profile) throws IOException {
        Files.createDirectories(profile);
        List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile,
                // network off: a proxy that refuses, and no name resolves
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // its sockets and scratch files go beside the profile, so that deleting that leaves nothing behind
        Path scratch = Files.createDirectories(profile.resolveSibling(profile.getFileName() + "-tmp"));
        builder.environment().put("TMPDIR", scratch.toString());
        Process process = builder.start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 40) {
                            tail.removeFirst();
                        }
                    }
                    Matcher m = ENDPOINT.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new IOException("Chromium exited before it listened"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            Chromium chromium = new Chromium(process, endpoint.get(STEP_SECONDS, TimeUnit.SECONDS));
            synchronized (tail) {
                chromium.stderrTail.addAll(tail);
            }
            return chromium;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            synchronized (tail) {
                throw new AssertionError("Chromium did not open its DevTools endpoint; its stderr ended with:\n"
                        + String.join("\n", tail), e);
            }
        }
    }

    /** A new tab, attached. */
    Page open(int width, int height) {
        String target = call(null, "Target.createTarget", params().put("url", "about:blank")).get("targetId").asText();
        String session = call(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true))
                .get("sessionId").asText();
        Page page = new Page(session);
        page.call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        page.call("Page.enable", params());
        page.call("Network.enable", params());
        return page;
    }

    /** One tab, through its flat session. */
    final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        JsonNode call(String method, ObjectNode params) {
            return Chromium.this.call(session, method, params);
        }

        /** Loads {@code uri} and waits for its load event. */
        void navigate(URI uri) {
            CompletableFuture<JsonNode> loaded = next(e -> session.equals(e.path("sessionId").asText())
                    && "Page.loadEventFired".equals(e.path("method").asText()));
            JsonNode navigated = call("Page.navigate", params().put("url", uri.toString()));
            if (navigated.hasNonNull("errorText")) {
                throw new AssertionError("Chromium could not load " + uri + ": " + navigated.get("errorText").asText());
            }
            await(loaded, "the load event of " + uri);
        }

        /** The value of a JavaScript expression evaluated in the page (works with the page's scripts off). */
        JsonNode evaluate(String expression) {
            JsonNode reply = call("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true));
            if (reply.has("exceptionDetails")) {
                throw new AssertionError("evaluating " + expression + ": " + reply.get("exceptionDetails"));
            }
            return reply.path("result").path("value");
        }

        /** A real mouse click (move, press, release) at the middle of the first element {@code selector} matches. */
        void click(String selector) {
            JsonNode at = evaluate("(() => { const e = document.querySelector(" + MAPPER.valueToTree(selector) + ");"
                    + " if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                    + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
            if (at.isNull() || at.isMissingNode()) {
                throw new AssertionError("nothing on the page matches " + selector);
            }
            for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
                ObjectNode event = params().put("type", type).put("x", at.get("x").asDouble()).put("y", at.get("y").asDouble());
                if (!type.equals("mouseMoved")) {
                    event.put("button", "left").put("clickCount", 1);
                }
                call("Input.dispatchMouseEvent", event);
            }
        }

        /** A PNG of the whole page, as tall as its content (at most {@code maxHeight}). */
        byte[] screenshot(int width, int maxHeight) {
            JsonNode metrics = call("Page.getLayoutMetrics", params());
            int height = (int) Math.min(maxHeight, Math.ceil(metrics.path("cssContentSize").path("height").asDouble(900)));
            call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                    .put("deviceScaleFactor", 1).put("mobile", false));
            JsonNode shot = call("Page.captureScreenshot", params().put("format", "png"));
            return Base64.getDecoder().decode(shot.get("data").asText());
        }

        /** A PNG of what the viewport shows now. */
        byte[] viewport() {
            return Base64.getDecoder().decode(call("Page.captureScreenshot", params().put("format", "png"))
                    .get("data").asText());
        }

        /** Every URL this tab asked the network stack for so far. */
        List<String> requested() {
            List<String> urls = new ArrayList<>();
            for (JsonNode event : events) {
                if (session.equals(event.path("sessionId").asText())
                        && "Network.requestWillBeSent".equals(event.path("method").asText())) {
                    urls.add(event.path("params").path("request").path("url").asText());
                }
            }
            return urls;
        }
    }

    static ObjectNode params() {
        return MAPPER.createObjectNode();
    }

    private JsonNode call(String session, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = params().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        synchronized (socket) {
            await(socket.sendText(message.toString(), true), "sending " + method);
        }
        JsonNode answer = await(reply, method);
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    private CompletableFuture<JsonNode> next(Predicate<JsonNode> wanted) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        waiters.add(new Waiter(wanted, event));
        return event;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Chromium did not answer " + what + (process.isAlive() ? "" : " (it exited)")
                    + "; its stderr began with:\n" + String.join("\n", stderrTail), e);
        }
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asLong());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        events.add(message);
        for (Waiter waiter : waiters) {
            if (waiter.wanted().test(message)) {
                waiters.remove(waiter);
                waiter.event().complete(message);
            }
        }
    }

    /** Gathers each text message's parts, then dispatches it. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the browser is stopped below either way
        }
        // its renderer, GPU and utility processes too, taken before the browser ends (they would be
        // reparented then): one still writing to the profile would race the profile's deletion
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
        }
        for (ProcessHandle helper : helpers) {
            try {
                helper.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                helper.destroyForcibly();
            }
        }
    }
}
