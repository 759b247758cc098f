package org.wskemu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.wskemu.api.NtStatus;
import org.wskemu.api.text.SafeText;

/**
 * The JSON lines the contract prints: one compact object per line, fields in a fixed order. Besides
 * the control characters JSON itself escapes (U+0000-001F), DEL, the C1 controls and every character
 * {@link SafeText} shows as an escape (bidirectional controls, line separators) are written as
 * {@code \\uXXXX}: a JSON line shown on a terminal cannot drive it or reorder what it shows.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new SafeEscapes());
    }

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Adds {@code "status":"STATUS_X","code":"0x..."}. */
    static ObjectNode status(ObjectNode node, NtStatus status) {
        return node.put("status", status.fullName()).put("code", status.hex());
    }

    /** Jackson's standard escapes, plus DEL, C1 and the characters {@link SafeText} escapes as {@code \\u}. */
    private static final class SafeEscapes extends CharacterEscapes {

        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        SafeEscapes() {
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch <= 0xFFFF && (SafeText.isControl((char) ch) || SafeText.isBidiOrSeparator((char) ch))) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    static String line(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
