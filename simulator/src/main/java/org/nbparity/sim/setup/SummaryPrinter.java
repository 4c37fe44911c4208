package org.nbparity.sim.setup;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.geometry.Vec;
import org.nbparity.sim.source.Sources;

/**
 * The summary upstream prints just before the pixel loop (setup.md S29). It only reads the
 * finished setup, so it runs after the records are built; nothing computed in between prints.
 */
final class SummaryPrinter {
    private static final double RTD = Units.RTD;

    private final PrintStream out;

    private SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    /** Prints S29 for a finished setup. */
    static void print(Config c, Setup s, SetupDetails d, PrintStream out) {
        new SummaryPrinter(out).print(c, s, d);
    }

    private void p(String fmt, Object... args) {
        out.print(CFormat.sprintf(fmt, args));
    }

    private void print(Config c, Setup s, SetupDetails d) {
        DetectorGeometry det = s.detector();
        DetectorReport rep = det.report();
        Crystal xtal = s.crystal();
        Sources src = s.sources();
        double[] beam = src.beam(), polar = src.polarVector();
        p("  %d initialized hkls (all others =%g)\n", (int) s.structureFactors().hkls(), c.defaultF);
        String shapeName;
        switch (c.shape) {
            case ROUND: shapeName = "ellipsoidal"; break;
            case GAUSS: shapeName = "gaussian"; break;
            case TOPHAT: shapeName = "tophat-spot"; break;
            default: shapeName = "parallelpiped"; break;
        }
        p("  %s xtal: %.0fx%.0fx%.0f cells\n", shapeName, xtal.na(), xtal.nb(), xtal.nc());
        p("  wave=%g meters +/- %g%% in %d steps\n", c.lambda0, d.dispersion() * 100, d.dispsteps());
        if (c.nopolar) {
            p("  polarization effect disabled\n");
        } else {
            p("  Kahn polarization factor: %f\n", c.polarization);
        }
        if (c.curved) p("  curved detector: all pixels same distance from origin\n");
        if (c.pointPixel) p("  pixel obliquity effect disabled\n");
        p("  incident fluence: %lg photons/m^2\n", s.fluence());
        p("  distance=%lg detsize=%lgx%lg  pixel=%lg meters (%dx%d pixels)\n", det.distance(),
                rep.detsizeF(), rep.detsizeS(), det.pixelSize(), det.fpixels(), det.spixels());
        p("  sensor is %lg m thick in %d layers with mu= %lg\n", det.thick(), det.thicksteps(), det.mu());
        p("  Xbeam=%lg Ybeam=%lg\n", rep.xbeam(), rep.ybeam());
        p("  Fbeam=%lg Sbeam=%lg\n", rep.fbeam(), rep.sbeam());
        p("  Xclose=%lg Yclose=%lg\n", d.xclose(), d.yclose());
        p("  Fclose=%lg Sclose=%lg\n", rep.fclose(), rep.sclose());
        double[] fdet = det.fdet(), sdet = det.sdet(), odet = det.odet(), spindle = xtal.spindle();
        p("  DIRECTION_OF_DETECTOR_X-AXIS= %g %g %g\n", fdet[0], fdet[1], fdet[2]);
        p("  DIRECTION_OF_DETECTOR_Y-AXIS= %g %g %g\n", sdet[0], sdet[1], sdet[2]);
        p("  DIRECTION_OF_DETECTOR_Z-AXIS= %g %g %g\n", odet[0], odet[1], odet[2]);
        p("  INCIDENT_BEAM_DIRECTION= %g %g %g\n", beam[0], beam[1], beam[2]);
        p("  spindle ROTATION_AXIS= %g %g %g\n", spindle[0], spindle[1], spindle[2]);
        double[] ppn = Vec.cross(beam, polar);
        p("  POLARIZATION_PLANE_NORMAL= %g %g %g\n", ppn[0], ppn[1], ppn[2]);
        double[] dialsOrigin = rep.dialsOrigin();
        p("  dials origin= %g %g %g\n", dialsOrigin[0], dialsOrigin[1], dialsOrigin[2]);
        p("  roi: %d < x < %d && %d < y < %d\n", det.roi().xmin(), det.roi().xmax(), det.roi().ymin(),
                det.roi().ymax());
        p("  hdivrange=%g hdivstep=%g  radians\n", d.hdivrange(), d.hdivstep());
        p("  vdivrange=%g vdivstep=%g  radians\n", d.vdivrange(), d.vdivstep());
        p("  %d divergence steps\n", d.divsteps());
        p("  %d sources\n", src.count());
        p("  %d mosaic domains over mosaic spread of %g degrees\n", xtal.mosaicDomains(), xtal.mosaicSpread() * RTD);
        p("  %d phi steps from %g to %g degrees\n", xtal.phisteps(), xtal.phi0() * RTD,
                (xtal.phi0() + xtal.osc()) * RTD);
        int oversample = s.sampling().oversample();
        p("  %dx%d pixel oversample steps", oversample, oversample);
        if (c.oversampleThick) p(" +thick");
        if (c.oversamplePolar) p(" +polar");
        if (c.oversampleOmega) p(" +omega");
        p("\n");
        if (det.mask() != null) p("  skipping zero-flagged pixels in %s\n", c.maskFile);
        if (c.calculateNoise) {
            p("\n  noise image paramters:\n");
            p("  seed: %ld\n", c.seed);
            p("  water droplet size: %g m\n", c.waterSize);
        }
    }
}
