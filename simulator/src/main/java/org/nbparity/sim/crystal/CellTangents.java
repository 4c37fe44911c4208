package org.nbparity.sim.crystal;

import org.nbparity.sim.clib.Libm;
import org.nbparity.sim.geometry.Dual;

/**
 * Tangents of the crystal's vectors (the kernel's a0, b0, c0 and a*, b*, c*) with respect to one
 * cell edge or misset angle (issue 18): setup.md S15, S17 and S19 re-run on {@link Dual} numbers,
 * in the order and with the operations of {@link CellSetup#fromCell}, {@link Orientation#apply}
 * and {@link CellSetup#derive}, so the value parts are those of the run's own setup (checked by
 * {@code CellTangentsTest}). Only the arithmetic is repeated, not the printout or the clamps
 * (a clamped sine or cosine has tangent 0 in upstream's map too, up to the measure-zero edge).
 */
public final class CellTangents {
    private CellTangents() {
    }

    /** Which input is seeded with tangent 1 (unit: Angstrom for edges, rad for angles). */
    public enum Seed { CELL_A, CELL_B, CELL_C, MISSET_X, MISSET_Y, MISSET_Z }

    /**
     * The crystal vectors as values and tangents.
     *
     * @param a0    real-space a (m)
     * @param b0    real-space b (m)
     * @param c0    real-space c (m)
     * @param aStar reciprocal a* (1/Angstrom), as the kernel reads it
     * @param bStar reciprocal b*
     * @param cStar reciprocal c*
     */
    public record Vectors(Dual[] a0, Dual[] b0, Dual[] c0, Dual[] aStar, Dual[] bStar, Dual[] cStar) {
    }

