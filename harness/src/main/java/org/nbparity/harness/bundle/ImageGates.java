package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.Ulp;

import java.util.ArrayList;
import java.util.List;

/**
 * The image gates of {@code fixtures/thresholds.json} ("image" block), computed from a reference
 * (C) and a candidate (Java) float32 image: fraction of bitwise-equal pixels, largest float32 ULP
 * distance, and |sum ratio - 1|. This is the harness's own minimal comparison, used for the
 * verdict and recomputed by {@code verify}; richer metrics (correlation, peaks, worst pixels,
 * ROI) come from the analysis package.
 */
public final class ImageGates {
    private ImageGates() {
    }

    /**
     * Image statistics.
     *
     * @param nPixels          pixel count
     * @param bitwiseEqual     pixels with identical float32 bits
     * @param maxUlp           largest ULP distance (Long.MAX_VALUE when a NaN differs or signs differ hugely)
     * @param ulpHistogram     counts for 0, 1, 2, 3..16, 17..1024, more
     * @param sumRef           sum of the reference (double accumulation, row-major)
     * @param sumCand          sum of the candidate
     * @param maxAbsDiff       largest |cand - ref|
     * @param worstSlow        slow index of the pixel with the largest ULP distance
     * @param worstFast        fast index of it
     */
    public record Stats(long nPixels, long bitwiseEqual, long maxUlp, long[] ulpHistogram, double sumRef,
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
    }

    /**
     * One gate.
     *
     * @param name   gate name
     * @param kind   {@code min} (value must be >= limit), {@code max} (value <= limit) or {@code equal}
     * @param value  measured value
     * @param limit  the threshold
     * @param margin distance to the threshold, positive when passing (value-limit for min, limit-value for max)
     * @param pass   whether it passes
     * @param files  the stored bundle files it was computed from
     */
    public record Gate(String name, String kind, double value, double limit, double margin, boolean pass,
                       List<String> files) {
    }

    /**
     * ULP distance as the bundle counts it: {@link Ulp#distance(float, float)}, except that two
     * NaNs with different bits are a difference (Long.MAX_VALUE), never a match. (+0 and -0 are 0
     * ULP apart and so count as equal here, as they always have in metrics.json.)
     */
    private static long ulp(float a, float b) {
        if (Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b)) {
            return 0;
        }
        return Float.isNaN(a) || Float.isNaN(b) ? Long.MAX_VALUE : Ulp.distance(a, b);
    }

    /** Compares two images of the same shape. */
    public static Stats stats(FloatImage ref, FloatImage cand) {
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
        return new Stats(r.length, eq, maxUlp, hist, sr, sc, maxAbs, worst / ref.shape().fast(), worst % ref.shape().fast());
    }

    /** The three image gates of the thresholds file, evaluated on {@code s}. */
    public static List<Gate> gates(Stats s, Thresholds thresholds, List<String> files) {
        double minFrac = thresholds.image().bitwiseFractionMin();
        double maxUlp = thresholds.image().maxUlpFloat32();
        double maxSum = thresholds.image().absSumRatioMinus1Max();
        List<Gate> g = new ArrayList<>();
        double f = s.bitwiseFraction();
        g.add(new Gate("image.bitwise_fraction", "min", f, minFrac, f - minFrac, f >= minFrac, files));
        double u = s.maxUlp() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : s.maxUlp();
        g.add(new Gate("image.max_ulp_float32", "max", u, maxUlp, maxUlp - u, u <= maxUlp, files));
        double d = Math.abs(s.sumRatio() - 1.0);
        g.add(new Gate("image.abs_sum_ratio_minus_1", "max", d, maxSum, maxSum - d, d <= maxSum, files));
        return g;
    }

    /** An identity gate: two stored files must be byte-identical (value 1 when they are). */
    public static Gate identity(String name, boolean identical, List<String> files) {
        double v = identical ? 1 : 0;
        return new Gate(name, "equal", v, 1, v - 1, identical, files);
    }

    /** JSON form of the statistics, for metrics.json (infinities become null). */
    public static ObjectNode toJson(Stats s) {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("n_pixels", s.nPixels());
        o.put("bitwise_equal", s.bitwiseEqual());
        o.put("bitwise_fraction", s.bitwiseFraction());
        if (s.maxUlp() == Long.MAX_VALUE) {
            o.putNull("max_ulp_float32");
        } else {
            o.put("max_ulp_float32", s.maxUlp());
        }
        ObjectNode h = o.putObject("ulp_histogram");
        String[] labels = {"0", "1", "2", "3-16", "17-1024", ">1024"};
        for (int i = 0; i < labels.length; i++) {
            h.put(labels[i], s.ulpHistogram()[i]);
        }
        putNum(o, "sum_c", s.sumRef());
        putNum(o, "sum_java", s.sumCand());
        putNum(o, "sum_ratio", s.sumRatio());
        putNum(o, "abs_sum_ratio_minus_1", Math.abs(s.sumRatio() - 1));
        putNum(o, "max_abs_diff", s.maxAbsDiff());
        o.putArray("worst_pixel_s_f").add(s.worstSlow()).add(s.worstFast());
        return o;
    }

    /** Puts a double, or null when it is not finite (JSON has no NaN/Infinity). */
    public static void putNum(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
