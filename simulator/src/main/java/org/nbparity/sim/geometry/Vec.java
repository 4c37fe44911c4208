package org.nbparity.sim.geometry;

import org.nbparity.sim.clib.Libm;

/**
 * Upstream's vector helpers on double[3] (setup.md H1-H6) with C's evaluation order. Upstream
 * keeps a magnitude in slot 0; here magnitudes are returned and callers keep them where
 * upstream reads them.
 */
public final class Vec {
    private Vec() {
    }

    /** H1: sqrt((x*x + y*y) + z*z). */
    public static double magnitude(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** H2. */
    public static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    /** H3. */
    public static double[] cross(double[] x, double[] y) {
        return new double[] {
            x[1] * y[2] - x[2] * y[1],
            x[2] * y[0] - x[0] * y[2],
            x[0] * y[1] - x[1] * y[0]};
    }

    /** H4 in place: divides by the magnitude (three divisions) or zeroes; returns the magnitude. */
    public static double unitize(double[] v) {
        double m = magnitude(v);
        if (m != 0.0) {
            v[0] = v[0] / m;
            v[1] = v[1] / m;
            v[2] = v[2] / m;
        } else {
            v[0] = v[1] = v[2] = 0.0;
        }
        return m;
    }

    /** H5 vector_scale: (s*x, s*y, s*z). */
    public static double[] scale(double[] v, double s) {
        return new double[] {s * v[0], s * v[1], s * v[2]};
    }

    /** H5 vector_rescale: ((M/old)*x, ...), old = |v| or 1 when |v| <= 0. */
    public static double[] rescale(double[] v, double newMagnitude) {
        double old = magnitude(v);
        if (old <= 0.0) {
            old = 1.0;
        }
        return new double[] {newMagnitude / old * v[0], newMagnitude / old * v[1], newMagnitude / old * v[2]};
    }

    /** H6 rotate: about lab X, then Y, then Z, each only when its angle is non-zero. */
    public static double[] rotate(double[] v, double phix, double phiy, double phiz) {
        double x = v[0], y = v[1], z = v[2];
        if (phix != 0) {
            double ryy = Libm.cos(phix), ryz = -Libm.sin(phix);
            double rzy = Libm.sin(phix), rzz = Libm.cos(phix);
            double ny = y * ryy + z * ryz;
            double nz = y * rzy + z * rzz;
            y = ny;
            z = nz;
        }
        if (phiy != 0) {
            double rxx = Libm.cos(phiy), rxy = 0, rxz = Libm.sin(phiy);
            double rzx = -Libm.sin(phiy), rzy = 0, rzz = Libm.cos(phiy);
            // the y*0 terms only matter for the sign of zeros; kept as upstream
            double nx = x * rxx + y * rxy + z * rxz;
            double nz = x * rzx + y * rzy + z * rzz;
            x = nx;
            z = nz;
        }
        if (phiz != 0) {
            double rxx = Libm.cos(phiz), rxy = -Libm.sin(phiz);
            double ryx = Libm.sin(phiz), ryy = Libm.cos(phiz);
            double nx = x * rxx + y * rxy;
            double ny = x * ryx + y * ryy;
            x = nx;
            y = ny;
        }
        return new double[] {x, y, z};
    }

    /** H6 rotate_axis: Rodrigues rotation about an axis that is NOT normalised (quirk Q3). */
    public static double[] rotateAxis(double[] v, double[] axis, double phi) {
        double sinphi = Libm.sin(phi);
        double cosphi = Libm.cos(phi);
        double d = (axis[0] * v[0] + axis[1] * v[1] + axis[2] * v[2]) * (1.0 - cosphi);
        return new double[] {
            axis[0] * d + v[0] * cosphi + (-axis[2] * v[1] + axis[1] * v[2]) * sinphi,
            axis[1] * d + v[1] * cosphi + (+axis[2] * v[0] - axis[0] * v[2]) * sinphi,
            axis[2] * d + v[2] * cosphi + (-axis[1] * v[0] + axis[0] * v[1]) * sinphi};
    }
}