    /**
     * Runs the chain with one seed.
     *
     * @param cell      the S15/S16 input
     * @param matBasis  the -mat reciprocal basis (S16, 1/Angstrom) or null with a -cell only
     * @param missetRad the misset angles (rad) that S18 applied, or null when none was
     * @param seed      the input whose tangent is 1
     */
    public static Vectors of(CellSetup.Input cell, CellSetup.Reciprocal matBasis, double[] missetRad, Seed seed) {
        // S15 (userCell path), its defaults first: b, c default to a, angles to 90 degrees
        double alpha = cell.alpha(), beta = cell.beta(), gamma = cell.gamma();
        if (alpha <= 0.0) alpha = Math.PI / 2;
        if (beta <= 0.0) beta = Math.PI / 2;
        if (gamma <= 0.0) gamma = Math.PI / 2;
        Dual a = new Dual(cell.cellA(), seed == Seed.CELL_A ? 1.0 : 0.0);
        Dual b = new Dual(cell.cellB() <= 0.0 ? cell.cellA() : cell.cellB(), seed == Seed.CELL_B ? 1.0 : 0.0);
        Dual c = new Dual(cell.cellC() <= 0.0 ? cell.cellA() : cell.cellC(), seed == Seed.CELL_C ? 1.0 : 0.0);
        Dual[] aStar;
        Dual[] bStar;
        Dual[] cStar;
        Dual vCell = Dual.of(0.0);
        if (cell.userCell()) {
            double aavg = (alpha + beta + gamma) / 2;
            double skew = Libm.sin(aavg) * Libm.sin(aavg - alpha) * Libm.sin(aavg - beta) * Libm.sin(aavg - gamma);
            if (skew < 0.0) skew = -skew;
            vCell = Dual.of(2.0).mul(a).mul(b).mul(c).mul(Math.sqrt(skew));
            Dual vStar = Dual.of(1.0).div(vCell);
            Dual aStarLen = b.mul(c).mul(Libm.sin(alpha)).mul(vStar);
            Dual bStarLen = c.mul(a).mul(Libm.sin(beta)).mul(vStar);
            Dual cStarLen = a.mul(b).mul(Libm.sin(gamma)).mul(vStar);
            Dual sinGs = c.mul(vStar).div(aStarLen).div(bStarLen);
            double cosAs = (Libm.cos(beta) * Libm.cos(gamma) - Libm.cos(alpha)) / (Libm.sin(beta) * Libm.sin(gamma));
            double cosBs = (Libm.cos(gamma) * Libm.cos(alpha) - Libm.cos(beta)) / (Libm.sin(gamma) * Libm.sin(alpha));
            double cosGs = (Libm.cos(alpha) * Libm.cos(beta) - Libm.cos(gamma)) / (Libm.sin(alpha) * Libm.sin(beta));
            if (cosAs * cosAs > 1.0) cosAs = 1.0;
            if (cosBs * cosBs > 1.0) cosBs = 1.0;
            if (cosGs * cosGs > 1.0) cosGs = 1.0;
            if (sinGs.v() > 1.0) sinGs = Dual.of(1.0);
            if (sinGs.v() < -1.0) sinGs = Dual.of(-1.0);
            aStar = new Dual[] {aStarLen, Dual.of(0.0), Dual.of(0.0)};
            bStar = new Dual[] {bStarLen.mul(cosGs), bStarLen.mul(sinGs), Dual.of(0.0)};
            cStar = new Dual[] {cStarLen.mul(cosBs),
                cStarLen.mul(Dual.of(cosAs - cosBs * cosGs)).div(sinGs),
                cStarLen.mul(vCell).div(a.mul(b).mul(c).mul(sinGs))};
        } else {
            aStar = bStar = cStar = Dual.of(new double[3]);
        }
        if (matBasis != null) {
            // S16: the A matrix replaces the basis (its -cell lengths still apply in S19, Q16)
            aStar = Dual.of(matBasis.aStar());
            bStar = Dual.of(matBasis.bStar());
            cStar = Dual.of(matBasis.cStar());
        }
        // S18
        if (missetRad != null || seed.ordinal() >= Seed.MISSET_X.ordinal()) {
            double[] m = missetRad == null ? new double[3] : missetRad;
            Dual x = new Dual(m[0], seed == Seed.MISSET_X ? 1.0 : 0.0);
            Dual y = new Dual(m[1], seed == Seed.MISSET_Y ? 1.0 : 0.0);
            Dual z = new Dual(m[2], seed == Seed.MISSET_Z ? 1.0 : 0.0);
            aStar = Dual.rotate(aStar, x, y, z);
            bStar = Dual.rotate(bStar, x, y, z);
            cStar = Dual.rotate(cStar, x, y, z);
        }
        return derive(cell.userCell(), a, b, c, vCell, aStar, bStar, cStar);
    }

    /** S19 as {@link CellSetup#derive} computes it. */
    private static Vectors derive(boolean userCell, Dual cellA, Dual cellB, Dual cellC, Dual vCellIn,
                                  Dual[] aStar, Dual[] bStar, Dual[] cStar) {
        Dual[] aXb = Dual.cross(aStar, bStar);
        Dual[] bXc = Dual.cross(bStar, cStar);
        Dual[] cXa = Dual.cross(cStar, aStar);
        Dual vStar = Dual.dot(aStar, bXc);
        Dual vCell = vCellIn;
        if (userCell) {
            bXc = Dual.rescale(bXc, cellA.div(vCell));
            cXa = Dual.rescale(cXa, cellB.div(vCell));
            aXb = Dual.rescale(aXb, cellC.div(vCell));
            vStar = Dual.of(1.0).div(vCell);
        }
        vCell = Dual.of(1.0).div(vStar);
        Dual[] a = Dual.scale(bXc, vCell);
        Dual[] b = Dual.scale(cXa, vCell);
        Dual[] c = Dual.scale(aXb, vCell);
        Dual[] as = Dual.scale(Dual.cross(b, c), vStar);
        Dual[] bs = Dual.scale(Dual.cross(c, a), vStar);
        Dual[] cs = Dual.scale(Dual.cross(a, b), vStar);
        return new Vectors(Dual.scale(a, 1e-10), Dual.scale(b, 1e-10), Dual.scale(c, 1e-10), as, bs, cs);
    }
}
