package org.nbparity.sim.setup;

/**
 * Setup values that neither the kernel nor the writers need but tests, traces and reports do
 * (setup.md S5-S13, S17, S26).
 *
 * @param ratio           beam . rotated odet without two-theta (S11; stale with two-theta, Q4)
 * @param misset          misset angles applied (rad), or null when none
 * @param missetRandom    true when the misset was drawn (S17)
 * @param xclose          Xclose, m
 * @param yclose          Yclose, m
 * @param hdivrange       rad
 * @param hdivstep        rad
 * @param hdivsteps       count
 * @param vdivrange       rad
 * @param vdivstep        rad
 * @param vdivsteps       count
 * @param divsteps        divergence points kept (-1 with a sourcefile)
 * @param dispersion      fraction
 * @param dispstep        fraction
 * @param dispsteps       count
 * @param interpolationAuto the auto-selection message, or null when a flag decided
 * @param pixels          fpixels*spixels
 * @param xtalsizeMax     m
 * @param recommendedOversample S21
 * @param molecularWeight S22 (printed only)
 * @param aLengthAngstrom |a| in Angstrom before the metre conversion (and b, c)
 * @param bLengthAngstrom |b|
 * @param cLengthAngstrom |c|
 * @param vert            unit(beam x polar) (S7)
 */
public record SetupDetails(double ratio, double[] misset, boolean missetRandom,
                           double xclose, double yclose,
                           double hdivrange, double hdivstep, int hdivsteps,
                           double vdivrange, double vdivstep, int vdivsteps, int divsteps,
                           double dispersion, double dispstep, int dispsteps,
                           String interpolationAuto, long pixels, double xtalsizeMax,
                           int recommendedOversample, double molecularWeight,
                           double aLengthAngstrom, double bLengthAngstrom, double cLengthAngstrom,
                           double[] vert) {
}
