package org.nbparity.sim.rng;

/**
 * Numerical Recipes {@code ran1} exactly as upstream nanoBragg implements it (io-rng.md section 2,
 * setup.md H7, upstream lines 3763-3804): Park-Miller minimal standard generator with a
 * Bays-Durham shuffle.
 *
 * <p>Upstream keeps the shuffle table ({@code iy}, {@code iv}) in function-static storage, so
 * <em>every</em> random stream of a run (random misset, mosaic domains, noise) shares one table
 * (quirk setup Q15 / render Q39). This class is that table: create exactly one per simulated run
 * and pass it to every consumer. The per-stream seed ({@code idum}) lives in a {@link Seed}
 * owned by the caller, as upstream passes {@code &seed}.
 *
 * <p>Not thread safe; upstream draws only in serial code.
 */
public final class Ran1 {
    private static final long IA = 16807;
    private static final long IM = 2147483647;
    private static final double AM = 1.0 / IM;
    private static final long IQ = 127773;
    private static final long IR = 2836;
    private static final int NTAB = 32;
    private static final long NDIV = 1 + (IM - 1) / NTAB;
    /** RNMX = 1.0 - EPS with EPS = 1.2e-7, as a double; compared after the float rounding. */
    private static final double RNMX = 1.0 - 1.2e-7;

    private long iy = 0;
    private final long[] iv = new long[NTAB];

    /** A stream's seed variable ({@code long idum} in upstream), updated by every draw. */
    public static final class Seed {
        private long value;

        public Seed(long value) {
            this.value = value;
        }

        public long value() {
            return value;
        }

        public void set(long value) {
            this.value = value;
        }
    }

    /**
     * One draw, returning upstream's {@code float}.
     *
     * @param idum the stream's seed; re-seeds the shared table when {@code idum <= 0} or the
     *             table was never used (a positive seed continues the shared table: quirk Q39)
     */
    public float next(Seed idum) {
        long k;
        if (idum.value <= 0 || iy == 0) {
            if (-idum.value < 1) {
                idum.value = 1;
            } else {
                idum.value = -idum.value;
            }
            for (int j = NTAB + 7; j >= 0; j--) {
                k = idum.value / IQ;
                idum.value = IA * (idum.value - k * IQ) - IR * k;
                if (idum.value < 0) {
                    idum.value += IM;
                }
                if (j < NTAB) {
                    iv[j] = idum.value;
                }
            }
            iy = iv[0];
        }
        k = idum.value / IQ;
        idum.value = IA * (idum.value - k * IQ) - IR * k;
        if (idum.value < 0) {
            idum.value += IM;
        }
        int j = (int) (iy / NDIV);
        iy = iv[j];
        iv[j] = idum.value;
        float temp = (float) (AM * iy);
        if (temp > RNMX) {
            return (float) RNMX;
        }
        return temp;
    }
}
