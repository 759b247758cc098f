package org.wskemu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.wskemu.api.NtStatus;

/** The JSON lines the contract prints: one compact object per line, fields in a fixed order. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Adds {@code "status":"STATUS_X","code":"0x..."}. */
    static ObjectNode status(ObjectNode node, NtStatus status) {
        return node.put("status", status.fullName()).put("code", status.hex());
    }

    static String line(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
