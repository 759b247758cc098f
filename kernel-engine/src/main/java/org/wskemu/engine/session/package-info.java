/** Sessions: a list of recorded calls run in order through the engine, with a report per call. */
package org.wskemu.engine.session;
