package org.nbparity.harness.metrics;

/**
 * Shape of an image: slow (rows) by fast (columns), row-major with the slow index first. Always
 * given explicitly (from the case or an SMV header), never guessed from a file size.
 *
 * @param slow number of rows (spixels)
 * @param fast number of columns (fpixels)
 */
public record ImageShape(int slow, int fast) {
    public ImageShape {
        if (slow <= 0 || fast <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + slow + "x" + fast);
        }
    }

    /** slow*fast. */
    public int pixels() {
        return Math.multiplyExact(slow, fast);
    }
}
