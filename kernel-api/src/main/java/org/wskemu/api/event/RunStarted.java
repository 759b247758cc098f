package org.wskemu.api.event;

/**
 * A session run began on this machine; runs are numbered from 1 per store.
 *
 * @param run    the run's number
 * @param source the session file as the run named it ({@code -} for standard input)
 * @param sha256 the SHA-256 of the session's bytes, in lower-case hex (SESSION-FORMAT.md: "with the run
 *               the file's SHA-256"); null in events written before it was recorded, and for a run not
 *               read from a file (the embedding API)
 */
public record RunStarted(long run, String source, String sha256) implements WskEvent {

    /**
     * A run whose source's digest is not known.
     *
     * @param run    the run's number
     * @param source the session file as the run named it
     */
    public RunStarted(long run, String source) {
        this(run, source, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.runStarted(this);
    }
}
