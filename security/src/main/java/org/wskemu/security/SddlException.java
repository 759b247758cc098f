package org.wskemu.security;

/**
 * A security descriptor string that {@link Sddl#parse(String)} refuses. The message says what is
 * wrong and names the offending part and its 0-based offset in the string given, for example
 * {@code SDDL: unsupported ACE type 'OA' at offset 3 (only A and D are supported)}.
 */
public final class SddlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Where the offending part starts. */
    private final int offset;

    SddlException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    SddlException(String message, int offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** {@return the 0-based offset of the offending part in the string given to the parser} */
    public int offset() {
        return offset;
    }
}
