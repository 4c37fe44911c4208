package org.nbparity.harness.shrink;

/** Outcome of one shrink probe: the image gates fail, pass, or a side could not run that argv. */
public enum Verdict {
    /** At least one image gate of the thresholds file fails. */
    FAIL,
    /** Every image gate passes. */
    PASS,
    /** The C or the Java side exited non-zero, timed out, or wrote no float image of the case's shape. */
    ERROR
}
