package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.Ulp;

import java.util.ArrayList;
import java.util.List;

/**
 * The image block of metrics.json and the three image gates of {@code fixtures/thresholds.json},
 * computed from a reference (C) and a candidate (Java) float32 image: fraction of bitwise-equal
 * pixels, largest float32 ULP distance, and |sum ratio - 1|. Used for the verdict and recomputed
 * by {@code verify}; the richer diagnostics (correlation, peaks, worst pixels, ROI) are the
 * analysis package's {@code ImageMetrics}, stored as {@code image_analysis}.
 *
 * @param nPixels      pixel count
 * @param bitwiseEqual pixels with identical float32 bits (+0 and -0 count as equal, being 0 ULP apart)
 * @param maxUlp       largest ULP distance (Long.MAX_VALUE when a NaN differs)
 * @param ulpHistogram counts for 0, 1, 2, 3..16, 17..1024, more
 * @param sumRef       sum of the reference (double accumulation, row-major)
 * @param sumCand      sum of the candidate
 * @param maxAbsDiff   largest |cand - ref|
 * @param worstSlow    slow index of the pixel with the largest ULP distance
 * @param worstFast    fast index of it
 */
public record ImageStats(long nPixels, long bitwiseEqual, long maxUlp, long[] ulpHistogram, double sumRef,
                         double sumCand, double maxAbsDiff, int worstSlow, int worstFast) {
    /** Fraction of bitwise-equal pixels. */
    public double bitwiseFraction() {
        return nPixels == 0 ? 0 : (double) bitwiseEqual / nPixels;
    }

    /** sumCand / sumRef (1 when both are zero). */
    public double sumRatio() {
        if (sumRef == 0 && sumCand == 0) {
            return 1.0;
        }
        return sumCand / sumRef;
    }

    /**
     * ULP distance as the bundle counts it: {@link Ulp#distance(float, float)}, except that two
     * NaNs with different bits are a difference (Long.MAX_VALUE), never a match.
     */
    private static long ulp(float a, float b) {
        if (Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b)) {
            return 0;
        }
        return Float.isNaN(a) || Float.isNaN(b) ? Long.MAX_VALUE : Ulp.distance(a, b);
    }

    /** Compares two images of the same shape. */
    public static ImageStats of(FloatImage ref, FloatImage cand) {
        if (!ref.shape().equals(cand.shape())) {
            throw new IllegalArgumentException("shapes differ");
        }
        long eq = 0;
        long maxUlp = 0;
        long[] hist = new long[6];
        double sr = 0;
        double sc = 0;
        double maxAbs = 0;
        int worst = 0;
        float[] r = ref.data();
        float[] c = cand.data();
        for (int i = 0; i < r.length; i++) {
            long u = ulp(r[i], c[i]);
            if (u == 0) {
                eq++;
            }
            hist[u == 0 ? 0 : u == 1 ? 1 : u == 2 ? 2 : u <= 16 ? 3 : u <= 1024 ? 4 : 5]++;
            if (u > maxUlp) {
                maxUlp = u;
                worst = i;
            }
            sr += r[i];
            sc += c[i];
            double d = Math.abs((double) c[i] - (double) r[i]);
            if (d > maxAbs || Double.isNaN(d)) {
                maxAbs = d;
            }
        }
        return new ImageStats(r.length, eq, maxUlp, hist, sr, sc, maxAbs, worst / ref.shape().fast(), worst % ref.shape().fast());
    }

    /** The three image gates of the thresholds file, evaluated on these statistics. */
    public List<Gate> gates(Thresholds thresholds, List<String> files) {
        double minFrac = thresholds.image().bitwiseFractionMin();
        double ulpLimit = thresholds.image().maxUlpFloat32();
        double sumLimit = thresholds.image().absSumRatioMinus1Max();
        List<Gate> g = new ArrayList<>();
        double f = bitwiseFraction();
        g.add(new Gate("image.bitwise_fraction", "min", f, minFrac, f - minFrac, f >= minFrac, files));
        double u = maxUlp == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : maxUlp;
        g.add(new Gate("image.max_ulp_float32", "max", u, ulpLimit, ulpLimit - u, u <= ulpLimit, files));
        double d = Math.abs(sumRatio() - 1.0);
        g.add(new Gate("image.abs_sum_ratio_minus_1", "max", d, sumLimit, sumLimit - d, d <= sumLimit, files));
        return g;
    }

    /** JSON form of the statistics, for metrics.json (infinities become null). */
    public ObjectNode toJson() {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("n_pixels", nPixels);
        o.put("bitwise_equal", bitwiseEqual);
        o.put("bitwise_fraction", bitwiseFraction());
        if (maxUlp == Long.MAX_VALUE) {
            o.putNull("max_ulp_float32");
        } else {
            o.put("max_ulp_float32", maxUlp);
        }
        ObjectNode h = o.putObject("ulp_histogram");
        String[] labels = {"0", "1", "2", "3-16", "17-1024", ">1024"};
        for (int i = 0; i < labels.length; i++) {
            h.put(labels[i], ulpHistogram[i]);
        }
        Gate.putNum(o, "sum_c", sumRef);
        Gate.putNum(o, "sum_java", sumCand);
        Gate.putNum(o, "sum_ratio", sumRatio());
        Gate.putNum(o, "abs_sum_ratio_minus_1", Math.abs(sumRatio() - 1));
        Gate.putNum(o, "max_abs_diff", maxAbsDiff);
        o.putArray("worst_pixel_s_f").add(worstSlow).add(worstFast);
        return o;
    }
}
