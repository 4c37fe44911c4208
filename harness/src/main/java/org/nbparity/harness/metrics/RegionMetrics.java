package org.nbparity.harness.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.util.List;
import java.util.Map;

/**
 * Metrics of two float32 images over one region.
 *
 * @param window              the region
 * @param pixels              pixels compared
 * @param bitwiseEqual        pixels with identical bit patterns (+0 and -0 differ)
 * @param bitwiseEqualFraction bitwiseEqual/pixels
 * @param ulpHistogram        float32 ULP distance histogram: "0", "1", "2", "3-4", "5-8", ... ">1048576", "nan_mismatch"
 * @param maxUlps             largest ULP distance (Long.MAX_VALUE with a NaN mismatch)
 * @param maxUlpPixel         {@code [slow, fast]} of the first pixel with that distance (the region's first pixel when 0)
 * @param maxAbsError         largest |candidate - reference|
 * @param maxRelError         largest |diff|/|reference| over pixels with |reference| >= relErrorFloor
 * @param relErrorFloor       the floor (fraction of max |reference| from the gates file)
 * @param sumReference        sum of reference values (double, row-major)
 * @param sumCandidate        sum of candidate values
 * @param sumRatio            sumCandidate/sumReference
 * @param absSumRatioMinus1   |sumRatio - 1|
 * @param pearson             Pearson correlation (NaN when a side is constant)
 * @param rmse                root mean square of the differences
 * @param peaks               peak matching
 * @param worstPixels         the 10 largest |diff| (ties by ULP), with coordinates
 */
public record RegionMetrics(Window window, long pixels, long bitwiseEqual, double bitwiseEqualFraction,
                            Map<String, Long> ulpHistogram, long maxUlps, List<Integer> maxUlpPixel, double maxAbsError, double maxRelError,
                            double relErrorFloor, double sumReference, double sumCandidate, double sumRatio,
                            double absSumRatioMinus1, double pearson, double rmse, PeakMatch peaks,
                            List<PixelDiff> worstPixels) {
    /** Fraction of bitwise-equal pixels (same as {@link #bitwiseEqualFraction()}). */
    public double bitwiseFraction() {
        return bitwiseEqualFraction;
    }

    /**
     * The region block of metrics.json (schema version 2, {@code harness/metrics.schema.json}):
     * snake_case keys, non-finite numbers as null.
     */
    public ObjectNode toJson() {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("region", window.name());
        o.putArray("window_s_f").add(window.slowMin()).add(window.slowMax()).add(window.fastMin()).add(window.fastMax());
        o.put("n_pixels", pixels);
        o.put("bitwise_equal", bitwiseEqual);
        Gate.putNum(o, "bitwise_fraction", bitwiseEqualFraction);
        if (maxUlps == Long.MAX_VALUE) {
            o.putNull("max_ulp_float32");
        } else {
            o.put("max_ulp_float32", maxUlps);
        }
        o.putArray("worst_pixel_s_f").add(maxUlpPixel.get(0)).add(maxUlpPixel.get(1));
        ObjectNode h = o.putObject("ulp_histogram");
        ulpHistogram.forEach(h::put);
        Gate.putNum(o, "sum_c", sumReference);
        Gate.putNum(o, "sum_java", sumCandidate);
        Gate.putNum(o, "sum_ratio", sumRatio);
        Gate.putNum(o, "abs_sum_ratio_minus_1", absSumRatioMinus1);
        Gate.putNum(o, "max_abs_diff", maxAbsError);
        Gate.putNum(o, "max_rel_error", maxRelError);
        Gate.putNum(o, "rel_error_floor", relErrorFloor);
        Gate.putNum(o, "pearson", pearson);
        Gate.putNum(o, "rmse", rmse);
        o.set("peaks", Canonical.MAPPER.valueToTree(peaks));
        o.set("worst_pixels", Canonical.MAPPER.valueToTree(worstPixels));
        return o;
    }
}
