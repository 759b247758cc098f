/**
 * Internal: the one set of rules every entry point decides by (issue #22): the dispatcher's order of
 * checks, what it drives, and the plain in-memory model that drives it without events (for the bench
 * and for exploring interleavings). Not part of the API (DESIGN.md "What is public").
 */
package org.wskemu.engine.rules;
