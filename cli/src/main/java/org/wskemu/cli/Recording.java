package org.wskemu.cli;

import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;

/**
 * What the commands that read recorded decisions read: a store opened for a query, or a session the
 * debugger ran in memory. {@code state --at P}, {@code explain P} and the debugger answer from it
 * through the same functions, so the debugger prints what the one-shot commands print.
 */
interface Recording {

    /** {@return the read models, caught up with every recorded call} */
    ReadModelView readModels();

    /** {@return the recorded events} */
    EventLog log();

    /** {@return the state as of any position} */
    Timeline timeline();

    /** {@return where the events are, as messages name it: {@code store .wskemu}, {@code session f.wsk.jsonl}} */
    String source();
}
