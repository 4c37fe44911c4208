package org.nbparity.sim.geometry;

import org.nbparity.sim.config.Pivot;

/**
 * Tangents of the detector placement (setup.md S11-S13, {@link DetectorSetup#place}) with respect
 * to the typed {@code -distance}, per metre, with the pivot as configured (issue 18). Forward
 * mode by hand: S11 sets close_distance = |ratio·distance| and distance = close_distance/ratio;
 * the SAMPLE pivot builds pix0 from close_distance·odet and then rotates it with the detector,
 * so its tangent is that of close_distance times the final odet (rotations are linear); the BEAM
 * pivot adds distance·beam after the rotations. S13 then derives close_distance = pix0·odet and
 * distance = close_distance/ratio back from pix0. The fast and slow axes do not move.
 *
 * @param pix0          d pix0 / d distance (dimensionless)
 * @param distance      d distance / d distance (as the kernel reads it)
 * @param closeDistance d close_distance / d distance
 */
public record DistanceTangent(double[] pix0, double distance, double closeDistance) {

    /**
     * @param pivot         the pivot the run used
     * @param ratio         beam . rotated odet of S11 (SetupDetails.ratio)
     * @param typedDistance the {@code -distance} value, m
     * @param beam          unit beam vector
     * @param odet          detector normal after rotations and two-theta
     */
    public static DistanceTangent of(Pivot pivot, double ratio, double typedDistance, double[] beam, double[] odet) {
        // close_distance = |ratio * distance|
        double dClose = Math.signum(ratio * typedDistance) * ratio;
        double[] dPix0 = new double[3];
        if (pivot == Pivot.SAMPLE) {
            for (int i = 0; i < 3; i++) {
                dPix0[i] = dClose * odet[i];
            }
        } else {
            double dDistance = dClose / ratio;
            for (int i = 0; i < 3; i++) {
                dPix0[i] = dDistance * beam[i];
            }
        }
        double dCloseFinal = Vec.dot(dPix0, odet);
        return new DistanceTangent(dPix0, dCloseFinal / ratio, dCloseFinal);
    }
}
