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

/**
 * The one image comparison of the harness: two float32 images (C reference, Java candidate) over
 * the full frame and, when the case gives {@code -roi}, over the ROI; the image gates of
 * {@code fixtures/thresholds.json} on each region (full frame: {@code image.*}, ROI:
 * {@code image.roi.*}); and the diagnostics (ULP histogram, sums, correlation, RMSE, peaks,
 * worst pixels). {@code run} puts it in metrics.json, {@code verify} recomputes the same gates
 * from the stored images, {@code image-diff} prints it.
 */
public final class ImageMetrics {
    private static final int WORST = 10;

    private ImageMetrics() {
    }

    /**
     * Compares {@code candidate} with {@code reference} over the full frame and, if {@code roi}
     * is not null, over the ROI. Every gate is applied to every region; {@code files} are the
     * stored images the gates are computed from (recorded with each gate).
     */
    public static ImageComparison compare(FloatImage reference, FloatImage candidate, Window roi, Thresholds th,
                                          List<String> files) {
        if (!reference.shape().equals(candidate.shape())) {
            throw new IllegalArgumentException("image shapes differ: " + reference.shape() + " vs " + candidate.shape());
        }
        ImageGates g = th.image();
        List<RegionMetrics> regions = new ArrayList<>();
        regions.add(region(reference, candidate, Window.full(reference.shape()), g));
        if (roi != null) {
            regions.add(region(reference, candidate, roi, g));
        }
        List<Gate> gates = gates(regions, th, files);
        return new ImageComparison(ImageComparison.SCHEMA, 2, reference.shape(), th.sha256(), regions, gates,
                Gate.verdict(gates));
    }

    /** {@link #compare(FloatImage, FloatImage, Window, Thresholds, List)} with no file names. */
    public static ImageComparison compare(FloatImage reference, FloatImage candidate, Window roi, Thresholds th) {
        return compare(reference, candidate, roi, th, List.of());
    }

    /**
     * The image gates of every region: {@code image.bitwise_fraction},
     * {@code image.max_ulp_float32}, {@code image.abs_sum_ratio_minus_1} for the full frame, the
     * same names with {@code image.roi.} for the ROI. A NaN mismatch counts as an infinite ULP
     * distance and a NaN sum ratio as an infinite deviation (both fail).
     */
    public static List<Gate> gates(List<RegionMetrics> regions, Thresholds th, List<String> files) {
        ImageGates g = th.image();
        List<Gate> gates = new ArrayList<>();
        for (RegionMetrics r : regions) {
            String p = "full".equals(r.window().name()) ? "image." : "image." + r.window().name() + ".";
            gates.add(Gate.atLeast(p + "bitwise_fraction", r.bitwiseEqualFraction(), g.bitwiseFractionMin(), files));
            gates.add(Gate.atMost(p + "max_ulp_float32",
                    r.maxUlps() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : r.maxUlps(), g.maxUlpFloat32(), files));
            gates.add(Gate.atMost(p + "abs_sum_ratio_minus_1",
                    Double.isNaN(r.absSumRatioMinus1()) ? Double.POSITIVE_INFINITY : r.absSumRatioMinus1(),
                    g.absSumRatioMinus1Max(), files));
        }
        return gates;
    }

    /** Metrics over one region. */
    public static RegionMetrics region(FloatImage ref, FloatImage cand, Window w, ImageGates g) {
        int fast = ref.shape().fast();
        int n = w.pixels();
        double[] a = new double[n];
        double[] b = new double[n];
        long equal = 0;
        long maxUlps = 0;
        int worstUlpS = w.slowMin();
        int worstUlpF = w.fastMin();
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
                // as the files hold them: a float64 side is compared as double, never rounded first
                double x = ref.value(s * fast + f);
                double y = cand.value(s * fast + f);
                a[k] = x;
                b[k] = y;
                k++;
                sumA += x;
                sumB += y;
                maxRef = Math.max(maxRef, Math.abs(x));
                if (Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y)) {
                    equal++;
                    bins[0]++;
                    continue;
                }
                // bits differ: two NaNs with different payloads are a mismatch, never a match
                long u = Double.isNaN(x) || Double.isNaN(y) ? Long.MAX_VALUE : Ulp.distanceFloat32(x, y);
                double d = Double.isNaN(x) || Double.isNaN(y) ? Double.POSITIVE_INFINITY : Math.abs(y - x);
                if (u == Long.MAX_VALUE) {
                    nanMismatch++;
                } else {
                    bins[bin(u)]++;
                }
                if (u > maxUlps) {
                    maxUlps = u;
                    worstUlpS = s;
                    worstUlpF = f;
                }
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
        // both sums zero: the images agree on the total (the bitwise gate judges the pixels)
        double ratio = sumA == 0 && sumB == 0 ? 1.0 : sumB / sumA;
        double pearson;
        try {
            pearson = n >= 2 ? new PearsonsCorrelation().correlation(a, b) : Double.NaN;
        } catch (RuntimeException e) {
            pearson = Double.NaN;
        }
        List<PixelDiff> worstList = new ArrayList<>(worst);
        worstList.sort(worse.reversed());
        PeakMatch peaks = Peaks.match(ref, cand, w, g.peakThresholdFractionOfMax() * maxRef, g.peakMatchRadiusPx());
        return new RegionMetrics(w, n, equal, n == 0 ? Double.NaN : (double) equal / n, hist, maxUlps,
                List.of(worstUlpS, worstUlpF), maxAbs, maxRel,
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
