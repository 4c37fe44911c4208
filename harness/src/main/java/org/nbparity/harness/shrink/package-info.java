/**
 * Localizing a parity failure by experiment when no trace can name the first divergent quantity:
 * the failing case is delta-debugged (ddmin over flags and flag groups, {@code -roi} narrowing,
 * a one-at-a-time necessity check) down to a minimal failing argv and the flags it needs.
 * Depends on backend, cases, metrics, bundle (the image gates) and thresholds; used by run and cli.
 */
package org.nbparity.harness.shrink;
