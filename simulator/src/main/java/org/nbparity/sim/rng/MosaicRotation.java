package org.nbparity.sim.rng;

import org.nbparity.sim.clib.GlibcPowf;
import org.nbparity.sim.clib.Libm;

/**
 * Random rotation matrices as upstream draws them (io-rng.md 4.1, 4.3; setup.md H8, H9):
 * mosaic_rotation_umat with its single-precision angle, and umat2misset.
 */
public final class MosaicRotation {
    private MosaicRotation() {
    }

    /** (float)(1.0/3.0), the exponent upstream passes to powf. */
    private static final float ONE_THIRD = (float) (1.0 / 3.0);

    /**
     * mosaic_rotation_umat: three draws from the shared table, a rotation by
     * mosaicity*(1-r3^2)^(1/3) radians about a random axis, written row-major into
     * {@code umat[off..off+8]}.
     *
     * @param mosaicity the spread, already rounded to float as upstream's float parameter
     *                  does (quirk Q15)
     */
    public static void umat(float mosaicity, Ran1 rng, Ran1.Seed seed, double[] umat, int off) {
        double r1 = 2.0 * (double) rng.next(seed) - 1.0;
        double r2 = 2.0 * (double) rng.next(seed) - 1.0;
        double r3 = 2.0 * (double) rng.next(seed) - 1.0;
        double xyrad = Math.sqrt(1.0 - r2 * r2);
        // float island (Q15, upstream line 3453): float spread times glibc powf, a float product
        float pw = GlibcPowf.powf((float) (1.0 - r3 * r3), ONE_THIRD);
        double rot = (double) (mosaicity * pw);
        // With no rotation (zero spread) every entry is 1 + 0*t or a sum of products with 0, so
        // only the signs of the axis components reach the matrix, and any faithful sin and cos
        // give the same signs: StrictMath's then spares creating glibc's handles (SetupBuilder).
        boolean still = rot == 0.0;
        double v1 = xyrad * (still ? StrictMath.sin(Math.PI * r1) : Libm.sin(Math.PI * r1));
        double v2 = xyrad * (still ? StrictMath.cos(Math.PI * r1) : Libm.cos(Math.PI * r1));
        double v3 = r2;
        double t1 = Libm.cos(rot);
        double t2 = 1.0 - t1;
        double t3 = v1 * v1;
        double t6 = t2 * v1;
        double t7 = t6 * v2;
        double t8 = Libm.sin(rot);
        double t9 = t8 * v3;
        double t11 = t6 * v3;
        double t12 = t8 * v2;
        double t15 = v2 * v2;
        double t19 = t2 * v2 * v3;
        double t20 = t8 * v1;
        double t24 = v3 * v3;
        umat[off] = t1 + t2 * t3;
        umat[off + 1] = t7 - t9;
        umat[off + 2] = t11 + t12;
        umat[off + 3] = t7 + t9;
        umat[off + 4] = t1 + t2 * t15;
        umat[off + 5] = t19 - t20;
        umat[off + 6] = t11 - t12;
        umat[off + 7] = t19 + t20;
        umat[off + 8] = t1 + t2 * t24;
    }

    /**
     * umat2misset (H9): XYZ rotation angles (rad) of a rotation matrix. The rows are normalised
     * twice, as upstream does (the zero-row substitutions never fire for a rotation).
     */
    public static double[] toMisset(double[] u) {
        double uxx = u[0], uxy = u[1], uxz = u[2];
        double uyx = u[3], uyy = u[4], uyz = u[5];
        double uzx = u[6], uzy = u[7], uzz = u[8];
        for (int pass = 0; pass < 2; pass++) {
            double mx = Math.sqrt(uxx * uxx + uxy * uxy + uxz * uxz);
            double my = Math.sqrt(uyx * uyx + uyy * uyy + uyz * uyz);
            double mz = Math.sqrt(uzx * uzx + uzy * uzy + uzz * uzz);
            if (mx > 0) { uxx /= mx; uxy /= mx; uxz /= mx; }
            if (my > 0) { uyx /= my; uyy /= my; uyz /= my; }
            if (mz > 0) { uzx /= mz; uzy /= mz; uzz /= mz; }
            if (!(mx > 0) || !(my > 0) || !(mz > 0)) {
                throw new IllegalArgumentException("umat2misset: degenerate matrix");
            }
        }
        double rotx, roty, rotz;
        if (uzx * uzx < 1.0) {
            rotx = Libm.atan2(uzy, uzz);
            roty = Libm.atan2(-uzx, Math.sqrt(uzy * uzy + uzz * uzz));
            rotz = Libm.atan2(uyx, uxx);
        } else {
            rotx = Libm.atan2(1, 1) * 4;
            roty = Libm.atan2(1, 1) * 2;
            rotz = Libm.atan2(uxy, -uyy);
        }
        return new double[] {rotx, roty, rotz};
    }
}
