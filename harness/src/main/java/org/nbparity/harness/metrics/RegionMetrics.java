package org.nbparity.harness.metrics;

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
                            Map<String, Long> ulpHistogram, long maxUlps, double maxAbsError, double maxRelError,
                            double relErrorFloor, double sumReference, double sumCandidate, double sumRatio,
                            double absSumRatioMinus1, double pearson, double rmse, PeakMatch peaks,
                            List<PixelDiff> worstPixels) {
}
