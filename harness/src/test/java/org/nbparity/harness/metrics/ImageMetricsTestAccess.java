package org.nbparity.harness.metrics;

/** Gives tests in other packages the golden float image loader of {@link ImageMetricsTest}. */
public final class ImageMetricsTestAccess {
    private ImageMetricsTestAccess() {
    }

    /** The float image of a golden case with the shape from its case.json. */
    public static FloatImage golden(String id) {
        return ImageMetricsTest.golden(id);
    }
}
