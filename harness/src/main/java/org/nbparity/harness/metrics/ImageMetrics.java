package org.nbparity.harness.metrics;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.nbparity.harness.thresholds.ImageGates;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.Ulp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Compares two float32 images and computes a verdict from the gates of thresholds.json. */
public final class ImageMetrics {
    private static final int WORST = 10;

    private ImageMetrics() {
    }

    /**
     * Compares {@code candidate} with {@code reference} over the full frame and, if {@code roi}
     * is not null, over the ROI. Every gate is applied to every region.
     */
    public static ImageComparison compare(FloatImage reference, FloatImage candidate, Window roi, Thresholds th) {
        if (!reference.shape().equals(candidate.shape())) {
            throw new IllegalArgumentException("image shapes differ: " + reference.shape() + " vs " + candidate.shape());
        }
        ImageGates g = th.image();
        List<RegionMetrics> regions = new ArrayList<>();
        regions.add(region(reference, candidate, Window.full(reference.shape()), g));
        if (roi != null) {
            regions.add(region(reference, candidate, roi, g));
        }
        List<GateResult> gates = gates(regions, th);
        return new ImageComparison(ImageComparison.SCHEMA, 1, reference.shape(), th.sha256(), regions, gates,
                verdict(gates));
    }

    /**
     * Applies every image gate to every region. Public so that {@code verify} can recompute a
     * verdict from the metrics stored in a bundle.
     */
    public static List<GateResult> gates(List<RegionMetrics> regions, Thresholds th) {
        ImageGates g = th.image();
        List<GateResult> gates = new ArrayList<>();
        for (RegionMetrics r : regions) {
            String n = r.window().name();
            gates.add(GateResult.atLeast("image.bitwise_fraction_min", n, r.bitwiseEqualFraction(), g.bitwiseFractionMin()));
            gates.add(GateResult.atMost("image.max_ulp_float32", n,
                    r.maxUlps() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : r.maxUlps(), g.maxUlpFloat32()));
            gates.add(GateResult.atMost("image.abs_sum_ratio_minus_1_max", n,
                    Double.isNaN(r.absSumRatioMinus1()) ? Double.POSITIVE_INFINITY : r.absSumRatioMinus1(),
                    g.absSumRatioMinus1Max()));
        }
        return gates;
    }

    /** PASS when every gate passes (and there is at least one), else FAIL. */
    public static String verdict(List<GateResult> gates) {
        return !gates.isEmpty() && gates.stream().allMatch(GateResult::pass) ? "PASS" : "FAIL";
    }

    /** Metrics over one region. */
    public static RegionMetrics region(FloatImage ref, FloatImage cand, Window w, ImageGates g) {
        int fast = ref.shape().fast();
        int n = w.pixels();
        double[] a = new double[n];
        double[] b = new double[n];
        long equal = 0;
        long maxUlps = 0;
        double maxAbs = 0;
        double sumA = 0;
        double sumB = 0;
        double sq = 0;
        double maxRef = 0;
        long[] bins = new long[23];
        long nanMismatch = 0;
        Comparator<PixelDiff> worse = Comparator.comparingDouble(PixelDiff::absDiff).thenComparingLong(PixelDiff::ulps);
        PriorityQueue<PixelDiff> worst = new PriorityQueue<>(worse);
        int k = 0;
        for (int s = w.slowMin(); s <= w.slowMax(); s++) {
            for (int f = w.fastMin(); f <= w.fastMax(); f++) {
                float x = ref.data()[s * fast + f];
                float y = cand.data()[s * fast + f];
                a[k] = x;
                b[k] = y;
                k++;
                sumA += x;
                sumB += y;
                maxRef = Math.max(maxRef, Math.abs((double) x));
                if (Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y)) {
                    equal++;
                    bins[0]++;
                    continue;
                }
                long u = Ulp.distance(x, y);
                double d = Float.isNaN(x) || Float.isNaN(y) ? Double.POSITIVE_INFINITY : Math.abs((double) y - x);
                if (u == Long.MAX_VALUE) {
                    nanMismatch++;
                } else {
                    bins[bin(u)]++;
                }
                maxUlps = Math.max(maxUlps, u);
                if (Double.isFinite(d)) {
                    maxAbs = Math.max(maxAbs, d);
                    sq += d * d;
                } else {
                    maxAbs = Double.POSITIVE_INFINITY;
                    sq = Double.POSITIVE_INFINITY;
                }
                PixelDiff pd = new PixelDiff(s, f, x, y, d, u);
                if (worst.size() < WORST) {
                    worst.add(pd);
                } else if (worse.compare(pd, worst.peek()) > 0) {
                    worst.poll();
                    worst.add(pd);
                }
            }
        }
        double floor = g.relErrorFloorFractionOfMax() * maxRef;
        double maxRel = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(a[i]) >= floor && a[i] != 0 && a[i] != b[i]) {
                maxRel = Math.max(maxRel, Math.abs(b[i] - a[i]) / Math.abs(a[i]));
            }
        }
        Map<String, Long> hist = new LinkedHashMap<>();
        hist.put("0", bins[0]);
        hist.put("1", bins[1]);
        hist.put("2", bins[2]);
        for (int i = 3; i < 22; i++) {
            long lo = (1L << (i - 2)) + 1;
            long hi = 1L << (i - 1);
            hist.put(lo + "-" + hi, bins[i]);
        }
        hist.put(">" + (1L << 20), bins[22]);
        hist.put("nan_mismatch", nanMismatch);
        double ratio = sumB / sumA;
        double pearson;
        try {
            pearson = n >= 2 ? new PearsonsCorrelation().correlation(a, b) : Double.NaN;
        } catch (RuntimeException e) {
            pearson = Double.NaN;
        }
        List<PixelDiff> worstList = new ArrayList<>(worst);
        worstList.sort(worse.reversed());
        PeakMatch peaks = Peaks.match(ref, cand, w, g.peakThresholdFractionOfMax() * maxRef, g.peakMatchRadiusPx());
        return new RegionMetrics(w, n, equal, n == 0 ? Double.NaN : (double) equal / n, hist, maxUlps, maxAbs, maxRel,
                floor, sumA, sumB, ratio, Math.abs(ratio - 1.0), pearson, n == 0 ? Double.NaN : Math.sqrt(sq / n),
                peaks, worstList);
    }

    /** Histogram bin of a ULP distance u >= 1: 1, 2, then (2^(i-2), 2^(i-1)], last bin > 2^20. */
    static int bin(long u) {
        if (u <= 2) {
            return (int) u;
        }
        int i = 64 - Long.numberOfLeadingZeros(u - 1); // ceil(log2 u)
        return Math.min(22, i + 1);
    }
}
