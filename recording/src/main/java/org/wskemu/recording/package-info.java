/**
 * Turns real recordings of socket calls (a Wine {@code +winsock} trace, an ETW capture written by
 * {@code tracerpt -of XML}) into session files (SESSION-FORMAT.md), stating every default it had to
 * supply; the entry point is {@link org.wskemu.recording.Importer}.
 */
package org.wskemu.recording;
