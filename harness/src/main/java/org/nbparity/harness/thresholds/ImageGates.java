package org.nbparity.harness.thresholds;

/**
 * Image parity gates and the parameters of the diagnostic image metrics.
 *
 * @param bitwiseFractionMin          minimum fraction of bitwise-identical float32 pixels
 * @param maxUlpFloat32               maximum float32 ULP distance of any pixel
 * @param absSumRatioMinus1Max        maximum |sum(candidate)/sum(reference) - 1|
 * @param relErrorFloorFractionOfMax  relative errors are reported only for pixels with
 *                                    |reference| >= this fraction of max |reference| (diagnostic)
 * @param peakThresholdFractionOfMax  local maxima above this fraction of the maximum are peaks (diagnostic)
 * @param peakMatchRadiusPx           peaks closer than this are matched (diagnostic)
 */
public record ImageGates(double bitwiseFractionMin, long maxUlpFloat32, double absSumRatioMinus1Max,
                         double relErrorFloorFractionOfMax, double peakThresholdFractionOfMax,
                         double peakMatchRadiusPx) {
}
