/**
 * The beam: fluence and illuminated sample size, divergence and dispersion ranges, the source
 * list (from -sourcefile or the divergence/dispersion grid).
 *
 * <p>Specs: setup.md S4, S10 (ranges), S26; render.md 4.11, 4.15.
 *
 * <p>Layer 7 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt;
 * source &lt; crystal &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, io (the
 * -sourcefile table), config (not the whole Config: each step takes a small Input record that
 * setup.StepInputs fills), geometry (vector helpers). Never on a package above it
 * (ArchitectureTest).
 */
package org.nbparity.sim.source;
