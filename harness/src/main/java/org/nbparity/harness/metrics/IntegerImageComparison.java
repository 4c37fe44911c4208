package org.nbparity.harness.metrics;

import java.util.List;

/**
 * Byte-for-byte comparison of two integer images (SMV or PGM), header and data separately.
 *
 * @param kind              "smv" or "pgm"
 * @param identical         whole files byte-identical
 * @param headerEqual       header bytes identical
 * @param headerDifferences differing header fields/lines as "KEY: a | b" (at most 20)
 * @param dataEqual         pixel bytes identical
 * @param shape             image shape from the headers
 * @param pixelsDiffering   pixels whose values differ
 * @param maxAbsDiff        largest |a - b| over pixels
 * @param firstDiffering    up to 20 differing pixels in raster order
 */
public record IntegerImageComparison(String kind, boolean identical, boolean headerEqual,
                                     List<String> headerDifferences, boolean dataEqual, ImageShape shape,
                                     long pixelsDiffering, long maxAbsDiff, List<PixelDiff> firstDiffering) {
}
