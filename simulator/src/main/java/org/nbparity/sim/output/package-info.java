/**
 * Everything after the pixel loop: the end-of-run stdout lines, the float, SMV int, PGM and
 * Poisson-noise files in upstream's order, each written all-or-nothing; and the detector-native
 * files (issue 15): miniCBF with a Pilatus header, NeXus/NXmx HDF5 through io.jhdf:jhdf with the
 * geometry in the McStas frame ({@link org.nbparity.sim.output.McStasFrame}).
 *
 * <p>Specs: io-rng.md sections 5-11 (noise, scaling, file layouts).
 *
 * <p>Layer 11 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, io, rng (noise), geometry, source,
 * crystal, setup, render (the RenderResult). Never on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.output;
