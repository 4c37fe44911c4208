package org.nbparity.sim.render;

/**
 * What the render loop hands to the writers (render.md 4.24-4.25, io-rng.md 11.2).
 *
 * @param floatImage  binary32 pixels, index spixel*fpixels+fpixel; 0 outside ROI and mask
 * @param maxI        largest pixel value (first maximum in processing order wins)
 * @param maxIx       Fdet of the maximum pixel's last sub-pixel, m (render quirk 17)
 * @param maxIy       Sdet of the maximum pixel's last sub-pixel, m
 * @param sum         sum of rendered pixels
 * @param sumsqr      sum of float-rounded squares (render quirk 16)
 * @param sumn        number of rendered pixels
 * @param omegaSum    sum of omega over every (pixel, layer, sub-pixel)
 */
public record RenderResult(float[] floatImage, double maxI, double maxIx, double maxIy,
                           double sum, double sumsqr, double sumn, double omegaSum) {
}
