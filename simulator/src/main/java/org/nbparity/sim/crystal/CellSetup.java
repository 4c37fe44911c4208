package org.nbparity.sim.crystal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.CNum;
import org.nbparity.sim.clib.Libm;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.geometry.Vec;

/**
 * The unit cell (setup.md S15, S16, S19): the reciprocal basis from {@code -cell} or an
 * {@code -mat} file, and, after the misset ({@link Orientation}), the real-space cell derived
 * back from it with upstream's printout.
 */
public final class CellSetup {
    private static final double RTD = Units.RTD;
    private static final double DBL_MIN = Units.DBL_MIN;

    private CellSetup() {
    }

    /**
     * What S15, S16 and S19 read of the command line.
     *
     * @param userCell true when {@code -cell} was given
     * @param cellA    a, Angstrom
     * @param cellB    b, Angstrom
     * @param cellC    c, Angstrom
     * @param alpha    alpha, rad
     * @param beta     beta, rad
     * @param gamma    gamma, rad
     * @param matFile  the {@code -mat} name as typed, or null
     * @param lambda0  the wavelength the A matrix is scaled by, m
     */
    public record Input(boolean userCell, double cellA, double cellB, double cellC, double alpha, double beta,
                        double gamma, String matFile, double lambda0) {
    }

    /**
     * The reciprocal basis before the misset.
     *
     * @param aStar a* (1/Angstrom; zero when neither -cell nor -mat gave one)
     * @param bStar b*
     * @param cStar c*
     * @param vCell the S15 cell volume (A^3), 0 without -cell; S19 reuses it with -cell
     * @param cellA a after S15 defaults (Angstrom), reused by S19 with -cell
     * @param cellB b after S15 defaults
     * @param cellC c after S15 defaults
     */
    public record Reciprocal(double[] aStar, double[] bStar, double[] cStar, double vCell,
                             double cellA, double cellB, double cellC) {
        /** The same cell parameters with another basis. */
        public Reciprocal withBasis(double[] a, double[] b, double[] c) {
            return new Reciprocal(a, b, c, vCell, cellA, cellB, cellC);
        }
    }

    /**
     * The real-space cell of S19.
     *
     * @param a               a in metres
     * @param b               b in metres
     * @param c               c in metres
     * @param aStar           a* (1/Angstrom)
     * @param bStar           b*
     * @param cStar           c*
     * @param vCell           A^3
     * @param aLengthAngstrom |a| before the metre conversion
     * @param bLengthAngstrom |b|
     * @param cLengthAngstrom |c|
     */
    public record Cell(double[] a, double[] b, double[] c, double[] aStar, double[] bStar, double[] cStar,
                       double vCell, double aLengthAngstrom, double bLengthAngstrom, double cLengthAngstrom) {
        /** |a| in metres. */
        public double aLength() {
            return Vec.magnitude(a);
        }

        /** |b| in metres. */
        public double bLength() {
            return Vec.magnitude(b);
        }

        /** |c| in metres. */
        public double cLength() {
            return Vec.magnitude(c);
        }
    }

