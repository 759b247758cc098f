package org.wskemu.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compact map from socket labels to a {@code long}, for the one thing a streamed run holds per
 * session rather than per batch (issue #15): every label a session has created, for checking its
 * lines and for naming its sockets while it runs. A session of ten million calls creates millions of
 * labels; a {@code HashMap<String, ...>} took about 100 bytes a label (an entry, a String and its
 * array, a boxed value), this takes about 30: the labels' characters packed in pages of bytes (one
 * byte a character when every character is below U+0100, else two), an open-addressing table of
 * {@code int} references and a {@code long} per slot. Keys are never removed; a caller that must
 * forget a label stores a value of its own meaning "none". Not thread-safe.
 */
public final class LabelTable {

    private static final int PAGE = 1 << 20;
    private static final int EMPTY = 0;

    private final List<byte[]> pages = new ArrayList<>();
    private byte[] page;
    private int pageUsed;
    /** A slot's key as 1 + (page index * PAGE + offset), 0 when the slot is empty. */
    private int[] keys = new int[16];
    private long[] values = new long[16];
    private int size;

    /** An empty table. */
    public LabelTable() {
    }

    /** {@return how many labels the table holds} */
    public int size() {
        return size;
    }

    /**
     * {@return whether {@code label} was ever put in the table}
     *
     * @param label a label
     */
    public boolean contains(String label) {
        return keys[find(label, hash(label))] != EMPTY;
    }

    /**
     * The value of {@code label}.
     *
     * @param label     a label
     * @param otherwise what to answer when the label was never put
     * @return the value last put for the label, or {@code otherwise}
     */
    public long get(String label, long otherwise) {
        int slot = find(label, hash(label));
        return keys[slot] == EMPTY ? otherwise : values[slot];
    }

    /**
     * Sets the value of {@code label}, adding the label if it is new.
     *
     * @param label a label, not null
     * @param value its value
     */
    public void put(String label, long value) {
        Objects.requireNonNull(label, "label");
        int hash = hash(label);
        int slot = find(label, hash);
        if (keys[slot] == EMPTY) {
            keys[slot] = store(label);
            size++;
            values[slot] = value;
            if (size > keys.length / 4 * 3) {
                grow();
            }
        } else {
            values[slot] = value;
        }
    }

    private static int hash(String label) {
        int h = label.hashCode();
        return (h ^ (h >>> 16)) * 0x9E3779B9;
    }

    private int find(String label, int hash) {
        int mask = keys.length - 1;
        int slot = hash & mask;
        while (keys[slot] != EMPTY && !matches(keys[slot], label)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Stores the label's characters: a length, a width byte, then the characters. */
    private int store(String label) {
        int length = label.length();
        boolean narrow = true;
        for (int i = 0; i < length && narrow; i++) {
            narrow = label.charAt(i) < 0x100;
        }
        int bytes = 5 + (narrow ? length : 2 * length);
        if (page == null || pageUsed + bytes > page.length) {
            if ((long) pages.size() * PAGE + Math.max(PAGE, bytes) >= Integer.MAX_VALUE - PAGE) {
                throw new IllegalStateException("the session's labels take more than 2 GiB");
            }
            // a label longer than a page gets pages of its own, so that references stay page-aligned
            int count = (bytes + PAGE - 1) / PAGE;
            page = new byte[count * PAGE];
            pages.add(page);
            for (int i = 1; i < count; i++) {
                pages.add(null);
            }
            pageUsed = 0;
        }
        int reference = (pages.size() - (page.length / PAGE)) * PAGE + pageUsed + 1;
        int at = pageUsed;
        page[at++] = (byte) (length >>> 24);
        page[at++] = (byte) (length >>> 16);
        page[at++] = (byte) (length >>> 8);
        page[at++] = (byte) length;
        page[at++] = (byte) (narrow ? 1 : 2);
        for (int i = 0; i < length; i++) {
            char c = label.charAt(i);
            if (narrow) {
                page[at++] = (byte) c;
            } else {
                page[at++] = (byte) (c >>> 8);
                page[at++] = (byte) c;
            }
        }
        pageUsed = at;
        if (page.length > PAGE) {
            page = null; // the next label starts a page of its own
        }
        return reference;
    }

    private boolean matches(int reference, String label) {
        int offset = reference - 1;
        byte[] bytes = pages.get(offset / PAGE);
        int at = offset % PAGE;
        int length = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
        if (length != label.length()) {
            return false;
        }
        boolean narrow = bytes[at + 4] == 1;
        at += 5;
        for (int i = 0; i < length; i++) {
            char c = narrow ? (char) (bytes[at++] & 0xFF) : (char) ((bytes[at++] & 0xFF) << 8 | bytes[at++] & 0xFF);
            if (c != label.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #hash} of the stored label, without making a String ({@link String#hashCode}'s formula). */
    private int hashAt(int reference) {
        int offset = reference - 1;
        byte[] bytes = pages.get(offset / PAGE);
        int at = offset % PAGE;
        int length = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
        boolean narrow = bytes[at + 4] == 1;
        at += 5;
        int h = 0;
        for (int i = 0; i < length; i++) {
            char c = narrow ? (char) (bytes[at++] & 0xFF) : (char) ((bytes[at++] & 0xFF) << 8 | bytes[at++] & 0xFF);
            h = 31 * h + c;
        }
        return (h ^ (h >>> 16)) * 0x9E3779B9;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = hashAt(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
