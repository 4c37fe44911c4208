package org.nbparity.sim.setup;

import org.nbparity.sim.trace.TraceRequest;

/**
 * Options of the render loop that do not change physics.
 *
 * @param threads        Java worker threads (>= 1); the image is bitwise identical for every value
 * @param compatThreads  upstream OpenMP thread count to emulate in compat mode (1 = serial build)
 * @param printout       {@code -printout} (also set by {@code -printout_pixel}, render quirk 21)
 * @param printoutFpixel fast index of {@code -printout_pixel}, or -1 for every pixel
 * @param printoutSpixel slow index of {@code -printout_pixel}, or -1
 * @param progressMeter  progress lines on stdout as upstream prints them
 * @param progressPixels upstream's progress total (roi_xmax-roi_xmin+1)*(roi_ymax-roi_ymin+1)
 * @param trace          the pixel to trace, or null
 */
public record RenderOptions(int threads, int compatThreads, boolean printout,
                           int printoutFpixel, int printoutSpixel,
                           boolean progressMeter, long progressPixels, TraceRequest trace) {
}
