package org.nbparity.sim.setup;

import org.nbparity.sim.config.DerivParam;

/**
 * What one derivative parameter changes in the {@link Setup} the kernel reads, per unit of the
 * parameter (issue 18): the tangents of the setup chain. Zero arrays and zeros where the
 * parameter does not reach. Computed once, read only.
 *
 * @param param         the parameter
 * @param value         its value in the run, in {@link DerivParam#unit()}
 * @param a0            d a0 (m per unit), likewise b0, c0
 * @param b0            d b0
 * @param c0            d c0
 * @param aStar         d a* (1/Angstrom per unit), likewise b*, c*
 * @param bStar         d b*
 * @param cStar         d c*
 * @param pix0          d pix0 (m per unit)
 * @param distance      d distance (m per unit)
 * @param closeDistance d close_distance (m per unit)
 * @param n             d Na = d Nb = d Nc
 * @param fluence       d fluence (photons/m^2 per unit)
 * @param defaultF      d default_F
 * @param iBg           d I_bg (the water background, which holds the fluence)
 */
public record ParamTangent(DerivParam param, double value,
                           double[] a0, double[] b0, double[] c0,
                           double[] aStar, double[] bStar, double[] cStar,
                           double[] pix0, double distance, double closeDistance,
                           double n, double fluence, double defaultF, double iBg) {

    /** True when the parameter moves the crystal's vectors (and so the Miller indices). */
    public boolean movesCrystal() {
        return nonzero(a0) || nonzero(b0) || nonzero(c0) || nonzero(aStar) || nonzero(bStar) || nonzero(cStar);
    }

    /** True when the parameter moves the detector (pixel positions, solid angle). */
    public boolean movesDetector() {
        return nonzero(pix0) || distance != 0.0 || closeDistance != 0.0;
    }

    private static boolean nonzero(double[] v) {
        return v[0] != 0.0 || v[1] != 0.0 || v[2] != 0.0;
    }
}
