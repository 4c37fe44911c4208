package org.nbparity.sim.crystal;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.geometry.Vec;
import org.nbparity.sim.rng.MosaicRotation;
import org.nbparity.sim.rng.Ran1;

/**
 * The crystal misset (setup.md S17, S18): a typed or randomly drawn orientation applied to the
 * reciprocal basis.
 *
 * @param basis     the reciprocal cell after the misset
 * @param missetRad the applied misset angles (rad), or null when none was applied
 * @param random    true when the misset was drawn ({@code -misset random})
 */
public record Orientation(CellSetup.Reciprocal basis, double[] missetRad, boolean random) {

    /**
     * What S17-S18 read of the command line.
     *
     * @param kind 0 no misset, 1 the typed angles, -1 random ({@code -misset random})
     * @param xRad rotation about lab x, rad
     * @param yRad about y
     * @param zRad about z
     * @param seed the misset seed (upstream's negative form)
     */
    public record Input(double kind, double xRad, double yRad, double zRad, long seed) {
    }

    /**
     * Applies S17 and S18. With {@code -misset random} these are the first draws from the run's
     * shared ran1 table.
     */
    public static Orientation apply(Input c, Ran1 ran1, CellSetup.Reciprocal r, PrintStream out) {
        double[] misset = {c.kind(), c.xRad(), c.yRad(), c.zRad()};
        boolean random = false;
        if (misset[0] == -1.0) {
            // 90.0 handed to a radians function: a 90-radian cap (quirk Q14)
            double[] umat = new double[9];
            MosaicRotation.umat((float) 90.0, ran1, new Ran1.Seed(c.seed()), umat, 0);
            double[] ang = MosaicRotation.toMisset(umat);
            misset[1] = ang[0];
            misset[2] = ang[1];
            misset[3] = ang[2];
            out.print(CFormat.sprintf("random orientation misset angles: %f %f %f deg\n",
                    misset[1] * Units.RTD, misset[2] * Units.RTD, misset[3] * Units.RTD));
            misset[0] = 1.0;
            random = true;
        }
        if (!(misset[0] > 0.0)) {
            return new Orientation(r, null, random);
        }
        return new Orientation(r.withBasis(
                Vec.rotate(r.aStar(), misset[1], misset[2], misset[3]),
                Vec.rotate(r.bStar(), misset[1], misset[2], misset[3]),
                Vec.rotate(r.cStar(), misset[1], misset[2], misset[3])),
                new double[] {misset[1], misset[2], misset[3]}, random);
    }
}
