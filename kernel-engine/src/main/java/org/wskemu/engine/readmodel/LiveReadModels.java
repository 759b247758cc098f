package org.wskemu.engine.readmodel;

/** The read models an engine keeps up to date with its event log. */
public interface LiveReadModels {

    /** {@return the read models caught up with every event committed before this call} */
    ReadModelView current();

    /** {@return the rebuilt view: the read models forgotten and the whole log folded again} */
    ReadModelView rebuild();
}
