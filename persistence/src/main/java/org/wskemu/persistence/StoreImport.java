package org.wskemu.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * Loads an export ({@link StoreExport}) into a new or empty store, checking every digest on the way
 * in (issue #17). The file is read and checked whole before the target is touched: its header, every
 * line (the fields an export writes and no other, positions increasing), every event's digest against
 * the chain recomputed from the bytes, and at the end the header's event count and head digest. The
 * first fault is named with its line, and then nothing is written and the target is not even created.
 * Only a file that checks clean is loaded, in one transaction on the target, checked again as it is
 * written (the file may have changed between the two reads): a failure rolls the load back.
 *
 * <p>The export carries no snapshots (a snapshot is a cache of the log, see DESIGN.md): the target's
 * aggregates load from their events, and it snapshots again as it goes.
 */
public final class StoreImport {

    private static final Set<String> HEADER_FIELDS = Set.of("format", "version", "store", "events", "headDigest",
            "chainFrom");
    /** The export versions read: 1 (no recorded chain start) and the current one. */
    private static final int OLDEST_VERSION = 1;
    /**
     * The highest position an export may name [emulator choice]: far beyond any real log, and low enough
     * that the store's next position (the last plus one) is always a valid value of its sequence.
     */
    static final long MAX_POSITION = 1L << 62;
    private static final Set<String> EVENT_FIELDS = Set.of("position", "aggregateIdentifier", "sequenceNumber", "type",
            "eventIdentifier", "timeStamp", "payloadType", "payloadRevision", "payload", "metaData", "digest");
    private static final int BATCH = 1_000;
    /** The copy's insert: every stored column, the position and digest included. */
    private static final String WRITE_EVENT = StoreCopy.WRITE_EVENT;

    private StoreImport() {
    }

    /**
     * What an export holds, once checked.
     *
     * @param events        how many events it holds
     * @param firstPosition the position of its first event
     * @param lastPosition  the position of its last event
     * @param headDigest    the digest its header promises for its last event
     */
    public record Checked(long events, long firstPosition, long lastPosition, String headDigest, long chainFrom) {
    }

    /**
     * Whether {@code file} looks like an export (its first line names the format), so that
     * {@code copy --from} can tell an export from a store; the check proper is {@link #check}.
     *
     * @param file the file named by {@code --from}
     * @return true when its first line names the export format
     */
    public static boolean isExport(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] start = new char[64];
            int n = reader.read(start);
            return n > 0 && new String(start, 0, n).replace(" ", "").startsWith("{\"format\":\"" + StoreExport.FORMAT + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Checks an export whole without writing anything.
     *
     * @param file the export
     * @return what it holds
     * @throws StoreException DAMAGED naming the first faulty line (a digest that fails, a broken chain,
     *     a line that does not read, a count or head digest the header does not promise), NEWER_VERSION
     *     for a later format, FAILED when the file cannot be read
     */
    public static Checked check(Path file) {
        return read(file, null, null);
    }

    /**
     * Checks {@code file} whole, then loads it into {@code to} (created when missing; it must hold no
     * event), in one transaction, checking every digest again as it is written.
     *
     * @param file the export
     * @param to   the store it is loaded into
     * @return what was loaded
     * @throws StoreException as {@link #check}, or when the target cannot be opened or holds events
     */
    public static Checked load(Path file, StoreLocation to) {
        Objects.requireNonNull(to, "to");
        check(file); // nothing is created before the whole file checks clean
        Path made = to instanceof StoreLocation.Directory directory && !Files.exists(directory.path())
                ? directory.path() : null;
        try {
            return loadChecked(file, to);
        } catch (RuntimeException e) {
            if (made != null) {
                removeQuietly(made); // a failed load leaves no store it made behind
            }
            throw e;
        }
    }

    private static void removeQuietly(Path directory) {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // what cannot be removed stays; the load's own failure is the one reported
                }
            });
        } catch (IOException | RuntimeException e) {
            // as above
        }
    }

    private static Checked loadChecked(Path file, StoreLocation to) {
        try (JdbcStore target = JdbcStorage.openStore(to, true);
             Connection out = target.dataSource().getConnection()) {
            out.setAutoCommit(false);
            try {
                if (StoreCopy.countEvents(out) > 0) {
                    throw StoreFailure.notEmpty(to);
                }
                Checked loaded;
                try (PreparedStatement write = out.prepareStatement(WRITE_EVENT)) {
                    loaded = read(file, to, write);
                }
                StoreCopy.restartPositions(target, out, loaded.lastPosition());
                ChainStart.write(out, loaded.chainFrom());
                StoreCopy.markReadModelsBehind(out);
                out.commit();
                return loaded;
            } catch (SQLException | RuntimeException e) {
                out.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.damageIn(e, to).orElseGet(() -> StoreFailure.notLoaded(file, to, H2Store.reason(e), e));
        }
    }

    /** Reads and checks the file; with {@code write}, adds each event to it (batched). */
    private static Checked read(Path file, StoreLocation to, PreparedStatement write) {
        ObjectMapper json = new ObjectMapper();
        EventChain.Walk walk = null;
        long lineNumber = 0;
        long first = 0;
        long last = 0;
        long pending = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line = reader.readLine();
            lineNumber = 1;
            JsonNode header = line == null ? null : parse(json, line);
            if (header == null || !StoreExport.FORMAT.equals(header.path("format").asText())) {
                throw fault(file, 1, "it is not a wskemu export (its first line does not name the format '"
                        + StoreExport.FORMAT + "')");
            }
            long version = strictLong(header.get("version"));
            if (version > StoreExport.VERSION && version <= Integer.MAX_VALUE) {
                throw StoreFailure.newerExport(file, (int) version, StoreExport.VERSION);
            }
            if (version < OLDEST_VERSION || version > StoreExport.VERSION) {
                throw fault(file, 1, "the header's version is not a number from " + OLDEST_VERSION + " to "
                        + StoreExport.VERSION);
            }
            onlyFields(file, 1, header, HEADER_FIELDS);
            if (strictLong(header.get("events")) < 0 || !header.path("headDigest").isTextual()) {
                throw fault(file, 1, "the header lacks its event count or head digest (a whole number from 0 up)");
            }
            long chainFrom = ChainStart.UNRECORDED;
            if (version >= 2) {
                chainFrom = strictLong(header.get("chainFrom"));
                if (chainFrom < 0) {
                    throw fault(file, 1, "the header lacks where its digest chain begins ('chainFrom', a whole number "
                            + "from 0 up), which every export since version 2 has");
                }
            } else if (header.has("chainFrom")) {
                throw fault(file, 1, "unknown field 'chainFrom'");
            }
            walk = new EventChain.Walk(chainFrom);
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                JsonNode node = parse(json, line);
                if (node == null) {
                    throw fault(file, lineNumber, "the line does not read as a JSON object");
                }
                onlyFields(file, lineNumber, node, EVENT_FIELDS);
                EventChain.Row row = row(file, lineNumber, node);
                if (row.position() <= last) {
                    throw fault(file, lineNumber, "position " + row.position() + " does not follow " + last);
                }
                if (!OwnTypesSerializer.allowed(row.payloadType())) {
                    throw fault(file, lineNumber, "the event at position " + row.position() + " names the type '"
                            + H2Store.oneLine(String.valueOf(row.payloadType())) + "', which is not one of wskemu's");
                }
                String broken = walk.accept(row);
                if (broken != null) {
                    throw fault(file, lineNumber, broken);
                }
                if (first == 0) {
                    first = row.position();
                }
                last = row.position();
                if (write != null) {
                    add(write, row);
                    if (++pending % BATCH == 0) {
                        flush(write, file, lineNumber, to);
                    }
                }
            }
            if (write != null && pending % BATCH != 0) {
                flush(write, file, lineNumber, to);
            }
            if (walk.events() != header.get("events").longValue()) {
                throw fault(file, lineNumber, "the header promises " + header.get("events").longValue() + " events, the file holds "
                        + walk.events() + " (cut short, or lines added)");
            }
            if (!walk.head().equals(header.get("headDigest").asText())) {
                throw fault(file, lineNumber, "the head digest of its events is " + walk.head() + ", the header's "
                        + H2Store.oneLine(header.get("headDigest").asText()) + " (an event changed, added or removed with "
                        + "its digest recomputed)");
            }
            return new Checked(walk.events(), first, last, walk.head(), walk.chainFrom());
        } catch (CharacterCodingException e) {
            throw fault(file, lineNumber + 1, "the line is not UTF-8");
        } catch (IOException e) {
            throw StoreFailure.exportUnreadable(file, H2Store.reason(e), e);
        }
    }

    /**
     * A JSON whole number as a long, read strictly: -1 for anything else (a fraction, text, a number
     * beyond a long, which Jackson's {@code asLong} would wrap: {@code 29 + 2^64} is not 29).
     */
    private static long strictLong(JsonNode node) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            return -1;
        }
        return node.longValue();
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void onlyFields(Path file, long line, JsonNode node, Set<String> fields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw fault(file, line, "unknown field '" + H2Store.oneLine(name) + "'");
            }
        }
    }

    private static EventChain.Row row(Path file, long line, JsonNode node) {
        for (String field : EVENT_FIELDS) {
            if (!node.has(field)) {
                throw fault(file, line, "the field '" + field + "' is missing");
            }
        }
        long position = strictLong(node.get("position"));
        long sequence = strictLong(node.get("sequenceNumber"));
        if (position < 1 || position > MAX_POSITION || sequence < 0) {
            throw fault(file, line, "its position or sequence number is not a number in range (a position is a whole "
                    + "number from 1 to " + MAX_POSITION + ", a sequence number from 0)");
        }
        try {
            String digest = text(node, "digest");
            return new EventChain.Row(position, required(file, line, node, "aggregateIdentifier"),
                    sequence, text(node, "type"), required(file, line, node, "eventIdentifier"),
                    required(file, line, node, "timeStamp"), required(file, line, node, "payloadType"),
                    text(node, "payloadRevision"), bytes(text(node, "payload")), bytes(text(node, "metaData")),
                    digest == null ? null : HexFormat.of().parseHex(digest));
        } catch (IllegalArgumentException e) {
            throw fault(file, line, "a payload, metadata or digest does not decode (" + H2Store.oneLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static String required(Path file, long line, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw fault(file, line, "the field '" + field + "' is empty");
        }
        return value;
    }

    /** A text field, null for JSON null; a field of another type is a fault of its own. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the field '" + field + "' is not text");
        }
        return value.asText();
    }

    private static byte[] bytes(String base64) {
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    private static void add(PreparedStatement write, EventChain.Row row) {
        try {
            write.setLong(1, row.position());
            write.setString(2, row.aggregateIdentifier());
            write.setLong(3, row.sequenceNumber());
            write.setString(4, row.type());
            write.setString(5, row.eventIdentifier());
            write.setBytes(6, row.metaData());
            write.setBytes(7, row.payload());
            write.setString(8, row.payloadRevision());
            write.setString(9, row.payloadType());
            write.setString(10, row.timeStamp());
            write.setBytes(11, row.digest());
            write.addBatch();
        } catch (SQLException e) {
            throw StoreFailure.loadFailed(H2Store.reason(e), e);
        }
    }

    private static void flush(PreparedStatement write, Path file, long line, StoreLocation to) {
        try {
            write.executeBatch();
        } catch (SQLException e) {
            throw StoreException.damageIn(e, to).orElseGet(() -> fault(file, line, "its events up to this line could not be "
                    + "stored (an event given twice?): " + H2Store.reason(e)));
        }
    }

    private static StoreException fault(Path file, long line, String what) {
        return StoreFailure.damagedExport(file, line, what);
    }
}
