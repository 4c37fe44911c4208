package org.nbparity.harness.metrics;

import java.util.List;

/**
 * Determinism probe: N images that should be bitwise identical (C at 1 vs N threads, Java at 1 vs
 * N threads, Java with and without tracing), each compared with the first.
 *
 * @param schema        "nbparity-determinism"
 * @param schemaVersion 1
 * @param baseline      label of the first image
 * @param runs          one entry per other image
 * @param deterministic true when every image is bitwise identical to the baseline
 */
public record DeterminismResult(String schema, int schemaVersion, String baseline, List<Run> runs,
                                boolean deterministic) {
    /**
     * @param label           the run's label
     * @param differingPixels pixels whose bits differ from the baseline
     * @param maxUlps         largest float32 ULP distance
     * @param firstDiffering  up to 20 differing pixels (raster order)
     */
    public record Run(String label, long differingPixels, long maxUlps, List<PixelDiff> firstDiffering) {
    }
}
