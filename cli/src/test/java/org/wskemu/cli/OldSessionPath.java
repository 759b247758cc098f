package org.wskemu.cli;

import java.nio.file.Path;
import org.wskemu.engine.session.SessionFile;

/**
 * The first step of the path {@code run} took before issue #15, for {@link RunStreamsIT}: the whole file
 * read and checked into a list of calls ({@link SessionFile#read}). Argument: the session file. Prints
 * the number of calls and exits 0 when the file could be held.
 */
final class OldSessionPath {

    private OldSessionPath() {
    }

    public static void main(String[] args) {
        SessionFile session = SessionFile.read(Path.of(args[0]));
        System.out.println(session.calls().size() + " calls, " + session.faults().size() + " faults");
    }
}
