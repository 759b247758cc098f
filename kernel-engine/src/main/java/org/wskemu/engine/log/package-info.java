/** The event log as the read models, the timeline and verify see it: events with their global positions. */
package org.wskemu.engine.log;
