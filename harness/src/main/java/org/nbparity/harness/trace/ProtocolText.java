package org.nbparity.harness.trace;

import org.nbparity.sim.clib.CFormat;

/** Protocol 1's spelling of a double ({@code %.17g}, C's {@code nan}/{@code inf}), for records the diff rebuilds. */
public final class ProtocolText {
    private ProtocolText() {
    }

    /** %.17g, with C's spelling of non-finite values. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return CFormat.g17(v);
    }
}
