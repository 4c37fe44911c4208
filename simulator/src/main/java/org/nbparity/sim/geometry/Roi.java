package org.nbparity.sim.geometry;

/**
 * Region of interest in pixel indices, bounds inclusive (render.md 4.1). Upstream's defaults are
 * {@code 0..fpixels} and {@code 0..spixels}, one past the last index.
 */
public record Roi(int xmin, int xmax, int ymin, int ymax) {
    /** True when pixel (fpixel, spixel) lies inside the bounds. */
    public boolean contains(int fpixel, int spixel) {
        return fpixel >= xmin && fpixel <= xmax && spixel >= ymin && spixel <= ymax;
    }
}
