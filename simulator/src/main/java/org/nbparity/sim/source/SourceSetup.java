package org.nbparity.sim.source;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.geometry.Vec;
import org.nbparity.sim.io.TextTable;

/**
 * The X-ray sources (setup.md S26): read from {@code -sourcefile}, or spread over the divergence
 * grid and the dispersion steps, then unitized and listed as upstream prints them.
 *
 * @param sources  the sources for the kernel
 * @param divsteps divergence points kept after the elliptical trim (-1 with a source file)
 */
public record SourceSetup(Sources sources, int divsteps) {

    /**
     * What S26 reads of the command line.
     *
     * @param sourceFile   the {@code -sourcefile} name as typed, or null
     * @param lambda0      the central wavelength, m
     * @param roundDiv     true for {@code -round_div} (the default), false for {@code -square_div}
     * @param polarization the Kahn factor
     * @param nopolar      true for {@code -nopolar}
     */
    public record Input(String sourceFile, double lambda0, boolean roundDiv, double polarization, boolean nopolar) {
    }
    /** source_distance (upstream line 201); no flag sets it. */
    private static final double SOURCE_DISTANCE = 10.0;

    /**
     * Runs S26.
     *
     * @param beam  unit incident beam (S7)
     * @param polar unit polarization vector (S7)
     * @param vert  unit(beam x polar) (S7)
     */
    public static SourceSetup build(Input c, Path cwd, PrintStream out, double[] beam, double[] polar,
                                    double[] vert, StepRange hdiv, StepRange vdiv, StepRange disp) {
        double[] sx, sy, sz, sI, sL;
        int divsteps = -1;
        int sources = 0;
        if (c.sourceFile() != null) {
            double[][] tab;
            try {
                tab = TextTable.read(cwd.resolve(c.sourceFile()), 5, "-sourcefile: " + c.sourceFile());
            } catch (IOException e) {
                throw UsageException.unreadable("-sourcefile", c.sourceFile(), e);
            }
            sources = tab[0].length;
            if (sources == 0) {
                throw new UsageException("-sourcefile: no sources in " + c.sourceFile());
            }
            sx = tab[0]; sy = tab[1]; sz = tab[2]; sI = tab[3]; sL = tab[4];
            for (int s = 0; s < sources; s++) {
                if (Double.isNaN(sx[s])) sx[s] = -SOURCE_DISTANCE * beam[0];
                if (Double.isNaN(sy[s])) sy[s] = -SOURCE_DISTANCE * beam[1];
                if (Double.isNaN(sz[s])) sz[s] = -SOURCE_DISTANCE * beam[2];
                if (Double.isNaN(sI[s])) sI[s] = 1.0;
                // the lambda column is used, in metres (quirk Q23)
                if (Double.isNaN(sL[s])) sL[s] = c.lambda0();
            }
        } else {
            List<double[]> kept = keptDivergence(c.roundDiv(), hdiv, vdiv);
            divsteps = 0;
            for (double[] hv : kept) {
                ++divsteps;
                p(out, "divergence deviation: %g %g\n", hv[0], hv[1]);
            }
            for (int dt = 0; dt < disp.steps(); dt++) {
                p(out, "lambda%d = %.15g\n", dt, lambda(c.lambda0(), disp, dt));
            }
            int n = divsteps * disp.steps();
            sx = new double[n]; sy = new double[n]; sz = new double[n]; sI = new double[n]; sL = new double[n];
            double weight = 1.0 / n;
            for (double[] hv : kept) {
                // sources sit at -10 m along the propagation direction: incident = -source (Q29)
                double[] w = {-SOURCE_DISTANCE * beam[0], -SOURCE_DISTANCE * beam[1], -SOURCE_DISTANCE * beam[2]};
                double[] w1 = Vec.rotateAxis(w, polar, hv[1]);
                double[] w2 = Vec.rotateAxis(w1, vert, hv[0]);
                for (int dt = 0; dt < disp.steps(); dt++) {
                    sx[sources] = w2[0];
                    sy[sources] = w2[1];
                    sz[sources] = w2[2];
                    sI[sources] = weight;
                    sL[sources] = lambda(c.lambda0(), disp, dt);
                    ++sources;
                }
            }
        }
        p(out, "  created a total of %d sources:\n", sources);
        for (int s = 0; s < sources; s++) {
            double[] v = {sx[s], sy[s], sz[s]};
            double x0 = v[0], y0 = v[1], z0 = v[2];
            Vec.unitize(v);
            sx[s] = v[0];
            sy[s] = v[1];
            sz[s] = v[2];
            p(out, "%g %g %g   %g %g\n", x0, y0, z0, sI[s], sL[s]);
        }
        return new SourceSetup(new Sources(sx, sy, sz, sL, sI, c.lambda0(), beam, polar, c.polarization(), c.nopolar()),
                divsteps);
    }

    private static double lambda(double lambda0, StepRange disp, int dt) {
        return lambda0 * (1.0 + disp.step() * dt - disp.range() / 2.0);
    }

    /** The (hdiv, vdiv) grid points in upstream's loop order, less those the -round_div trim drops. */
    private static List<double[]> keptDivergence(boolean roundDiv, StepRange h, StepRange v) {
        List<double[]> kept = new ArrayList<>();
        for (int ht = 0; ht < h.steps(); ht++) {
            for (int vt = 0; vt < v.steps(); vt++) {
                double hdiv = h.step() * ht - h.range() / 2.0;
                double vdiv = v.step() * vt - v.range() / 2.0;
                if (roundDiv && trimmed(hdiv, vdiv, h, v)) continue;
                kept.add(new double[] {hdiv, vdiv});
            }
        }
        return kept;
    }

    /** The elliptical trim test (NaN when a range is 0, so nothing is trimmed: quirk Q22). */
    private static boolean trimmed(double hdiv, double vdiv, StepRange h, StepRange v) {
        double test = (hdiv * hdiv - h.step() * h.step() / 4.0 * (1 - h.steps() % 2)) / h.range() / h.range();
        test += (vdiv * vdiv - v.step() * v.step() / 4.0 * (1 - v.steps() % 2)) / v.range() / v.range();
        return test * 4.0 > 1.1;
    }

    private static void p(PrintStream out, String fmt, Object... args) {
        out.print(CFormat.sprintf(fmt, args));
    }
}