    /** S15: the reciprocal basis of a {@code -cell}, or zeros without one. */
    public static Reciprocal fromCell(Input c, PrintStream out) {
        double cellA = c.cellA(), cellB = c.cellB(), cellC = c.cellC();
        double alpha = c.alpha(), beta = c.beta(), gamma = c.gamma();
        double vCell = 0;
        double[] aStar = new double[3], bStar = new double[3], cStar = new double[3];
        if (!c.userCell()) {
            return new Reciprocal(aStar, bStar, cStar, vCell, cellA, cellB, cellC);
        }
        if (cellB <= 0.0) cellB = cellA;
        if (cellC <= 0.0) cellC = cellA;
        if (alpha <= 0.0) alpha = Math.PI / 2;
        if (beta <= 0.0) beta = Math.PI / 2;
        if (gamma <= 0.0) gamma = Math.PI / 2;
        double aavg = (alpha + beta + gamma) / 2;
        double skew = Libm.sin(aavg) * Libm.sin(aavg - alpha) * Libm.sin(aavg - beta)
                * Libm.sin(aavg - gamma);
        if (skew < 0.0) skew = -skew;
        vCell = 2.0 * cellA * cellB * cellC * Math.sqrt(skew);
        if (vCell <= 0.0) {
            p(out, "WARNING: impossible unit cell volume: %g\n", vCell);
            vCell = DBL_MIN;
        }
        double vStar = 1.0 / vCell;
        double aStarLen = cellB * cellC * Libm.sin(alpha) * vStar;
        double bStarLen = cellC * cellA * Libm.sin(beta) * vStar;
        double cStarLen = cellA * cellB * Libm.sin(gamma) * vStar;
        if (aStarLen <= 0.0 || bStarLen <= 0.0 || cStarLen <= 0.0) {
            p(out, "WARNING: impossible reciprocal cell lengths: %g %g %g\n", aStarLen, bStarLen, cStarLen);
            aStarLen = Math.abs(aStarLen);
            bStarLen = Math.abs(bStarLen);
            cStarLen = Math.abs(cStarLen);
            if (aStarLen <= 0.0) aStarLen = DBL_MIN;
            if (bStarLen <= 0.0) bStarLen = DBL_MIN;
            if (cStarLen <= 0.0) cStarLen = DBL_MIN;
        }
        double[] sc = CellAngles.checked(out, "WARNING: oddball reciprocal cell angles:",
                // upstream's label typo "cos9gamma_star)" kept byte for byte
                new String[] {"sin(alpha_star) = ", "cos(alpha_star) = ", "sin(beta_star)  = ",
                    "cos(beta_star)  = ", "sin(gamma_star) = ", "cos9gamma_star) = "},
                cellA * vStar / bStarLen / cStarLen,
                cellB * vStar / aStarLen / cStarLen,
                cellC * vStar / aStarLen / bStarLen,
                (Libm.cos(beta) * Libm.cos(gamma) - Libm.cos(alpha)) / (Libm.sin(beta) * Libm.sin(gamma)),
                (Libm.cos(gamma) * Libm.cos(alpha) - Libm.cos(beta)) / (Libm.sin(gamma) * Libm.sin(alpha)),
                (Libm.cos(alpha) * Libm.cos(beta) - Libm.cos(gamma)) / (Libm.sin(alpha) * Libm.sin(beta)));
        double sinGs = sc[2], cosAs = sc[3], cosBs = sc[4], cosGs = sc[5];
        aStar = new double[] {aStarLen, 0.0, 0.0};
        bStar = new double[] {bStarLen * cosGs, bStarLen * sinGs, 0.0};
        cStar = new double[] {cStarLen * cosBs, cStarLen * (cosAs - cosBs * cosGs) / sinGs,
            cStarLen * vCell / (cellA * cellB * cellC * sinGs)};
        return new Reciprocal(aStar, bStar, cStar, vCell, cellA, cellB, cellC);
    }

    /** S16: replaces the basis with the A matrix of {@code -mat}, when given. */
    public static Reciprocal readMat(Input c, Path cwd, PrintStream out, Reciprocal r) {
        if (c.matFile() == null) {
            return r;
        }
        String text;
        try {
            text = Files.readString(cwd.resolve(c.matFile()), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // upstream carries on with undefined a* (quirk Q16); the project stops
            throw UsageException.unreadable("-mat", c.matFile(), e);
        }
        p(out, "reading %s\n", c.matFile());
        String[] tok = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (tok.length < 9) {
            throw new UsageException("-mat: " + c.matFile() + " holds fewer than 9 numbers");
        }
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            if (!CNum.isNumber(tok[i])) {
                throw new UsageException("-mat: " + c.matFile() + ": not a number: '" + tok[i] + "'");
            }
            m[i] = CNum.atof(tok[i]);
            if (!Double.isFinite(m[i])) {
                throw new UsageException("-mat: " + c.matFile() + ": not a finite number: '" + tok[i] + "'");
            }
        }
        // columns of the A matrix are a*, b*, c* (in 1/lambda units)
        double s = 1e-10 / c.lambda0();
        return r.withBasis(Vec.scale(new double[] {m[0], m[3], m[6]}, s),
                Vec.scale(new double[] {m[1], m[4], m[7]}, s),
                Vec.scale(new double[] {m[2], m[5], m[8]}, s));
    }

