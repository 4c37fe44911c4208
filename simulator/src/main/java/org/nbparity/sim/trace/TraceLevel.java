package org.nbparity.sim.trace;

/** Size control of a pixel trace (trace-protocol.md section 3). */
public enum TraceLevel {
    /** Run block only. */
    RUN,
    /** Run block, end block, first and last iteration of each loop level (the default). */
    PIXEL,
    /** Every loop iteration. */
    LOOPS
}
