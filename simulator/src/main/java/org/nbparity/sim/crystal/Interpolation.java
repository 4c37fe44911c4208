package org.nbparity.sim.crystal;

import java.io.PrintStream;

/**
 * Whether structure factors are interpolated (setup.md S14, S23): {@code -interpolate} or
 * {@code -nointerpolate}, or auto-selected from the typed crystal size; never without a table.
 *
 * @param requested   the choice before the structure factors are loaded
 * @param autoMessage the auto-selection line printed, or null when a flag decided
 */
public record Interpolation(boolean requested, String autoMessage) {

    /** S14: the choice, printing upstream's auto-selection line. */
    public static Interpolation select(Input c, PrintStream out) {
        int interpolate = c.interpolate();
        String auto = null;
        if (interpolate > 1) {
            // uses the typed N, before the crystal-size rule and the >= 1 clamp (quirk Q18)
            if (c.na() <= 2 || c.nb() <= 2 || c.nc() <= 2) {
                auto = "auto-selected tricubic interpolation of structure factors";
                interpolate = 1;
            } else {
                auto = "auto-selected no interpolation";
                interpolate = 0;
            }
            out.print(auto + "\n");
        }
        return new Interpolation(interpolate != 0, auto);
    }

    /**
     * What S14 reads of the command line.
     *
     * @param interpolate 1 {@code -interpolate}, 0 {@code -nointerpolate}, 2 auto (neither)
     * @param na          cells along a as typed
     * @param nb          along b
     * @param nc          along c
     */
    public record Input(int interpolate, double na, double nb, double nc) {
    }

    /** S23: interpolation is off when no reflection was read. */
    public boolean withTable(StructureFactors sf) {
        return sf.hkls() != 0 && requested;
    }
}