    /** S19: the real-space cell from the (misset) reciprocal basis, printed as upstream does. */
    public static Cell derive(Input c, Reciprocal r, PrintStream out) {
        double[] aStar = r.aStar(), bStar = r.bStar(), cStar = r.cStar();
        double vCell = r.vCell();
        double[] aXb = Vec.cross(aStar, bStar);
        double[] bXc = Vec.cross(bStar, cStar);
        double[] cXa = Vec.cross(cStar, aStar);
        double vStar = Vec.dot(aStar, bXc);
        if (c.userCell()) {
            // -cell lengths forced onto the directions (also with -mat, quirk Q16); V inverted twice (Q17)
            bXc = Vec.rescale(bXc, r.cellA() / vCell);
            cXa = Vec.rescale(cXa, r.cellB() / vCell);
            aXb = Vec.rescale(aXb, r.cellC() / vCell);
            vStar = 1.0 / vCell;
        }
        vCell = 1.0 / vStar;
        double[] a = Vec.scale(bXc, vCell);
        double[] b = Vec.scale(cXa, vCell);
        double[] cc = Vec.scale(aXb, vCell);
        double aLen = Vec.magnitude(a), bLen = Vec.magnitude(b), cLen = Vec.magnitude(cc);
        aStar = Vec.scale(Vec.cross(b, cc), vStar);
        bStar = Vec.scale(Vec.cross(cc, a), vStar);
        cStar = Vec.scale(Vec.cross(a, b), vStar);
        double aStarLen = Vec.magnitude(aStar);
        double bStarLen = Vec.magnitude(bStar);
        double cStarLen = Vec.magnitude(cStar);
        double[] rs = CellAngles.checked(out, "WARNING: oddball cell angles:",
                new String[] {"sin_alpha = ", "cos_alpha = ", "sin_beta  = ", "cos_beta  = ",
                    "sin_gamma = ", "cos_gamma = "},
                aStarLen * vCell / bLen / cLen,
                bStarLen * vCell / aLen / cLen,
                cStarLen * vCell / aLen / bLen,
                Vec.dot(b, cc) / bLen / cLen,
                Vec.dot(a, cc) / aLen / cLen,
                Vec.dot(a, b) / aLen / bLen);
        double alpha = Libm.atan2Printed(rs[0], rs[3], RTD);
        double beta = Libm.atan2Printed(rs[1], rs[4], RTD);
        double gamma = Libm.atan2Printed(rs[2], rs[5], RTD);
        double[] ks = CellAngles.checked(out, "WARNING: oddball reciprocal cell angles:",
                new String[] {"sin(alpha_star) = ", "cos(alpha_star) = ", "sin(beta_star)  = ",
                    "cos(beta_star)  = ", "sin(gamma_star) = ", "cos(gamma_star) = "},
                aLen * vStar / bStarLen / cStarLen,
                bLen * vStar / aStarLen / cStarLen,
                cLen * vStar / aStarLen / bStarLen,
                Vec.dot(bStar, cStar) / bStarLen / cStarLen,
                Vec.dot(aStar, cStar) / aStarLen / cStarLen,
                Vec.dot(aStar, bStar) / aStarLen / bStarLen);
        double alphaStar = Libm.atan2Printed(ks[0], ks[3], RTD);
        double betaStar = Libm.atan2Printed(ks[1], ks[4], RTD);
        double gammaStar = Libm.atan2Printed(ks[2], ks[5], RTD);
        p(out, "Unit Cell: %g %g %g %g %g %g\n", aLen, bLen, cLen, alpha * RTD, beta * RTD, gamma * RTD);
        p(out, "Recp Cell: %g %g %g %g %g %g\n", aStarLen, bStarLen, cStarLen,
                alphaStar * RTD, betaStar * RTD, gammaStar * RTD);
        p(out, "volume = %g A^3\n", vCell);
        p(out, "real-space cell vectors (Angstrom):\n");
        p(out, "     %-10s  %-10s  %-10s\n", "a", "b", "c");
        p(out, "X: %11.8f %11.8f %11.8f\n", a[0], b[0], cc[0]);
        p(out, "Y: %11.8f %11.8f %11.8f\n", a[1], b[1], cc[1]);
        p(out, "Z: %11.8f %11.8f %11.8f\n", a[2], b[2], cc[2]);
        p(out, "reciprocal-space cell vectors (Angstrom^-1):\n");
        p(out, "     %-10s  %-10s  %-10s\n", "a_star", "b_star", "c_star");
        p(out, "X: %11.8f %11.8f %11.8f\n", aStar[0], bStar[0], cStar[0]);
        p(out, "Y: %11.8f %11.8f %11.8f\n", aStar[1], bStar[1], cStar[1]);
        p(out, "Z: %11.8f %11.8f %11.8f\n", aStar[2], bStar[2], cStar[2]);
        return new Cell(Vec.scale(a, 1e-10), Vec.scale(b, 1e-10), Vec.scale(cc, 1e-10),
                aStar, bStar, cStar, vCell, aLen, bLen, cLen);
    }

    private static void p(PrintStream out, String fmt, Object... args) {
        out.print(CFormat.sprintf(fmt, args));
    }
}
