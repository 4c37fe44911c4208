/**
 * The pixel loop: reads a Setup, never changes it, and produces the float image and the in-loop
 * statistics (render.md sections 3-5), with the -printout blocks, the progress meter and the
 * -trace_pixel trace.
 *
 * <p>Layer 10 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, trace, config, geometry, source,
 * crystal, setup. Never on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.render;
