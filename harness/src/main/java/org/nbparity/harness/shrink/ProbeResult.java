package org.nbparity.harness.shrink;

import java.util.List;

/**
 * What one probe found.
 *
 * @param verdict   image gates FAIL or PASS, or ERROR
 * @param seconds   wall time of the probe (C and Java run, comparison)
 * @param message   why it is an ERROR, else null
 * @param divergent the most divergent pixels {@code [s, f]}, worst first (at most {@link ProbeRunner#MAX_LISTED})
 * @param box       bounding box of every divergent pixel {@code [sMin, sMax, fMin, fMax]}, or null
 * @param cEmpty    the C image is all zeros (a pass may then only mean "no signal left")
 */
public record ProbeResult(Verdict verdict, double seconds, String message, List<int[]> divergent, int[] box,
                          boolean cEmpty) {
    /** An ERROR result. */
    static ProbeResult error(double seconds, String message) {
        return new ProbeResult(Verdict.ERROR, seconds, message, List.of(), null, false);
    }
}
