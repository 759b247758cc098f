package org.wskemu.engine.command;


/**
 * Starts a numbered session run; answers the run number. {@code sha256} may be null (no file).
 *
 * @param source the session's name as the run records it
 * @param sha256 the SHA-256 of the session's bytes, lower-case hex, or null
 */
public record StartRun(String source, String sha256) implements KernelCommand {

    /**
     * A run not read from a file, so without a digest.
     *
     * @param source the session's name as the run records it
     */
    public StartRun(String source) {
        this(source, null);
    }

    @Override
    public String targetId() {
        return MACHINE;
    }
}
