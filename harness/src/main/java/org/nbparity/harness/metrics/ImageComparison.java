package org.nbparity.harness.metrics;

import java.util.List;

/**
 * Float32 image comparison with verdict (Jackson-serialisable, the image part of metrics.json).
 *
 * @param schema           "nbparity-image-metrics"
 * @param schemaVersion    2 (gates are {@link Gate}s named as in metrics.json)
 * @param shape            image shape
 * @param thresholdsSha256 sha256 of the gates file used
 * @param regions          full frame first, then the ROI if one was given
 * @param gates            every gate on every region
 * @param verdict          PASS when every gate passes, else FAIL
 */
public record ImageComparison(String schema, int schemaVersion, ImageShape shape, String thresholdsSha256,
                              List<RegionMetrics> regions, List<Gate> gates, String verdict) {
    /** Schema name. */
    public static final String SCHEMA = "nbparity-image-metrics";

    /** The full-frame metrics. */
    public RegionMetrics full() {
        return regions.get(0);
    }
}
