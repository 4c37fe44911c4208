package org.nbparity.sim.geometry;

/**
 * Sub-pixel sampling of one pixel (setup.md S21, S28; render.md 4.5, 4.23).
 *
 * @param oversample      sub-pixels per axis, >= 1
 * @param subpixelSize    pixel_size / oversample, m
 * @param oversampleThick {@code -oversample_thick}
 * @param oversamplePolar {@code -oversample_polar}
 * @param oversampleOmega {@code -oversample_omega}
 */
public record Sampling(int oversample, double subpixelSize,
                       boolean oversampleThick, boolean oversamplePolar, boolean oversampleOmega) {
}
