package org.wskemu.api.event;

/**
 * A session run ended: its calls and the lines and expectations recorded with them are in the log. A
 * run whose start has no end was cut short (a killed process, a lost machine, a copy taken while it
 * ran), and the log says how far it got.
 *
 * @param run          the run's number
 * @param calls        the calls the run recorded
 * @param stoppedEarly whether it stopped before the end of its session ({@code --fail-fast}, or an
 *                     interruption it answered), rather than after its last call
 */
public record RunEnded(long run, long calls, boolean stoppedEarly) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.runEnded(this);
    }
}
