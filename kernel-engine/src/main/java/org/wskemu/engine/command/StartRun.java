package org.wskemu.engine.command;


/** Starts a numbered session run; answers the run number. {@code sha256} may be null (no file). */
public record StartRun(String source, String sha256) implements KernelCommand {

    public StartRun(String source) {
        this(source, null);
    }

    @Override
    public String targetId() {
        return MACHINE;
    }
}
