/**
 * The per-pixel trace protocol (trace-protocol.md): request, level and the TRACE_JAVA line
 * writer.
 *
 * <p>{@link org.nbparity.sim.trace.TraceWriter} prints doubles with C %.17g so that the harness can
 * compare them with the C trace.
 *
 * <p>Layer 3 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib. Never on a package above it
 * (ArchitectureTest).
 */
package org.nbparity.sim.trace;
