package org.nbparity.sim.rng;

import org.nbparity.sim.clib.Libm;

/**
 * Upstream's Poisson and Gaussian deviates (io-rng.md sections 5-7, upstream lines 3616-3756),
 * reproduced with upstream's binary32 "float islands": every C {@code float} variable is a Java
 * {@code float}, every float-by-float operation is done in float, and every libm call is made in
 * double (through {@link Libm}, glibc's own exp/log/tan when available) and rounded back when C
 * stores it in a float.
 *
 * <p>Upstream keeps {@code poidev}'s cache ({@code sq, alxm, g, oldm}) and {@code gaussdev}'s spare
 * deviate ({@code iset, gset}) in function statics that live for the whole process; this object is
 * that state. Create one per simulated run (the noise stage is its only user). The uniform draws
 * come from the run's shared {@link Ran1} table.
 *
 * <p>Not thread safe; upstream draws only in serial code.
 */
public final class Poisson {
    private static final double[] COF = {76.18009172947146, -86.50532032941677,
        24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};

    private final Ran1 ran1;
    // poidev statics, shared by the direct (mean < 12) and rejection (12..1e6) regimes
    private float sq;
    private float alxm;
    private float g;
    private float oldm = -1.0f;
    // gaussdev statics
    private boolean iset;
    private float gset;

    /** @param ran1 the run's shared uniform generator table */
    public Poisson(Ran1 ran1) {
        this.ran1 = ran1;
    }

    /**
     * One Poisson deviate of mean {@code xm} (upstream {@code poidev}, io-rng.md 7). Above 1e6 the
     * result is a Gaussian approximation and not an integer (render quirk Q36).
     *
     * @param xm   the mean, a binary32 value as upstream passes the float image pixel
     * @param idum the stream's seed, updated in place
     */
    public float poidev(float xm, Ran1.Seed idum) {
        if (xm > 1.0e6) {
            return (float) ((double) xm + Math.sqrt(xm) * (double) gaussdev(idum));
        }
        float em;
        float t;
        if (xm < 12.0) {
            if (xm != oldm) {
                oldm = xm;
                g = (float) Libm.exp(-xm);
            }
            em = -1;
            t = 1.0f;
            do {
                ++em;
                t *= ran1.next(idum);
            } while (t > g);
        } else {
            // also taken by NaN, as in C (every comparison above is false)
            if (xm != oldm) {
                oldm = xm;
                sq = (float) Math.sqrt(2.0 * xm);
                alxm = (float) Libm.log(xm);
                g = xm * alxm - gammln((float) (xm + 1.0));
            }
            float y;
            do {
                do {
                    y = (float) Libm.tan(Math.PI * ran1.next(idum));
                    em = sq * y + xm;
                } while (em < 0.0);
                em = (float) Math.floor(em);
                t = (float) (0.9 * (1.0 + y * y)
                        * Libm.exp(em * alxm - gammln((float) (em + 1.0)) - g));
            } while (ran1.next(idum) > t);
        }
        return em;
    }

    /**
     * Unit normal deviate by the polar Box-Muller method (upstream {@code gaussdev}, io-rng.md 5):
     * every other call returns the spare deviate of the previous pair.
     */
    public float gaussdev(Ran1.Seed idum) {
        if (iset) {
            iset = false;
            return gset;
        }
        float v1;
        float v2;
        float rsq;
        do {
            v1 = (float) (2.0 * ran1.next(idum) - 1.0);
            v2 = (float) (2.0 * ran1.next(idum) - 1.0);
            rsq = v1 * v1 + v2 * v2;
        } while (rsq == 0.0f || rsq >= 1.0);
        float fac = (float) Math.sqrt(-2.0 * Libm.log(rsq) / rsq);
        gset = v1 * fac;
        iset = true;
        return v2 * fac;
    }

    /** ln Gamma(xx) by Lanczos' series (upstream {@code gammln}, io-rng.md 6), evaluated in double. */
    public static float gammln(float xx) {
        double x = xx;
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Libm.log(tmp);
        double ser = 1.000000000190015;
        for (int j = 0; j <= 5; ++j) {
            ser += COF[j] / ++y;
        }
        return (float) (-tmp + Libm.log(2.5066282746310005 * ser / x));
    }
}
