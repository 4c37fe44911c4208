package org.nbparity.harness.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Markdown sections for summary.md: image metrics, integer images, determinism. */
public final class MetricsMarkdown {
    private MetricsMarkdown() {
    }

    /** "## Image metrics" section: verdict, gates with margins, per-region metrics, worst pixels. */
    public static String render(ImageComparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Image metrics: ").append(c.verdict()).append("\n\n");
        sb.append("Shape ").append(c.shape().slow()).append(" (slow) x ").append(c.shape().fast())
                .append(" (fast); gates from thresholds.json sha256 `").append(c.thresholdsSha256()).append("`\n\n");
        sb.append("| gate | region | value | op | limit | margin | pass |\n|---|---|---|---|---|---|---|\n");
        for (GateResult g : c.gates()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.9g | %s | %.9g | %.3g | %s |\n", g.gate(), g.region(),
                    g.value(), g.op(), g.limit(), g.margin(), g.pass() ? "yes" : "**no**"));
        }
        sb.append('\n');
        for (RegionMetrics r : c.regions()) {
            Window w = r.window();
            sb.append("### ").append(w.name()).append(String.format(Locale.ROOT, " (slow %d..%d, fast %d..%d, %d px)\n\n",
                    w.slowMin(), w.slowMax(), w.fastMin(), w.fastMax(), r.pixels()));
            sb.append("| metric | value |\n|---|---|\n");
            row(sb, "bitwise equal", String.format(Locale.ROOT, "%d (%.6f)", r.bitwiseEqual(), r.bitwiseEqualFraction()));
            row(sb, "max float32 ULP", r.maxUlps() == Long.MAX_VALUE ? "inf (NaN mismatch)" : Long.toString(r.maxUlps()));
            row(sb, "max abs error", fmt(r.maxAbsError()));
            row(sb, "max rel error (|ref| >= " + fmt(r.relErrorFloor()) + ")", fmt(r.maxRelError()));
            row(sb, "sum reference / candidate", fmt(r.sumReference()) + " / " + fmt(r.sumCandidate()));
            row(sb, "sum ratio, abs(ratio - 1)", fmt(r.sumRatio()) + ", " + fmt(r.absSumRatioMinus1()));
            row(sb, "Pearson correlation", fmt(r.pearson()));
            row(sb, "RMSE", fmt(r.rmse()));
            PeakMatch p = r.peaks();
            row(sb, "peaks (> " + fmt(p.threshold()) + ", radius " + p.radiusPx() + ")",
                    String.format(Locale.ROOT, "ref %d, cand %d, matched %d, unmatched %d/%d, mean offset (%.3g, %.3g)",
                            p.referencePeaks(), p.candidatePeaks(), p.matched(), p.unmatchedReference(),
                            p.unmatchedCandidate(), p.meanOffsetSlow(), p.meanOffsetFast()));
            StringBuilder h = new StringBuilder();
            for (Map.Entry<String, Long> e : r.ulpHistogram().entrySet()) {
                if (e.getValue() > 0) {
                    h.append(h.length() == 0 ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
                }
            }
            row(sb, "ULP histogram", h.toString());
            sb.append('\n');
            if (!r.worstPixels().isEmpty()) {
                sb.append("Worst pixels:\n\n");
                sb.append(pixels(r.worstPixels()));
            }
        }
        return sb.toString();
    }

    /** Section for integer image comparisons. */
    public static String renderIntegerImages(Map<String, IntegerImageComparison> byName) {
        StringBuilder sb = new StringBuilder("## Integer images\n\n| file | kind | identical | header equal | pixels differing | max abs diff |\n"
                + "|---|---|---|---|---|---|\n");
        byName.forEach((n, c) -> sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d |\n", n, c.kind(),
                c.identical() ? "yes" : "no", c.headerEqual() ? "yes" : "no", c.pixelsDiffering(), c.maxAbsDiff())));
        sb.append('\n');
        byName.forEach((n, c) -> {
            if (!c.headerDifferences().isEmpty()) {
                sb.append(n).append(" header differences: ").append(String.join("; ", c.headerDifferences())).append("\n\n");
            }
        });
        return sb.toString();
    }

    /** Section for a determinism probe. */
    public static String renderDeterminism(DeterminismResult d) {
        StringBuilder sb = new StringBuilder("## Determinism: ").append(d.deterministic() ? "bitwise identical" : "NOT identical")
                .append("\n\nBaseline: ").append(d.baseline()).append("\n\n| run | pixels differing | max ULP |\n|---|---|---|\n");
        for (DeterminismResult.Run r : d.runs()) {
            sb.append("| ").append(r.label()).append(" | ").append(r.differingPixels()).append(" | ").append(r.maxUlps()).append(" |\n");
        }
        sb.append('\n');
        for (DeterminismResult.Run r : d.runs()) {
            if (!r.firstDiffering().isEmpty()) {
                sb.append(r.label()).append(", first differing pixels:\n\n").append(pixels(r.firstDiffering()));
            }
        }
        return sb.toString();
    }

    private static String pixels(List<PixelDiff> l) {
        StringBuilder sb = new StringBuilder("| slow | fast | reference | candidate | abs diff | ULP |\n|---|---|---|---|---|---|\n");
        for (PixelDiff p : l) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %.9g | %.9g | %.3g | %s |\n", p.slow(), p.fast(), p.reference(),
                    p.candidate(), p.absDiff(), p.ulps() == Long.MAX_VALUE ? "inf" : Long.toString(p.ulps())));
        }
        return sb.append('\n').toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
