package org.nbparity.sim.setup;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.config.DerivParam;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.crystal.CellSetup;
import org.nbparity.sim.crystal.CellTangents;
import org.nbparity.sim.geometry.DistanceTangent;
import org.nbparity.sim.geometry.Dual;

/**
 * The setup side of the derivative images (issue 18): for each {@code -deriv} parameter, the
 * tangents of what the kernel reads ({@link ParamTangent}), and the refusal of the parameters
 * that have no derivative in this run (one line, exit 2, before anything is rendered).
 */
public final class DerivativeSetup {
    private DerivativeSetup() {
    }

    /**
     * @param c    the parsed command line ({@code c.deriv} not empty)
     * @param prep the run's setup
     * @param cwd  the run directory (the {@code -mat} file is read again from here)
     * @throws UsageException for a parameter this run has no derivative for
     */
    public static List<ParamTangent> build(Config c, Prepared prep, Path cwd) {
        Setup s = prep.setup();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        CellSetup.Input cellInput = StepInputs.cell(c);
        CellSetup.Reciprocal mat = c.matFile == null ? null
                : CellSetup.readMat(cellInput, cwd, quiet, CellSetup.fromCell(cellInput, quiet));
        double[] misset = prep.details().misset();
        boolean compatThreads = s.mode() == Mode.COMPAT && c.compatThreads > 1;
        List<ParamTangent> out = new ArrayList<>();
        for (DerivParam p : c.deriv) {
            String name = "-deriv " + p.label() + ": ";
            if (s.interpolate() && compatThreads) {
                throw new UsageException(name + "tricubic interpolation with -compat_threads > 1 is not supported "
                        + "(use -compat_threads 1 or -nointerpolate)");
            }
            ParamTangent t = switch (p) {
                case MISSET_X, MISSET_Y, MISSET_Z -> {
                    CellTangents.Seed seed = p == DerivParam.MISSET_X ? CellTangents.Seed.MISSET_X
                            : p == DerivParam.MISSET_Y ? CellTangents.Seed.MISSET_Y : CellTangents.Seed.MISSET_Z;
                    double deg = misset == null ? 0.0 : misset[p.ordinal() - DerivParam.MISSET_X.ordinal()] * Units.RTD;
                    // tangents per radian, the parameter in degrees
                    yield crystal(p, deg, CellTangents.of(cellInput, mat, misset, seed), 1.0 / Units.RTD);
                }
                case CELL_A, CELL_B, CELL_C -> {
                    if (!c.userCell) {
                        throw new UsageException(name + "needs a -cell (with -mat alone the cell edges are not parameters)");
                    }
                    CellTangents.Seed seed = p == DerivParam.CELL_A ? CellTangents.Seed.CELL_A
                            : p == DerivParam.CELL_B ? CellTangents.Seed.CELL_B : CellTangents.Seed.CELL_C;
                    double v = p == DerivParam.CELL_A ? c.cellA
                            : p == DerivParam.CELL_B ? (c.cellB <= 0 ? c.cellA : c.cellB)
                            : (c.cellC <= 0 ? c.cellA : c.cellC);
                    yield crystal(p, v, CellTangents.of(cellInput, mat, misset, seed), 1.0);
                }
                case N -> {
                    if (c.shape == Shape.SQUARE) {
                        throw new UsageException(name + "the square lattice factor sincg(pi*h, N) is singular in N "
                                + "at the Bragg positions (its N-derivative grows as 1/(h - h0)); use -gauss_xtal, "
                                + "-round_xtal or -tophat_spots");
                    }
                    if (c.sampleX > 0 || c.sampleY > 0 || c.sampleZ > 0) {
                        throw new UsageException(name + "the crystal size in cells is set by -xtal_size, not by -N");
                    }
                    yield base(p, s.crystal().na(), 1.0, 0.0, 0.0, 0.0);
                }
                case DISTANCE -> {
                    if (!Double.isNaN(c.closeDistance)) {
                        throw new UsageException(name + "the detector is placed by its close distance "
                                + "(-close_distance or an -img header), not by -distance");
                    }
                    DistanceTangent d = DistanceTangent.of(s.detector().report().pivot(), prep.details().ratio(),
                            c.distance, s.sources().beam(), s.detector().odet());
                    // per metre; the parameter in mm
                    double mm = 1e-3;
                    yield new ParamTangent(p, c.distance * 1000.0, zero(), zero(), zero(), zero(), zero(), zero(),
                            new double[] {d.pix0()[0] * mm, d.pix0()[1] * mm, d.pix0()[2] * mm},
                            d.distance() * mm, d.closeDistance() * mm, 0.0, 0.0, 0.0, 0.0);
                }
                case FLUENCE -> base(p, s.fluence(), 0.0, 1.0, 0.0, s.iBg() / s.fluence());
                case DEFAULT_F -> base(p, s.structureFactors().defaultF(), 0.0, 0.0, 1.0, 0.0);
            };
            out.add(t);
        }
        return out;
    }

    private static ParamTangent crystal(DerivParam p, double value, CellTangents.Vectors v, double per) {
        return new ParamTangent(p, value, t(v.a0(), per), t(v.b0(), per), t(v.c0(), per),
                t(v.aStar(), per), t(v.bStar(), per), t(v.cStar(), per), zero(), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    private static ParamTangent base(DerivParam p, double value, double n, double fluence, double defaultF, double iBg) {
        return new ParamTangent(p, value, zero(), zero(), zero(), zero(), zero(), zero(), zero(), 0.0, 0.0,
                n, fluence, defaultF, iBg);
    }

    private static double[] t(Dual[] v, double per) {
        double[] d = Dual.tangents(v);
        return new double[] {d[0] * per, d[1] * per, d[2] * per};
    }

    private static double[] zero() {
        return new double[3];
    }
}
