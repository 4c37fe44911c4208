package org.nbparity.harness.metrics;

/**
 * One pixel that differs.
 *
 * @param slow      row
 * @param fast      column
 * @param reference reference value
 * @param candidate candidate value
 * @param absDiff   |candidate - reference|
 * @param ulps      float32 ULP distance (Long.MAX_VALUE for NaN against a number)
 */
public record PixelDiff(int slow, int fast, double reference, double candidate, double absDiff, long ulps) {
}
