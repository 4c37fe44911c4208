package org.nbparity.sim.render;

import org.nbparity.sim.clib.Libm;

/**
 * The libm functions of the render loop and upstream's small vector helpers, with C's order of
 * operations (render.md section 2).
 *
 * <p>sin, cos and exp use {@link Math}, not {@link StrictMath}: measured on 2,000,000 arguments in
 * the loop's range (|x| up to 3.8e4), HotSpot's Math.sin/cos/exp differ from glibc in 0.20 %,
 * 0.21 % and 0.24 % of cases, StrictMath (fdlibm) in 3.3 %, 3.3 % and 9.8 %; with StrictMath the
 * golden traces showed 11-ULP F_latt differences, with Math none. Math is also intrinsic (no JNI)
 * and therefore several times faster. HotSpot uses the same stubs in the interpreter and in
 * compiled code, so results do not depend on which thread or JIT tier evaluates them.
 *
 * <p>The lattice factor's sincg uses {@link Sine} instead (branch-free, and batched on SIMD lanes
 * by the render loop): 0.39 % of its calls differ from glibc by 1 ULP on the loop's arguments
 * (Math.sin: 0.05 %), every golden image stays bitwise, and the Java-vs-C-reference trace test
 * stays inside the trace gates.
 *
 * <p>System property {@code nb.kernel.libm=glibc} routes them through {@link Libm} instead
 * (glibc itself via the foreign-function API when the JVM allows it: bit-identical calls, about
 * twice the cost per call in the JMH lattice-factor benchmark).
 */
final class CMath {
    private CMath() {
    }

    static final boolean GLIBC = "glibc".equals(System.getProperty("nb.kernel.libm"));

    static double sin(double x) {
        return GLIBC ? Libm.sin(x) : Math.sin(x);
    }

    static double cos(double x) {
        return GLIBC ? Libm.cos(x) : Math.cos(x);
    }

    static double exp(double x) {
        return GLIBC ? Libm.exp(x) : Math.exp(x);
    }

    static double atan2(double y, double x) {
        return GLIBC ? Libm.atan2(y, x) : StrictMath.atan2(y, x);
    }

    /** sincg(x, N) (U3291-3295): N at x == 0, else sin(x*N)/sin(x), with {@link Sine}. */
    static double sincg(double x, double n) {
        if (x == 0.0) {
            return n;
        }
        return GLIBC ? Libm.sin(x * n) / Libm.sin(x) : Sine.sin(x * n) / Sine.sin(x);
    }

    /** sinc3(x) (U3298-3302). */
    static double sinc3(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        // same grouping as C: ((3 * (sin(x)/x - cos(x))) / (x*x))
        double bracket = sin(x) / x - cos(x);
        return 3.0 * bracket / (x * x);
    }

    /**
     * rotate_axis (U3366-3379): Rodrigues rotation of v about unit axis n by phi, into out[off..off+2].
     */
    static void rotateAxis(double v1, double v2, double v3, double[] n, double phi, double[] out, int off) {
        double s = sin(phi);
        double c = cos(phi);
        double d = (n[0] * v1 + n[1] * v2 + n[2] * v3) * (1.0 - c);
        double t1 = n[0] * d + v1 * c + (-n[2] * v2 + n[1] * v3) * s;
        double t2 = n[1] * d + v2 * c + (+n[2] * v1 - n[0] * v3) * s;
        double t3 = n[2] * d + v3 * c + (-n[1] * v1 + n[0] * v2) * s;
        out[off] = t1;
        out[off + 1] = t2;
        out[off + 2] = t3;
    }

    /** rotate_umat (U3384-3405) of v by the row-major matrix u[uo..uo+8], into out[off..off+2]. */
    static void rotateUmat(double v1, double v2, double v3, double[] u, int uo, double[] out, int off) {
        out[off] = u[uo] * v1 + u[uo + 1] * v2 + u[uo + 2] * v3;
        out[off + 1] = u[uo + 3] * v1 + u[uo + 4] * v2 + u[uo + 5] * v3;
        out[off + 2] = u[uo + 6] * v1 + u[uo + 7] * v2 + u[uo + 8] * v3;
    }

    /** unitize in place (U3981-4002): v/|v|, or all zeros when |v| == 0. Returns |v|. */
    static double unitize(double[] v) {
        return unitize(v[0], v[1], v[2], v);
    }

    /**
     * unitize (U3981-4002) of (x, y, z) into out[0..2]: the vector over its magnitude, or all
     * zeros when the magnitude is 0. Returns the magnitude. The one normalise-or-zero of the
     * render loop (diffracted direction, the polarization's in-place normalisations, the Kahn
     * basis vectors).
     */
    static double unitize(double x, double y, double z, double[] out) {
        double m = Math.sqrt(x * x + y * y + z * z);
        if (m != 0.0) {
            out[0] = x / m;
            out[1] = y / m;
            out[2] = z / m;
        } else {
            out[0] = 0.0;
            out[1] = 0.0;
            out[2] = 0.0;
        }
        return m;
    }

    /** 4-point Lagrange interpolation polint (U3807-3815) at integer-valued nodes x0..x3. */
    static double polint(double xa0, double xa1, double xa2, double xa3,
                         double ya0, double ya1, double ya2, double ya3, double x) {
        double l0 = (x - xa1) * (x - xa2) * (x - xa3) * ya0 / ((xa0 - xa1) * (xa0 - xa2) * (xa0 - xa3));
        double l1 = (x - xa0) * (x - xa2) * (x - xa3) * ya1 / ((xa1 - xa0) * (xa1 - xa2) * (xa1 - xa3));
        double l2 = (x - xa0) * (x - xa1) * (x - xa3) * ya2 / ((xa2 - xa0) * (xa2 - xa1) * (xa2 - xa3));
        double l3 = (x - xa0) * (x - xa1) * (x - xa2) * ya3 / ((xa3 - xa0) * (xa3 - xa1) * (xa3 - xa2));
        return l0 + l1 + l2 + l3;
    }
}
