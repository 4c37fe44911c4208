/**
 * The crystal: unit cell from -cell or -mat, misset, size in cells, mosaic domains, structure
 * factors (-hkl, Fdump, -default_F, -stol) and interpolation.
 *
 * <p>Specs: setup.md S14-S20, S22, S23 (HKL and Fdump), S24 (stol), S27.
 *
 * <p>Layer 8 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt;
 * source &lt; crystal &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, io, rng
 * (misset and mosaic rotations), config (the Shape vocabulary only: each step takes a small Input
 * record that setup.StepInputs fills, never the whole Config), geometry (vector helpers). Never
 * on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.crystal;
