package org.nbparity.sim.crystal;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;

/**
 * The sanity check upstream applies three times to a cell's angle sines and cosines (setup.md
 * S15 and twice in S19): warn when one lies outside [-1, 1] by more than 1e-7, then clamp.
 */
final class CellAngles {
    private CellAngles() {
    }

    /**
     * Prints the warning block when any value is odd, then clamps.
     *
     * @param out    upstream's stdout
     * @param header the warning's first line (without newline)
     * @param labels six printf prefixes, in upstream's order sin a, cos a, sin b, cos b, sin g, cos g
     * @return the clamped {sinA, sinB, sinG, cosA, cosB, cosG}
     */
    static double[] checked(PrintStream out, String header, String[] labels,
                            double sinA, double sinB, double sinG, double cosA, double cosB, double cosG) {
        if (odd(sinA) || odd(sinB) || odd(sinG) || odd(cosA) || odd(cosB) || odd(cosG)) {
            out.print(header + "\n");
            double[] printed = {sinA, cosA, sinB, cosB, sinG, cosG};
            for (int i = 0; i < 6; i++) {
                out.print(CFormat.sprintf(labels[i] + "%.25g\n", printed[i]));
            }
        }
        // a cosine beyond +-1 becomes +1 whatever its sign, as upstream writes it
        if (cosA * cosA > 1.0) cosA = 1.0;
        if (cosB * cosB > 1.0) cosB = 1.0;
        if (cosG * cosG > 1.0) cosG = 1.0;
        return new double[] {clampSin(sinA), clampSin(sinB), clampSin(sinG), cosA, cosB, cosG};
    }

    private static boolean odd(double v) {
        return v > 1.0000001 || v < -1.0000001;
    }

    private static double clampSin(double v) {
        if (v > 1.0) v = 1.0;
        if (v < -1.0) v = -1.0;
        return v;
    }
}
