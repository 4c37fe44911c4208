package org.nbparity.sim.geometry;

/**
 * Final detector geometry handed to the render loop (setup.md S11-S13, S31). All lengths in
 * metres, vectors are unit lab vectors {x, y, z} (upstream's slot 0 magnitude is dropped).
 *
 * <p>Arrays are owned by this record and must never be modified by a reader; the render kernel
 * copies what it mutates (e.g. polarization_factor normalises in place, render.md 4.15).
 *
 * @param fpixels         pixels along the fast axis
 * @param spixels         pixels along the slow axis
 * @param pixelSize       pixel edge, m
 * @param fdet            fast axis after rotations and two-theta
 * @param sdet            slow axis
 * @param odet            detector normal
 * @param pix0            sample-to-corner-of-pixel-(0,0) vector, m
 * @param distance        distance along the beam after geometry (S13), m
 * @param closeDistance   perpendicular sample-plane distance (S13), m
 * @param curved          {@code -curved_det} in effect
 * @param pointPixel      {@code -point_pixel}
 * @param thicksteps      detector layers (>= 1)
 * @param thickstep       layer step, m
 * @param thick           sensor thickness, m
 * @param mu              attenuation coefficient, 1/m (-1 when never set and thick == 0)
 * @param roi             inclusive pixel bounds
 * @param mask            mask pixels (0 = skip) indexed spixel*fpixels+fpixel, or null
 * @param report          beam-centre and header values that only outputs use
 */
public record DetectorGeometry(
        int fpixels, int spixels, double pixelSize,
        double[] fdet, double[] sdet, double[] odet, double[] pix0,
        double distance, double closeDistance,
        boolean curved, boolean pointPixel,
        int thicksteps, double thickstep, double thick, double mu,
        Roi roi, int[] mask,
        DetectorReport report) {
}
