package org.wskemu.engine.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The fields of one JSON object of a session file (a line, or an object nested in one), read with
 * their types checked. Every problem becomes a message in the line's fault list; a getter then
 * returns null, so a caller reads on and reports every fault of the line, not only the first.
 *
 * <p>A field whose value is JSON {@code null} counts as absent [emulator choice: the contract is
 * silent; tools that serialise an unset optional as {@code null} must still interoperate]. A
 * required field given as {@code null} is therefore reported missing.
 */
final class LineFields {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger UINT_MAX = BigInteger.valueOf(0xFFFF_FFFFL);

    private final ObjectNode object;
    private final String where;
    private final String prefix;
    private final List<String> faults;

    /**
     * @param where  how messages name the object: {@code a bind line} or {@code 'impersonate'}
     * @param prefix put before field names in messages: empty, or {@code impersonate.}
     * @param faults where messages go
     */
    LineFields(ObjectNode object, String where, String prefix, List<String> faults) {
        this.object = object;
        this.where = where;
        this.prefix = prefix;
        this.faults = faults;
    }

    /** The fields of a nested object, reporting into the same fault list. */
    LineFields nested(String name, ObjectNode nested) {
        return new LineFields(nested, "'" + prefix + name + "'", prefix + name + ".", faults);
    }

    void fault(String message) {
        faults.add(message);
    }

    /** Reports every field not in {@code allowed}, in the order the object has them. */
    void allowOnly(Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fault("unknown field '" + FaultText.excerpt(name) + "' in " + where);
            }
        }
    }

    /** The value of a field, or null when it is absent or JSON null. */
    JsonNode value(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    boolean present(String name) {
        return value(name) != null;
    }

    /** The value of a required field, or null after reporting it missing. */
    JsonNode require(String name) {
        JsonNode node = value(name);
        if (node == null) {
            fault("missing field '" + name + "' in " + where);
        }
        return node;
    }

    /** The name of a field as messages write it, with the prefix of a nested object. */
    String field(String name) {
        return prefix + name;
    }

    void wrongType(String name, String expected, JsonNode found) {
        fault("'" + field(name) + "' must be " + expected + ", not " + FaultText.excerpt(found));
    }

    /** A string field; null when absent (after a fault if required) or of another type. */
    String string(String name, boolean required) {
        JsonNode node = required ? require(name) : value(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            wrongType(name, "a string", node);
            return null;
        }
        return node.textValue();
    }

    /** An optional boolean field; null when absent or of another type. */
    Boolean bool(String name) {
        JsonNode node = value(name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            wrongType(name, "a boolean", node);
            return null;
        }
        return node.booleanValue();
    }

    /**
     * An integer field within {@code min..max}; null when absent (after a fault if required) or bad.
     *
     * @param expected the type as a message names it: {@code an integer}
     */
    Long integer(String name, boolean required, String expected, long min, long max) {
        JsonNode node = required ? require(name) : value(name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            wrongType(name, expected, node);
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            fault("'" + field(name) + "': " + FaultText.excerpt(value.toString()) + " is outside " + min + "-" + max);
            return null;
        }
        return value.longValue();
    }

    /**
     * A 32-bit value, signed or unsigned (-2^31..2^32-1), as the ULONG or int it is passed as;
     * null after a fault when it does not fit.
     */
    Integer int32(String name, JsonNode node) {
        if (!node.isIntegralNumber()) {
            wrongType(name, "an integer", node);
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(INT_MIN) < 0 || value.compareTo(UINT_MAX) > 0) {
            fault("'" + field(name) + "': " + FaultText.excerpt(value.toString())
                    + " does not fit in 32 bits (-2147483648 to 4294967295)");
            return null;
        }
        return (int) value.longValue();
    }
}
