/**
 * The detector: pixel grid, frame, rotations, pivot and placement, the ROI and mask, sub-pixel
 * sampling, and upstream's vector helpers.
 *
 * <p>{@link org.nbparity.sim.geometry.DetectorSetup} computes {@link
 * org.nbparity.sim.geometry.DetectorGeometry} (what the kernel reads) and {@link
 * org.nbparity.sim.geometry.DetectorReport} (what stdout and the SMV header print). Specs:
 * setup.md S3, S5-S7, S11-S13, H1-H6.
 *
 * <p>Layer 6 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, config (the Convention and Pivot
 * vocabulary only: each DetectorSetup step takes a small typed input record that setup.StepInputs
 * fills, never the whole Config). Never on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.geometry;
