package org.wskemu.api;

/**
 * An emulated process id.
 *
 * @param value a non-negative pid (0 is the System Idle Process, 4 is System)
 */
public record ProcessId(long value) {

    /**
     * Checks the range.
     *
     * @param value the pid
     * @throws IllegalArgumentException if it is outside 0-4294967295
     */
    public ProcessId {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("process id " + value + " is outside 0-4294967295");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
