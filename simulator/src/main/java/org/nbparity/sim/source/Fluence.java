package org.nbparity.sim.source;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;

/**
 * The incident fluence and the illuminated sample size (setup.md S4): fluence from flux,
 * exposure and beam size when all are given, and the sample clipped to the beam in y and z.
 *
 * @param fluence photons/m^2
 * @param sampleX illuminated sample size along x, m
 * @param sampleY along y, clipped to the beam size
 * @param sampleZ along z, clipped to the beam size
 */
public record Fluence(double fluence, double sampleX, double sampleY, double sampleZ) {

    /**
     * What S4 reads of the command line.
     *
     * @param fluence  photons/m^2
     * @param flux     photons/s
     * @param exposure s
     * @param beamsize m
     * @param sampleX  typed sample size along x, m
     * @param sampleY  along y
     * @param sampleZ  along z
     */
    public record Input(double fluence, double flux, double exposure, double beamsize,
                        double sampleX, double sampleY, double sampleZ) {
    }

    /** Runs S4, printing upstream's clipping warnings. */
    public static Fluence of(Input c, PrintStream out) {
        double fluence = c.fluence(), flux = c.flux(), exposure = c.exposure(), beamsize = c.beamsize();
        double sampleX = c.sampleX(), sampleY = c.sampleY(), sampleZ = c.sampleZ();
        boolean fluxGiven = flux != 0.0 && exposure > 0.0 && beamsize >= 0.0;
        if (fluxGiven) {
            // ((flux * exposure) / beamsize) / beamsize, in C's order
            double perMetre = flux * exposure / beamsize;
            fluence = perMetre / beamsize;
        }
        if (beamsize >= 0) {
            // the default 0.1 mm beam clips any larger crystal in y and z (quirk Q18)
            if (beamsize < sampleY) {
                out.print(CFormat.sprintf("WARNING: clipping sample (%lg m high) with beam (%lg m)\n",
                        sampleY, beamsize));
                sampleY = beamsize;
            }
            if (beamsize < sampleZ) {
                out.print(CFormat.sprintf("WARNING: clipping sample (%lg m wide) with beam (%lg m)\n",
                        sampleZ, beamsize));
                sampleZ = beamsize;
            }
        }
        // upstream then recomputes flux from the fluence; nothing reads it afterwards
        return new Fluence(fluence, sampleX, sampleY, sampleZ);
    }
}
