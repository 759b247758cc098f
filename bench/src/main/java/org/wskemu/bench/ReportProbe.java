package org.wskemu.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.wskemu.engine.WskEmulator;

/**
 * The HTML report, measured on a store of many runs: the command line gives the bench its report
 * writer (which lives there), and the bench times the page's load in headless Chromium.
 */
public interface ReportProbe {

    /**
     * Writes the page of everything {@code kernel}'s store recorded to {@code file}.
     *
     * @param kernel the engine holding the store
     * @param file   the page's file (replaced)
     * @throws IOException when the file cannot be written
     */
    void write(WskEmulator kernel, Path file) throws IOException;
}
