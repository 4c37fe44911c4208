package org.nbparity.sim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.config.DerivParam;
import org.nbparity.sim.render.DerivativeRenderer;
import org.nbparity.sim.render.DerivativeResult;
import org.nbparity.sim.setup.DerivativeSetup;
import org.nbparity.sim.setup.ParamTangent;
import org.nbparity.sim.setup.SetupBuilder;

/**
 * {@code nanobragg-refine} (issue 18 item 5): recovers model parameters from a target image by
 * least squares, Levenberg-Marquardt from Commons Math with the Jacobian from the derivative
 * images. The model is the simulator run with the given command line, the refined parameters
 * rewritten in it (as {@link GradCheck} does); residuals are model − target over every pixel,
 * the model in double, the target a float32 {@code -floatfile} image. Each model evaluation
 * prints one line on stdout (evaluation, RMS residual, the parameters); the end prints the
 * iterations and the recovered values.
 *
 * <pre>
 * nanobragg-refine -target IMAGE.bin -refine misset_x,misset_y,cell_a,distance [-max_evaluations N] NANOBRAGG-FLAGS...
 * </pre>
 *
 * Parameters: misset_x, misset_y, misset_z (deg), cell_a, cell_b, cell_c (Angstrom), distance
 * (mm), default_F. Exit codes as nanobragg: 0 converged, 2 bad command line or input, 3 I/O
 * error; 1 when the optimizer stops without converging.
 */
public final class Refine {
    private Refine() {
    }

    /** The outcome of a refinement. */
    public record Result(List<DerivParam> params, double[] start, double[] recovered, int iterations,
                         int evaluations, double rms) {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        System.exit(run(args, out, System.err, Path.of("").toAbsolutePath()));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Path cwd) {
        try {
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            String target = take(rest, "-target");
            String params = take(rest, "-refine");
            String maxEval = take(rest, "-max_evaluations");
            if (target == null) {
                throw new UsageException("-target: needs the target image (float32, -floatfile layout)");
            }
            if (params == null) {
                throw new UsageException("-refine: needs the parameters to refine, e.g. misset_x,cell_a,distance");
            }
            List<DerivParam> ps = DerivParam.parseList(params);
            for (DerivParam p : ps) {
                if (p == DerivParam.N || p == DerivParam.FLUENCE) {
                    throw new UsageException("-refine: " + p.label() + " cannot be refined here (it is not moved through "
                            + "the command line); refine misset_*, cell_*, distance or default_F");
                }
            }
            int max = maxEval == null ? 100 : Integer.parseInt(maxEval);
            Result r = refine(rest, ps, cwd.resolve(target), max, out, cwd);
            out.print(String.format(Locale.ROOT, "converged after %d iterations, %d evaluations, rms residual %.6e%n",
                    r.iterations(), r.evaluations(), r.rms()));
            for (int i = 0; i < ps.size(); i++) {
                out.print(String.format(Locale.ROOT, "recovered %s = %.10g %s (start %.10g)%n", ps.get(i).label(),
                        r.recovered()[i], ps.get(i).unit(), r.start()[i]));
            }
            return 0;
        } catch (NumberFormatException e) {
            err.print("nanobragg-refine: error: -max_evaluations: not a count: " + e.getMessage() + "\n");
            return Main.EXIT_USAGE;
        } catch (UsageException e) {
            err.print("nanobragg-refine: error: " + e.getMessage() + "\n");
            return Main.EXIT_USAGE;
        } catch (UncheckedIOException e) {
            err.print("nanobragg-refine: I/O error: " + e.getMessage() + "\n");
            return Main.EXIT_IO;
        } catch (TooManyEvaluationsException | TooManyIterationsException e) {
            err.print("nanobragg-refine: no convergence: " + e.getMessage() + "\n");
            return 1;
        }
    }

