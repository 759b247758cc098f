package org.wskemu.engine.command;

/**
 * Ends a numbered session run, after its last batch and the lines and expectations recorded with it.
 *
 * @param run          the run's number
 * @param calls        the calls it recorded
 * @param stoppedEarly whether it stopped before the end of its session
 */
public record EndRun(long run, long calls, boolean stoppedEarly) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
