package org.wskemu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The session file one writer process of the PostgreSQL bench runs: a seeded mix of socket creates,
 * sharing options, reads, binds and closes, as a recorded driver session has. Each writer declares
 * processes of its own (pids no other writer uses) and binds mostly ports of its own, with a share of
 * binds on a few hot ports every writer uses, so the writers meet on those ports' aggregates as a
 * team's replays of driver recordings would. No expectations: every run exits 0.
 */
final class WriterSession {

    static final int[] HOT_PORTS = {80, 443, 8080};
    static final int COLD_PORTS_PER_WRITER = 64;
    private static final String[] CATEGORIES = {"listen", "listen", "stream", "connection", "datagram"};
    private static final String[] SDS = {null, null, "D:(A;;GA;;;WD)", "O:SYD:", "D:(A;;GW;;;BU)"};
    private static final String[] HOSTS = {"0.0.0.0", "0.0.0.0", "10.0.0.1", "127.0.0.1"};
    private static final int LIVE_CAP = 128;

    private WriterSession() {
    }

    /** The lines of writer {@code writer}'s session: exactly {@code calls} call lines after one comment line. */
    static List<String> lines(int writer, int calls, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + writer);
        long[] pids = {30_000 + 10L * writer, 30_001 + 10L * writer};
        List<String> lines = new ArrayList<>(calls + 1);
        lines.add("# wskemu bench writer " + writer + ": " + calls + " calls, seed " + seed);
        lines.add("{\"op\":\"process\",\"pid\":" + pids[0] + ",\"user\":\"SY\"}");
        lines.add("{\"op\":\"process\",\"pid\":" + pids[1] + ",\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}");
        List<String> live = new ArrayList<>();
        int next = 0;
        while (lines.size() - 1 < calls) {
            int action = random.nextInt(10);
            if (live.size() < 4 || (action < 3 && live.size() < LIVE_CAP)) {
                String label = "w" + writer + "s" + next++;
                String sd = SDS[random.nextInt(SDS.length)];
                lines.add("{\"op\":\"socket\",\"socket\":\"" + label + "\",\"category\":\""
                        + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"family\":\"inet\",\"process\":"
                        + pids[random.nextInt(pids.length)] + (sd == null ? "" : ",\"sd\":\"" + sd + "\"") + "}");
                live.add(label);
            } else if (action < 4) {
                String option = random.nextBoolean() ? "SO_REUSEADDR" : "SO_EXCLUSIVEADDRUSE";
                lines.add("{\"op\":\"set\",\"socket\":\"" + pick(live, random) + "\",\"option\":\"" + option
                        + "\",\"value\":" + random.nextInt(2) + "}");
            } else if (action < 7) {
                int port = random.nextInt(5) == 0 ? HOT_PORTS[random.nextInt(HOT_PORTS.length)]
                        : 20_000 + writer * COLD_PORTS_PER_WRITER + random.nextInt(COLD_PORTS_PER_WRITER);
                lines.add("{\"op\":\"bind\",\"socket\":\"" + pick(live, random) + "\",\"address\":\""
                        + HOSTS[random.nextInt(HOSTS.length)] + ":" + port + "\"}");
            } else if (action < 9) {
                lines.add("{\"op\":\"close\",\"socket\":\"" + live.remove(random.nextInt(live.size())) + "\"}");
            } else {
                lines.add("{\"op\":\"get\",\"socket\":\"" + pick(live, random) + "\",\"option\":\"SO_REUSEADDR\"}");
            }
        }
        return lines;
    }

    /** Writes writer {@code writer}'s session to {@code file}. */
    static Path write(Path file, int writer, int calls, long seed) {
        try {
            return Files.write(file, lines(writer, calls, seed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the writer's session " + file + ": " + e.getMessage(), e);
        }
    }

    private static String pick(List<String> labels, SplittableRandom random) {
        return labels.get(random.nextInt(labels.size()));
    }
}
