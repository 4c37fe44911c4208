package org.nbparity.sim.trace;

/**
 * A {@code -trace_pixel S F} request.
 *
 * @param spixel slow index
 * @param fpixel fast index
 * @param level  how much to print
 */
public record TraceRequest(int spixel, int fpixel, TraceLevel level) {
}
