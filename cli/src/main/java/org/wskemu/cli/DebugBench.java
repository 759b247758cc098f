package org.wskemu.cli;

import java.util.SplittableRandom;
import org.wskemu.bench.StepProbe;
import org.wskemu.engine.WskEmulator;

/**
 * {@code wskemu bench}'s debugger figures: on the seek store, from random calls of its last run, a step
 * and a step back as the debugger shows them (the cursor moved, the call read for {@code where}, the
 * bindings just after it for {@code state}), each timed on its own.
 */
final class DebugBench implements StepProbe {

    @Override
    public double[][] steps(WskEmulator kernel, long seed, int samples) {
        Debugger debugger = new Debugger(DebugRun.open(new Engine(kernel), null));
        SplittableRandom random = new SplittableRandom(seed);
        double[] forward = new double[samples];
        double[] back = new double[samples];
        long sink = 0;
        int size = debugger.run().size();
        for (int i = 0; i < samples; i++) {
            debugger.moveTo(1 + random.nextInt(Math.max(1, size - 2)));
            long start = System.nanoTime();
            sink += shown(debugger, debugger.step());
            forward[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            sink += shown(debugger, debugger.back());
            back[i] = (System.nanoTime() - start) / 1e6;
        }
        if (sink < 0) {
            throw new AssertionError(); // keeps the work from being optimised away
        }
        return new double[][] {forward, back};
    }

    /** What a stop shows: the call's line, and the bindings just after it. */
    private static long shown(Debugger debugger, Debugger.Stop stop) {
        return DebugAnswers.where(stop.call(), debugger.run()).length()
                + debugger.run().recording().timeline().at(stop.call().position()).ownership().size();
    }

    /** The engine the bench built, read as a recording. */
    private static final class Engine extends EngineRecording {

        Engine(WskEmulator kernel) {
            super(kernel);
        }

        @Override
        public String source() {
            return "the bench's seek store";
        }
    }
}
