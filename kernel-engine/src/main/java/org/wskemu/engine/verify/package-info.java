/** Verify: every recorded bind decision re-derived from the state just before it. */
package org.wskemu.engine.verify;
