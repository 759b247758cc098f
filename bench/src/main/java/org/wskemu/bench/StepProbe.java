package org.wskemu.bench;

import org.wskemu.engine.WskEmulator;

/**
 * The time-travel debugger's step, measured on the seek store: the command line gives the bench its
 * debugger (which lives there), and the bench reports the figures with the seek's.
 */
public interface StepProbe {

    /**
     * Steps and steps back at random calls of the engine's last run.
     *
     * @param kernel  the engine holding the seek store
     * @param seed    the seed of the random calls
     * @param samples how many steps, and how many steps back, to time
     * @return two arrays of milliseconds: the steps forward, then the steps back
     */
    double[][] steps(WskEmulator kernel, long seed, int samples);
}