    /**
     * Refines {@code params} of the run {@code argv} (its values are the start) against {@code target}.
     *
     * @param out one line per model evaluation
     * @param cwd the run directory (the command line's input files resolve here)
     */
    public static Result refine(List<String> argv, List<DerivParam> params, Path target, int maxEvaluations,
                                PrintStream out, Path cwd) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        int np = params.size();
        Prepared atStart = prepare(argv, params, null, sink, cwd);
        double[] start = new double[np];
        for (int p = 0; p < np; p++) {
            start[p] = atStart.tangents.get(p).value();
        }
        float[] tgt = readTarget(target, atStart.prep.setup().detector().fpixels() * atStart.prep.setup().detector().spixels());
        double[] observed = new double[tgt.length];
        for (int i = 0; i < tgt.length; i++) {
            observed[i] = tgt[i];
        }
        int[] count = {0};
        MultivariateJacobianFunction model = point -> {
            Prepared m = prepare(argv, params, point.toArray(), sink, cwd);
            DerivativeResult e = DerivativeRenderer.render(m.prep.setup(), m.tangents, 1.0, sink);
            double[] v = e.value();
            double[][] jac = new double[v.length][np];
            double ss = 0.0;
            for (int i = 0; i < v.length; i++) {
                for (int p = 0; p < np; p++) {
                    jac[i][p] = e.images()[p][i];
                }
                ss += (v[i] - observed[i]) * (v[i] - observed[i]);
            }
            count[0]++;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "evaluation %d: rms residual %.6e",
                    count[0], Math.sqrt(ss / v.length)));
            for (int p = 0; p < np; p++) {
                line.append(String.format(Locale.ROOT, "  %s %.10g", params.get(p).label(), point.getEntry(p)));
            }
            out.print(line.append('\n'));
            out.flush();
            return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(new ArrayRealVector(v, false),
                    new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-14)
                .withParameterRelativeTolerance(1e-12)
                .optimize(new LeastSquaresBuilder()
                        .start(start)
                        .model(model)
                        .target(observed)
                        .maxEvaluations(maxEvaluations)
                        .maxIterations(maxEvaluations)
                        .lazyEvaluation(false)
                        .build());
        double[] rec = opt.getPoint().toArray();
        return new Result(List.copyOf(params), start, rec, opt.getIterations(), opt.getEvaluations(), opt.getRMS());
    }

    private record Prepared(org.nbparity.sim.setup.Prepared prep, List<ParamTangent> tangents) {
    }

    /** Setup and tangents of the run at the parameter values (null: as typed). */
    private static Prepared prepare(List<String> argv, List<DerivParam> params, double[] at, PrintStream sink,
                                    Path cwd) {
        List<String> a = new ArrayList<>(argv);
        if (at != null) {
            for (int p = 0; p < params.size(); p++) {
                a = new ArrayList<>(Arrays.asList(GradCheck.rewrite(a, params.get(p), at[p])));
            }
        }
        List<String> labels = params.stream().map(DerivParam::label).toList();
        a.addAll(List.of("-deriv", String.join(",", labels), "-derivfile", "refine"));
        Config c = ArgParser.parse(a.toArray(new String[0]), -1, sink, sink, cwd);
        org.nbparity.sim.setup.Prepared prep = SetupBuilder.build(c, sink, cwd);
        return new Prepared(prep, DerivativeSetup.build(c, prep, cwd));
    }

    private static float[] readTarget(Path file, int pixels) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw UsageException.unreadable("-target", file.toString(), e);
        }
        if (b.length != 4 * pixels) {
            throw new UsageException("-target: " + file + " has " + b.length + " bytes, the run's image "
                    + 4L * pixels + " (float32, " + pixels + " pixels)");
        }
        float[] f = new float[pixels];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    /** Removes {@code flag VALUE} from args and returns VALUE (null when absent). */
    private static String take(List<String> args, String flag) {
        int i = args.indexOf(flag);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(flag + ": missing value");
        }
        String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }
}
