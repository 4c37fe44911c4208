package org.nbparity.sim.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.config.DerivParam;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.render.DerivativeRenderer;
import org.nbparity.sim.render.DerivativeResult;
import org.nbparity.sim.setup.DerivativeSetup;
import org.nbparity.sim.setup.ParamTangent;
import org.nbparity.sim.setup.Prepared;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.setup.SetupBuilder;

/**
 * The gradcheck ladder of issue 18: the derivative image of one parameter against central
 * differences (V(p+h) − V(p−h))/2h of the forward value in double (the accumulator before the
 * binary32 store), for a ladder of steps h. The perturbed runs go through the whole command
 * line, parser and setup (the parameter's value rewritten in argv), so the setup chain's
 * tangents are checked as well as the kernel's; N and the fluence, which argv cannot move
 * continuously (-N is an integer, -flux overrides -fluence), are moved in the Setup itself.
 * Errors are taken on the Bragg pixels (forward value at least {@code braggFraction} of the
 * image maximum): ||CD − D||₂ / ||D||₂.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** One rung: step h (in the parameter's unit) and the relative error of the central difference. */
    public record Rung(double h, double relError) {
    }

    /**
     * The ladder of one parameter.
     *
     * @param param        the parameter
     * @param value        its value in the run
     * @param rungs        one per step, in the order given
     * @param braggPixels  pixels the errors are taken on
     * @param derivNorm    ||D||₂ on them (photons per unit)
     * @param slope        least-squares slope of log(error) against log(h) ({@link #fit})
     * @param r            correlation coefficient of that fit
     * @param bestRelError the smallest error of the ladder
     * @param fitted       rungs the fit went through ({@link #fit})
     */
    public record Ladder(DerivParam param, double value, List<Rung> rungs, int braggPixels, double derivNorm,
                         double slope, double r, double bestRelError, int fitted) {
    }

    /**
     * Runs the ladder.
     *
     * @param argv          the run's command line (no {@code -deriv}); output flags are ignored
     * @param param         the parameter
     * @param steps         the steps h, in the parameter's unit
     * @param braggFraction Bragg pixels: value >= this fraction of the maximum
     * @param cwd           run directory (inputs resolve here; nothing is written)
     * @param progress      one line per rung (stderr), or null
     */
    public static Ladder ladder(List<String> argv, DerivParam param, double[] steps, double braggFraction,
                                Path cwd, PrintStream progress) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        List<String> withDeriv = new ArrayList<>(argv);
        withDeriv.addAll(List.of("-deriv", param.label(), "-derivfile", "gradcheck"));
        Config c = ArgParser.parse(withDeriv.toArray(new String[0]), -1, sink, sink, cwd);
        Prepared prep = SetupBuilder.build(c, sink, cwd);
        List<ParamTangent> t = DerivativeSetup.build(c, prep, cwd);
        DerivativeResult base = DerivativeRenderer.render(prep.setup(), t, 1.0, sink);
        double[] v0 = base.value();
        double[] d = base.images()[0];
        double max = 0.0;
        for (double v : v0) {
            max = Math.max(max, v);
        }
        List<Integer> bragg = new ArrayList<>();
        double norm = 0.0;
        for (int i = 0; i < v0.length; i++) {
            if (v0[i] > 0.0 && v0[i] >= braggFraction * max) {
                bragg.add(i);
                norm += d[i] * d[i];
            }
        }
        norm = Math.sqrt(norm);
        List<Rung> rungs = new ArrayList<>();
        double value = t.get(0).value();
        for (double h : steps) {
            double[] plus = forward(argv, param, value, h, prep.setup(), cwd);
            double[] minus = forward(argv, param, value, -h, prep.setup(), cwd);
            double err = 0.0;
            for (int i : bragg) {
                double cd = (plus[i] - minus[i]) / (2 * h);
                err += (cd - d[i]) * (cd - d[i]);
            }
            double rel = Math.sqrt(err) / norm;
            rungs.add(new Rung(h, rel));
            if (progress != null) {
                progress.print(String.format(Locale.ROOT, "gradcheck %s: h = %.3g, relative error %.3e%n",
                        param.label(), h, rel));
                progress.flush();
            }
        }
        Fit f = fit(rungs);
        return new Ladder(param, value, rungs, bragg.size(), norm, f.slope(), f.r(), f.best(), f.fitted());
    }

    /**
     * The least-squares line through (log h, log error) of a ladder's truncation regime.
     *
     * @param slope  its slope (2 while the truncation error of the central difference dominates)
     * @param r      the correlation coefficient
     * @param best   the smallest error
     * @param fitted how many rungs the line goes through
     */
    public record Fit(double slope, double r, double best, int fitted) {
    }

    /**
     * {@link Fit} of the rungs: taken by decreasing step, the line goes through the rungs from the
     * largest step down to the one with the smallest error (below it rounding, which grows as
     * 1/h, takes over from the h² truncation error), all of them when that leaves fewer than
     * three. A zero error gives a non-finite fit.
     */
    public static Fit fit(List<Rung> rungs) {
        List<Rung> byStep = new ArrayList<>(rungs);
        byStep.sort((a, b) -> Double.compare(b.h(), a.h()));
        int last = 0;
        for (int i = 1; i < byStep.size(); i++) {
            if (byStep.get(i).relError() < byStep.get(last).relError()) {
                last = i;
            }
        }
        List<Rung> used = last + 1 >= 3 ? byStep.subList(0, last + 1) : byStep;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = used.size();
        for (Rung rg : used) {
            double x = Math.log(rg.h());
            double y = Math.log(rg.relError());
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double cov = sxy - sx * sy / n;
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        return new Fit(cov / vx, cov / Math.sqrt(vx * vy), byStep.get(last).relError(), n);
    }

    /** The forward value (double) with the parameter moved by h. */
    private static double[] forward(List<String> argv, DerivParam p, double value, double h, Setup base, Path cwd) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Setup s;
        if (p == DerivParam.N || p == DerivParam.FLUENCE) {
            s = moved(base, p, h);
        } else {
            String[] args = rewrite(argv, p, value + h);
            s = SetupBuilder.build(ArgParser.parse(args, -1, sink, sink, cwd), sink, cwd).setup();
        }
        return DerivativeRenderer.render(s, List.of(), 1.0, sink).value();
    }

    /** The Setup with N (all three) or the fluence (and the water background it scales) moved by h. */
    private static Setup moved(Setup s, DerivParam p, double h) {
        if (p == DerivParam.FLUENCE) {
            double f = s.fluence() + h;
            return new Setup(s.mode(), s.detector(), s.sampling(), s.sources(), s.crystal(), s.structureFactors(),
                    s.interpolate(), s.dmin(), f, s.rESqr(), s.waterSize(), s.iBg() / s.fluence() * f, s.steps(),
                    s.render());
        }
        Crystal c = s.crystal();
        Crystal m = new Crystal(c.a0(), c.b0(), c.c0(), c.aStar(), c.bStar(), c.cStar(), c.vCell(),
                c.na() + h, c.nb() + h, c.nc() + h, c.shape(), c.fudge(), c.phi0(), c.phistep(), c.phisteps(),
                c.osc(), c.spindle(), c.mosaicSpread(), c.mosaicDomains(), c.mosaicUmats());
        return new Setup(s.mode(), s.detector(), s.sampling(), s.sources(), m, s.structureFactors(),
                s.interpolate(), s.dmin(), s.fluence(), s.rESqr(), s.waterSize(), s.iBg(), s.steps(), s.render());
    }

    /** argv with the parameter's flag value set to v (in the parameter's unit). */
    static String[] rewrite(List<String> argv, DerivParam p, double v) {
        List<String> a = new ArrayList<>(argv);
        String num = String.format(Locale.ROOT, "%.17g", v);
        switch (p) {
            case MISSET_X, MISSET_Y, MISSET_Z -> {
                int k = p.ordinal() - DerivParam.MISSET_X.ordinal();
                int i = a.indexOf("-misset");
                if (i >= 0 && a.size() > i + 1 && a.get(i + 1).equals("random")) {
                    throw new UsageException("gradcheck " + p.label() + ": -misset random cannot be moved");
                }
                if (i < 0) {
                    a.addAll(List.of("-misset", "0", "0", "0"));
                    i = a.indexOf("-misset");
                }
                a.set(i + 1 + k, num);
            }
            case CELL_A, CELL_B, CELL_C -> {
                int k = p.ordinal() - DerivParam.CELL_A.ordinal();
                int i = a.indexOf("-cell");
                if (i < 0) {
                    throw new UsageException("gradcheck " + p.label() + ": needs a -cell");
                }
                boolean six = a.size() > i + 6 && !a.get(i + 2).startsWith("-");
                if (!six) {
                    // the cubic shorthand: b and c default to a
                    String e = a.get(i + 1);
                    a.addAll(i + 2, List.of(e, e, "90", "90", "90"));
                }
                a.set(i + 1 + k, num);
            }
            case DISTANCE -> set(a, "-distance", num);
            case DEFAULT_F -> set(a, "-default_F", num);
            default -> throw new IllegalArgumentException(p.label() + " is moved in the Setup");
        }
        return a.toArray(new String[0]);
    }

    private static void set(List<String> a, String flag, String num) {
        int i = a.indexOf(flag);
        if (i < 0) {
            a.add(flag);
            a.add(num);
        } else {
            a.set(i + 1, num);
        }
    }
}
