package org.nbparity.sim.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Poisson deviates against upstream's algorithm. The expected sequences were produced outside the
 * repository by upstream's own ran1/poidev/gaussdev/gammln compiled with gcc 12.2 -O2
 * -ffp-contract=off, printed with %.9g (exact for binary32); each test is one fresh process, so the
 * function statics start as upstream's do.
 */
class PoissonTest {
    private static float[] draw(Poisson p, Ran1.Seed seed, float xm, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = p.poidev(xm, seed);
        }
        return out;
    }

    /** Direct method (mean < 12); the second mean reuses the statics left by the first. */
    @Test
    void smallMeansUseTheDirectMethod() {
        Ran1.Seed seed = new Ran1.Seed(12345 * -1L);
        Poisson p = new Poisson(new Ran1());
        assertArrayEquals(new float[] {7, 3, 1, 6, 3, 2, 2, 1, 7, 3, 3, 5, 3, 3, 3, 1},
                draw(p, seed, 3.7f, 16));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0},
                draw(p, seed, 0.25f, 16));
        assertEquals(54929650L, seed.value());
    }

    /** Rejection method (12 <= mean <= 1e6), including both ends of the regime. */
    @Test
    void mediumMeansUseTheRejectionMethod() {
        Ran1.Seed seed = new Ran1.Seed(-777);
        Poisson p = new Poisson(new Ran1());
        assertArrayEquals(new float[] {149, 168, 146, 147, 146, 130, 146, 152, 144, 152, 153, 145},
                draw(p, seed, 150.5f, 12));
        assertArrayEquals(new float[] {18, 8, 10, 12, 14, 9, 17, 14, 17, 14, 12, 15},
                draw(p, seed, 12f, 12));
        assertArrayEquals(new float[] {999569, 1001361, 1000053, 1002403, 999666, 998760, 1001106,
            1000054, 998815, 999664, 999739, 999700}, draw(p, seed, 999999.9f, 12));
        assertEquals(60719904L, seed.value());
    }

    /** Gaussian approximation (mean > 1e6): not an integer, spare deviates used in pairs. */
    @Test
    void largeMeansUseTheGaussianApproximation() {
        Ran1.Seed seed = new Ran1.Seed(-99);
        Poisson p = new Poisson(new Ran1());
        assertArrayEquals(new float[] {2499396.25f, 2500958.25f, 2498027.5f, 2499749.75f,
            2503633.25f, 2498093.5f, 2497017f, 2500676.5f, 2500488.75f, 2498591.5f, 2497552.5f,
            2501701f}, draw(p, seed, 2.5e6f, 12));
        assertArrayEquals(new float[] {999971392f, 999994048f, 1.00002093e+09f, 999988800f,
            999982912f, 999915904f, 999989504f, 1.00004749e+09f, 1.00001958e+09f, 999970112f,
            999954688f, 1.00000531e+09f}, draw(p, seed, 1e9f, 12));
        assertArrayEquals(new float[] {1000926.44f, 1002450.38f, 1000050.5f, 1000278.56f,
            1000744.38f, 999599.312f, 998987.625f, 1000001.88f, 999631.5f, 998877.312f,
            999612.188f, 1001647.19f}, draw(p, seed, 1000001f, 12));
        assertEquals(337315603L, seed.value());
    }

    /**
     * A positive seed variable (user seed -5) on a fresh table initialises with idum = 1
     * (quirk Q39), and the three regimes interleave on one stream.
     */
    @Test
    void positiveSeedAndMixedRegimes() {
        Ran1.Seed seed = new Ran1.Seed(5);
        Poisson p = new Poisson(new Ran1());
        assertArrayEquals(new float[] {3, 3, 7, 4, 4, 4}, draw(p, seed, 3.7f, 6));
        assertArrayEquals(new float[] {39, 31, 37, 27, 39, 30}, draw(p, seed, 40f, 6));
        assertArrayEquals(new float[] {2999558.5f, 2999712f, 2994326.25f, 3004260.5f,
            2999912.75f, 2998894.75f}, draw(p, seed, 3e6f, 6));
        assertEquals(578354438L, seed.value());
    }

    @Test
    void gammlnMatchesUpstream() {
        assertEquals(3.95781398f, Poisson.gammln(5.5f));
        assertEquals(5912.12842f, Poisson.gammln(1001f));
        assertEquals(18.1156693f, Poisson.gammln(12.25f));
    }
}
