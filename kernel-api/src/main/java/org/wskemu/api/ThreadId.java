package org.wskemu.api;

/**
 * An emulated thread id.
 *
 * @param value a non-negative tid
 */
public record ThreadId(long value) {

    /**
     * Checks the range.
     *
     * @param value the tid
     * @throws IllegalArgumentException if it is outside 0-4294967295
     */
    public ThreadId {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("thread id " + value + " is outside 0-4294967295");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
