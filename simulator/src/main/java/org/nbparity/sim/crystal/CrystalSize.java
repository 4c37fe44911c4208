package org.nbparity.sim.crystal;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.Units;

/**
 * The crystal's size in unit cells and in metres (setup.md S20), and the molecular weight
 * upstream derives from it for its printout (S22).
 *
 * @param na cells along a
 * @param nb cells along b
 * @param nc cells along c
 * @param xa size along a, m
 * @param xb size along b, m
 * @param xc size along c, m
 */
public record CrystalSize(double na, double nb, double nc, double xa, double xb, double xc) {
    /** density (g/m^3) upstream uses for the MW; it overwrites -density (quirk Q18). */
    private static final double DENSITY = 1.2e6;

    /**
     * S20: cell counts from the sample size (m, after beam clipping) when given, else -N; prints
     * the size in microns.
     */
    public static CrystalSize of(Input typed, double sampleX, double sampleY, double sampleZ,
                                 CellSetup.Cell cell, PrintStream out) {
        double aLen = cell.aLength(), bLen = cell.bLength(), cLen = cell.cLength();
        double na = typed.na(), nb = typed.nb(), nc = typed.nc();
        if (sampleX > 0) na = Math.ceil(sampleX / aLen);
        if (sampleY > 0) nb = Math.ceil(sampleY / bLen);
        if (sampleZ > 0) nc = Math.ceil(sampleZ / cLen);
        // N <= 1 becomes 1: -N 0 is not an isolated cell (quirk Q18)
        if (na <= 1.0) na = 1.0;
        if (nb <= 1.0) nb = 1.0;
        if (nc <= 1.0) nc = 1.0;
        double xa = aLen * na, xb = bLen * nb, xc = cLen * nc;
        out.print(CFormat.sprintf("crystal is %g x %g x %g microns\n", xa * 1e6, xb * 1e6, xc * 1e6));
        return new CrystalSize(na, nb, nc, xa, xb, xc);
    }

    /**
     * What S20 reads of the command line.
     *
     * @param na cells along a as typed ({@code -N}, {@code -Na}), before the size rule
     * @param nb along b
     * @param nc along c
     */
    public record Input(double na, double nb, double nc) {
    }

    /** The largest of the three dimensions, m. */
    public double xmax() {
        double xmax = xa;
        if (xmax < xb) xmax = xb;
        if (xmax < xc) xmax = xc;
        return xmax;
    }

    /** S22: the approximate molecular weight upstream prints (g/mol). */
    public double molecularWeight() {
        double volume = xa * xb * xc;
        double molecules = na * nb * nc;
        return volume * DENSITY * Units.AVOGADRO / molecules;
    }
}
