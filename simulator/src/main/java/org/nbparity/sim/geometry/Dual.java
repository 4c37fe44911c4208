package org.nbparity.sim.geometry;

import org.nbparity.sim.clib.Libm;

/**
 * A dual number v + d·ε (ε² = 0): forward-mode automatic differentiation for the setup chain of
 * the derivative images (issue 18), one parameter at a time. The value part uses the same
 * operations, in the same order, as the double code it shadows ({@link Vec}, glibc's sin/cos
 * through {@link Libm}), so it reproduces that code's values; the tangent part is the exact
 * derivative of each operation.
 *
 * @param v value
 * @param d tangent (derivative with respect to the seeded parameter)
 */
public record Dual(double v, double d) {
    /** A constant: tangent 0. */
    public static Dual of(double v) {
        return new Dual(v, 0.0);
    }

    public Dual add(Dual o) {
        return new Dual(v + o.v, d + o.d);
    }

    public Dual sub(Dual o) {
        return new Dual(v - o.v, d - o.d);
    }

    public Dual mul(Dual o) {
        return new Dual(v * o.v, d * o.v + v * o.d);
    }

    public Dual mul(double s) {
        return new Dual(v * s, d * s);
    }

    public Dual div(Dual o) {
        double q = v / o.v;
        return new Dual(q, (d - q * o.d) / o.v);
    }

    public Dual div(double s) {
        return new Dual(v / s, d / s);
    }

    public Dual neg() {
        return new Dual(-v, -d);
    }

    public Dual sqrt() {
        double r = Math.sqrt(v);
        return new Dual(r, d / (2.0 * r));
    }

    /** sin through glibc (as setup computes it). */
    public Dual sin() {
        return new Dual(Libm.sin(v), Libm.cos(v) * d);
    }

    /** cos through glibc. */
    public Dual cos() {
        return new Dual(Libm.cos(v), -Libm.sin(v) * d);
    }

    /** True when both parts are exactly zero (an angle that changes nothing). */
    public boolean isZero() {
        return v == 0.0 && d == 0.0;
    }

    // ---- double[3] helpers of Vec (setup.md H1-H6) on dual vectors ----

    /** A constant vector. */
    public static Dual[] of(double[] v) {
        return new Dual[] {of(v[0]), of(v[1]), of(v[2])};
    }

    /** The values. */
    public static double[] values(Dual[] v) {
        return new double[] {v[0].v, v[1].v, v[2].v};
    }

    /** The tangents. */
    public static double[] tangents(Dual[] v) {
        return new double[] {v[0].d, v[1].d, v[2].d};
    }

    /** H1. */
    public static Dual magnitude(Dual[] v) {
        return v[0].mul(v[0]).add(v[1].mul(v[1])).add(v[2].mul(v[2])).sqrt();
    }

    /** H2. */
    public static Dual dot(Dual[] u, Dual[] w) {
        return u[0].mul(w[0]).add(u[1].mul(w[1])).add(u[2].mul(w[2]));
    }

    /** H3. */
    public static Dual[] cross(Dual[] x, Dual[] y) {
        return new Dual[] {
            x[1].mul(y[2]).sub(x[2].mul(y[1])),
            x[2].mul(y[0]).sub(x[0].mul(y[2])),
            x[0].mul(y[1]).sub(x[1].mul(y[0]))};
    }

    /** H5 vector_scale. */
    public static Dual[] scale(Dual[] v, Dual s) {
        return new Dual[] {s.mul(v[0]), s.mul(v[1]), s.mul(v[2])};
    }

    /** H5 vector_scale by a constant. */
    public static Dual[] scale(Dual[] v, double s) {
        return new Dual[] {v[0].mul(s), v[1].mul(s), v[2].mul(s)};
    }

    /** H5 vector_rescale: (M/old)·v with old = |v| (or 1 when |v| <= 0). */
    public static Dual[] rescale(Dual[] v, Dual newMagnitude) {
        Dual old = magnitude(v);
        if (old.v <= 0.0) {
            old = of(1.0);
        }
        Dual f = newMagnitude.div(old);
        return new Dual[] {f.mul(v[0]), f.mul(v[1]), f.mul(v[2])};
    }

    /**
     * H6 rotate: about lab X, then Y, then Z. {@link Vec#rotate} skips a zero angle; here an angle
     * whose value is 0 but whose tangent is not still rotates (by cos 0 = 1, sin 0 = 0, which
     * leaves the value unchanged) so that the derivative at a zero misset is the rotation's.
     */
    public static Dual[] rotate(Dual[] vec, Dual phix, Dual phiy, Dual phiz) {
        Dual x = vec[0], y = vec[1], z = vec[2];
        if (!phix.isZero()) {
            Dual c = phix.cos(), s = phix.sin();
            Dual ny = y.mul(c).add(z.mul(s.neg()));
            Dual nz = y.mul(s).add(z.mul(c));
            y = ny;
            z = nz;
        }
        if (!phiy.isZero()) {
            Dual c = phiy.cos(), s = phiy.sin();
            Dual nx = x.mul(c).add(y.mul(0.0)).add(z.mul(s));
            Dual nz = x.mul(s.neg()).add(y.mul(0.0)).add(z.mul(c));
            x = nx;
            z = nz;
        }
        if (!phiz.isZero()) {
            Dual c = phiz.cos(), s = phiz.sin();
            Dual nx = x.mul(c).add(y.mul(s.neg()));
            Dual ny = x.mul(s).add(y.mul(c));
            x = nx;
            y = ny;
        }
        return new Dual[] {x, y, z};
    }
}
