package org.wskemu.engine.readmodel;

/** The read models an engine keeps up to date with its event log. */
public interface LiveReadModels {

    /** The read models caught up with every event committed before this call. */
    ReadModelView current();

    /** Forgets the read models and folds the whole log again; answers the rebuilt view. */
    ReadModelView rebuild();
}
