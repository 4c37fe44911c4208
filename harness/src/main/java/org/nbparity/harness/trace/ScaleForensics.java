package org.nbparity.harness.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scale forensics: when the image sum ratio is off, test it against ratios of run-level
 * constants of the two runs (fluence, steps, r_e^2, N, pixel size, omega, oversample, sources,
 * and their powers), factors of one run applied or omitted, and powers of ten, and name the
 * likely culprit. This is what tells a default-versus-flux-derived fluence (a ratio near 1.26e5)
 * from a physics error.
 */
public final class ScaleForensics {
    /** Powers tried for ratios of run constants, simplest first. */
    private static final double[] POWERS = {1, -1, 2, -2, 0.5, -0.5, 3, -3};
    /** Constants of one run whose accidental application or omission changes the scale. */
    private static final Set<String> SINGLE_FACTORS = Set.of("steps", "oversample", "sources", "phisteps",
            "mosaic_domains", "thicksteps", "Na", "Nb", "Nc", "Na_Nb_Nc", "omega_pixel", "pixel_size_meters",
            "r_e_sqr", "fluence", "polar", "capture_fraction");
    private static final int KEEP = 10;
    /**
     * Names whose ratio may explain a whole-image scale: run-level constants and the per-pixel
     * factors of the final scaling (render.md 4.24). Accumulated intensities are excluded: their
     * ratio follows any error and would "explain" everything.
     */
    private static final Set<String> SCALE_NAMES;

    static {
        Set<String> s = new java.util.HashSet<>(TraceDiff.RUN_LEVEL);
        s.addAll(Set.of("omega_pixel", "polar", "capture_fraction", "flux", "exposure", "beamsize"));
        SCALE_NAMES = Set.copyOf(s);
    }

    private ScaleForensics() {
    }

    /**
     * @param observedRatio sum(candidate)/sum(reference)
     * @param referenceRun  run-level scalars of the reference ({@link Trace#runScalars()}, plus any
     *                      end-block scalars such as omega_pixel the caller wants tested)
     * @param candidateRun  the same for the candidate
     * @param relTol        a hypothesis matches when |predicted/observed - 1| <= relTol
     */
    public static ScaleForensicsResult analyse(double observedRatio, Map<String, Double> referenceRun,
                                               Map<String, Double> candidateRun, double relTol) {
        boolean off = !(Math.abs(observedRatio - 1.0) <= relTol);
        List<ScaleHypothesis> hs = new ArrayList<>();
        for (Map.Entry<String, Double> e : referenceRun.entrySet()) {
            Double c = candidateRun.get(e.getKey());
            double r = e.getValue();
            if (!SCALE_NAMES.contains(e.getKey()) || c == null || !usable(r) || !usable(c) || c == r) {
                continue;
            }
            double q = c / r;
            for (double p : POWERS) {
                String name = e.getKey() + powerText(p);
                hs.add(hyp(name, "RUN_RATIO", String.format(Locale.ROOT,
                        "(candidate %s / reference %s)%s = (%.6g / %.6g)%s", e.getKey(), e.getKey(), powerText(p),
                        c, r, powerText(p)), Math.pow(q, p), observedRatio, relTol));
            }
        }
        for (Map.Entry<String, Double> e : referenceRun.entrySet()) {
            double v = e.getValue();
            if (!SINGLE_FACTORS.contains(e.getKey()) || !usable(v) || v == 1.0) {
                continue;
            }
            for (double p : new double[]{1, -1, 2, -2}) {
                hs.add(hyp(e.getKey() + powerText(p) + " (one side)", "SINGLE_FACTOR", String.format(Locale.ROOT,
                        "a factor %s%s = %.6g applied on one side only", e.getKey(), powerText(p), Math.pow(v, p)),
                        Math.pow(v, p), observedRatio, relTol));
            }
        }
        for (int k = -30; k <= 30; k++) {
            if (k != 0) {
                hs.add(hyp("10^" + k, "POWER_OF_TEN", "a unit slip by 10^" + k, Math.pow(10.0, k), observedRatio, relTol));
            }
        }
        Comparator<ScaleHypothesis> cmp = Comparator.comparing((ScaleHypothesis h) -> kindRank(h.kind()))
                .thenComparingDouble(ScaleHypothesis::relError);
        // a hypothesis is stated only when it explains the measured ratio within the tolerance;
        // one that predicts no change (a ratio of two constants equal to their printed digits)
        // explains nothing, however close the measured ratio is to 1
        List<ScaleHypothesis> top = hs.stream().filter(ScaleHypothesis::matches)
                .filter(h -> !(Math.abs(h.predictedRatio() - 1.0) <= relTol)).sorted(cmp).limit(KEEP).toList();
        ScaleHypothesis best = top.isEmpty() ? null : top.get(0);
        boolean explained = off && best != null;
        String summary;
        if (!off) {
            summary = String.format(Locale.ROOT, "sum ratio %.10g is 1 within %.1g: no scale error", observedRatio, relTol);
            top = List.of();
        } else if (explained) {
            summary = String.format(Locale.ROOT, "sum ratio %.10g matches %s = %.10g (relative error %.2g): "
                    + "likely culprit: %s", observedRatio, best.description(), best.predictedRatio(), best.relError(),
                    best.culprit());
        } else {
            summary = String.format(Locale.ROOT, "sum ratio %.10g: no run-level constant explains the ratio "
                    + "(no ratio of run-level constants, single factor or power of ten within %.1g)", observedRatio, relTol);
        }
        return new ScaleForensicsResult("nbparity-scale-forensics", 1, observedRatio, off, explained,
                explained ? best.culprit() : null, summary, top);
    }

    /**
     * Forensics for an image comparison, with the run constants of the two traces (run block and
     * end-of-pixel scaling factors); tolerance from the gates file.
     */
    public static ScaleForensicsResult analyse(org.nbparity.harness.metrics.ImageComparison image, Trace reference,
                                               Trace candidate, org.nbparity.harness.thresholds.Thresholds th) {
        return analyse(image.full().sumRatio(), reference.runScalars(), candidate.runScalars(), th.forensicsRelTol());
    }

    private static int kindRank(String kind) {
        return switch (kind) {
            case "RUN_RATIO" -> 0;
            case "SINGLE_FACTOR" -> 1;
            default -> 2;
        };
    }

    private static boolean usable(double v) {
        return Double.isFinite(v) && v != 0.0;
    }

    private static String powerText(double p) {
        if (p == 1) {
            return "";
        }
        if (p == Math.rint(p)) {
            return "^" + (long) p;
        }
        return "^" + p;
    }

    private static ScaleHypothesis hyp(String culprit, String kind, String desc, double predicted, double observed,
                                       double relTol) {
        double rel = Math.abs(predicted / observed - 1.0);
        return new ScaleHypothesis(culprit, kind, desc, predicted, rel, rel <= relTol);
    }
}
