/**
 * The embedder's kit for tests: {@link org.wskemu.test.WskDriver} makes each WSK call and waits for
 * its IRP with a timeout, {@link org.wskemu.test.WskEmulatorTest @WskEmulatorTest} gives each JUnit 5
 * test a fresh in-memory engine, and {@link org.wskemu.test.WskAssertions} checks completions and
 * decisions by typed value.
 */
package org.wskemu.test;
