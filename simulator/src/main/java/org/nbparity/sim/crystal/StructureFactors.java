package org.nbparity.sim.crystal;

/**
 * Structure-factor table (setup.md S23). Values are stored in one flat array indexed
 * {@code ((h - hMin) * kRange + (k - kMin)) * lRange + (l - lMin)}.
 *
 * @param f        the grid; cells not in the file hold defaultF (padding planes after an
 *                 Fdump read hold 0, quirk Q20)
 * @param hMin     smallest h
 * @param hMax     largest h
 * @param kMin     smallest k
 * @param kMax     largest k
 * @param lMin     smallest l
 * @param lMax     largest l
 * @param hRange   hMax - hMin + 1
 * @param kRange   kMax - kMin + 1
 * @param lRange   lMax - lMin + 1
 * @param hkls     number of reflections read (0: no table, every F is defaultF)
 * @param defaultF {@code -default_F}
 * @param lastReadF the last F read from the text file (upstream's stale F_cell before any
 *                 evaluation, render.md 4.26), or 0
 */
public record StructureFactors(double[] f, int hMin, int hMax, int kMin, int kMax, int lMin, int lMax,
                               int hRange, int kRange, int lRange, long hkls, double defaultF,
                               double lastReadF) {
    /** F at integer (h, k, l); the caller has checked the bounds. */
    public double at(int h, int k, int l) {
        return f[((h - hMin) * kRange + (k - kMin)) * lRange + (l - lMin)];
    }
}
