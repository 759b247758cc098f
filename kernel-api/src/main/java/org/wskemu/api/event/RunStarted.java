package org.wskemu.api.event;

/** A session run began on this machine; runs are numbered from 1 per store. */
public record RunStarted(long run, String source) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.runStarted(this);
    }
}
