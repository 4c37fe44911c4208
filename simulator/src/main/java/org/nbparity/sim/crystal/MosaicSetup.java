package org.nbparity.sim.crystal;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.rng.MosaicRotation;
import org.nbparity.sim.rng.Ran1;

/** The mosaic domains (setup.md S27): one rotation matrix per domain from the run's ran1 table. */
public final class MosaicSetup {
    private MosaicSetup() {
    }

    /**
     * Draws the domain rotations and prints upstream's count line.
     *
     * @param domains   mosaic domain count after S10
     * @param spreadRad mosaic spread after S10 (rad)
     * @param seed      {@code -mosaic_seed}
     * @param ran1      the run's shared ran1 table (after any misset draws)
     * @return row-major 3x3 matrices, 9 per domain
     */
    public static double[] umats(int domains, double spreadRad, long seed, Ran1 ran1, PrintStream out) {
        double[] umats = new double[9 * domains];
        Ran1.Seed mseed = new Ran1.Seed(seed);
        float spreadF = (float) spreadRad; // float parameter (quirk Q15)
        for (int d = 0; d < domains; d++) {
            MosaicRotation.umat(spreadF, ran1, mseed, umats, 9 * d);
            if (d == 0) {
                // domain 0 is the identity after consuming its 3 draws (quirk Q15)
                umats[0] = 1.0; umats[1] = 0.0; umats[2] = 0.0;
                umats[3] = 0.0; umats[4] = 1.0; umats[5] = 0.0;
                umats[6] = 0.0; umats[7] = 0.0; umats[8] = 1.0;
            }
        }
        out.print(CFormat.sprintf("  created a total of %d mosaic domains\n", domains));
        return umats;
    }
}
