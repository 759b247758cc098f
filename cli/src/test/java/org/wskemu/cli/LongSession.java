package org.wskemu.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A long, valid session file, generated from a seed: sockets of every bindable category come and go
 * on a handful of ports with random options and descriptors, binding, failing, binding again
 * (port 0 included) and closing; now and then a call on a closed socket. No expectations, so a
 * complete run exits 0.
 */
final class LongSession {

    private static final String[] CATEGORIES = {"listen", "listen", "stream", "connection", "datagram"};
    private static final String[] SDS = {null, null, "D:(A;;GA;;;WD)", "D:NO_ACCESS_CONTROL", "O:SYD:",
            "D:(A;;GW;;;BU)", "D:(D;;GA;;;S-1-5-21-1-2-3-1002)(A;;GA;;;WD)"};
    private static final int[] PORTS = {80, 443, 8080, 0};
    private static final String[] HOSTS = {"0.0.0.0", "0.0.0.0", "10.0.0.1", "10.0.0.2", "127.0.0.1"};
    private static final long[] PIDS = {4, 1200, 1300};

    private LongSession() {
    }

    /** The lines of a session of exactly {@code calls} call lines (plus one comment line). */
    static List<String> lines(int calls, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(calls + 1);
        lines.add("# generated: " + calls + " calls, seed " + seed);
        lines.add("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}");
        lines.add("{\"op\":\"process\",\"pid\":1200,\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}");
        lines.add("{\"op\":\"process\",\"pid\":1300,\"user\":\"S-1-5-21-1-2-3-1002\",\"groups\":[\"BU\"]}");
        List<String> live = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        int next = 0;
        while (lines.size() - 1 < calls) {
            int action = random.nextInt(10);
            if (live.size() < 8 || action < 2) {
                String label = "s" + next++;
                String sd = SDS[random.nextInt(SDS.length)];
                lines.add("{\"op\":\"socket\",\"socket\":\"" + label + "\",\"category\":\""
                        + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"family\":\"inet\",\"process\":"
                        + PIDS[random.nextInt(PIDS.length)] + (sd == null ? "" : ",\"sd\":\"" + sd + "\"") + "}");
                live.add(label);
            } else if (action < 4) {
                String option = random.nextBoolean() ? "SO_REUSEADDR" : "SO_EXCLUSIVEADDRUSE";
                lines.add("{\"op\":\"set\",\"socket\":\"" + pick(live, random) + "\",\"option\":\"" + option
                        + "\",\"value\":" + random.nextInt(2) + "}");
            } else if (action < 8) {
                lines.add("{\"op\":\"bind\",\"socket\":\"" + pick(live, random) + "\",\"address\":\""
                        + HOSTS[random.nextInt(HOSTS.length)] + ":" + PORTS[random.nextInt(PORTS.length)] + "\"}");
            } else if (action == 8 || closed.isEmpty()) {
                String label = live.remove(random.nextInt(live.size()));
                lines.add("{\"op\":\"close\",\"socket\":\"" + label + "\"}");
                closed.add(label);
            } else if (random.nextBoolean()) {
                lines.add("{\"op\":\"get\",\"socket\":\"" + pick(live, random) + "\",\"option\":\"SO_REUSEADDR\"}");
            } else {
                // a driver bug: a call on a closed socket (INVALID_HANDLE at run time, not malformed)
                lines.add("{\"op\":\"bind\",\"socket\":\"" + pick(closed, random) + "\",\"address\":\"0.0.0.0:80\"}");
            }
        }
        return lines;
    }

    static Path write(Path file, int calls, long seed) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, lines(calls, seed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pick(List<String> labels, Random random) {
        return labels.get(random.nextInt(labels.size()));
    }
}
