package org.wskemu.engine.command;


/** Starts a numbered session run; answers the run number. */
public record StartRun(String source) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
