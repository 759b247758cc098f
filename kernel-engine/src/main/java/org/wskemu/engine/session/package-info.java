/**
 * Sessions: a list of recorded calls run in order through the engine, with a report per call, and
 * the reader of session files ({@code .wsk.jsonl}, SESSION-FORMAT.md): {@link
 * org.wskemu.engine.session.SessionFile#read} checks a whole file and gives its calls or its faults,
 * and {@code WskEmulator.sessions().run(SessionRunner.Run.of(file))} runs it. The command line's
 * {@code wskemu run} uses the same reader.
 */
package org.wskemu.engine.session;

import org.wskemu.engine.SessionRunner;
