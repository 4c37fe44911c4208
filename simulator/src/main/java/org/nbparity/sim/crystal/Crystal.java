package org.nbparity.sim.crystal;

import org.nbparity.sim.config.Shape;

/**
 * The crystal as the render loop reads it (setup.md S15-S22, S27, S31).
 *
 * @param a0            real-space a at phi = 0, no mosaic, m
 * @param b0            real-space b, m
 * @param c0            real-space c, m
 * @param aStar         reciprocal a*, 1/Angstrom, including misset, not rotated by phi or mosaic
 * @param bStar         reciprocal b*
 * @param cStar         reciprocal c*
 * @param vCell         cell volume, Angstrom^3
 * @param na            cells along a (integral value >= 1)
 * @param nb            cells along b
 * @param nc            cells along c
 * @param shape         lattice-factor shape
 * @param fudge         {@code -fudge}
 * @param phi0          start angle, rad
 * @param phistep       step, rad
 * @param phisteps      number of phi steps
 * @param osc           oscillation range, rad (headers)
 * @param spindle       unit spindle axis
 * @param mosaicSpread  rad
 * @param mosaicDomains number of domains
 * @param mosaicUmats   9 doubles per domain, row-major; domain 0 is the identity
 */
public record Crystal(double[] a0, double[] b0, double[] c0,
                      double[] aStar, double[] bStar, double[] cStar, double vCell,
                      double na, double nb, double nc, Shape shape, double fudge,
                      double phi0, double phistep, int phisteps, double osc, double[] spindle,
                      double mosaicSpread, int mosaicDomains, double[] mosaicUmats) {
}
