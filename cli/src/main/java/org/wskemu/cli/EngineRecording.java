package org.wskemu.cli;

import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;

/** A recording an engine in this process holds: its read models, log and timeline, named by {@link #source()}. */
abstract class EngineRecording implements Recording {

    /** The engine whose events these are. */
    final WskEmulator kernel;

    EngineRecording(WskEmulator kernel) {
        this.kernel = kernel;
    }

    @Override
    public final ReadModelView readModels() {
        return kernel.readModels();
    }

    @Override
    public final EventLog log() {
        return kernel.log();
    }

    @Override
    public final Timeline timeline() {
        return kernel.timeline();
    }
}
