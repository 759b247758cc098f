package org.wskemu.engine.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds a lone UTF-16 surrogate in a parsed line's strings (a JSON escape such as {@code "\ud800"}
 * with no partner). It is no Unicode text: encoded to UTF-8 it becomes {@code ?}, so the store
 * could not tell {@code "\ud800"} from {@code "\ud801"}; the line is refused as malformed instead.
 */
final class LoneSurrogates {

    private LoneSurrogates() {
    }

    /** @return a description of the first lone surrogate in any string or field name, or null if there is none */
    static String find(JsonNode node) {
        if (node.isTextual()) {
            return in(node.textValue());
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String found = find(item);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String found = in(field.getKey());
                if (found == null) {
                    found = find(field.getValue());
                }
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String in(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("a string holds a lone UTF-16 surrogate \\u%04X, which is not Unicode text", (int) c);
            }
        }
        return null;
    }
}
