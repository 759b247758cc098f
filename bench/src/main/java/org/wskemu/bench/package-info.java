/**
 * {@code wskemu bench}: a seeded synthetic session and the figures measured on it, each beside the
 * machine's own limit in the same run (plain JDBC on the same H2 schema, a bare process start), so the
 * ratios hold on a shared, noisy machine where absolute figures do not (BENCHMARKS.md).
 */
package org.wskemu.bench;
