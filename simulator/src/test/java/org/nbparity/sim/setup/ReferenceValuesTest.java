package org.nbparity.sim.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.testutil.Shared;

/** The reference value sets E1-E5 of setup.md (upstream output printed with %.17g). */
class ReferenceValuesTest {
    @TempDir
    Path work;

    private static void close(double expected, double actual, String what) {
        long u = Shared.ulps(expected, actual);
        double rel = expected == 0 ? Math.abs(actual) : Math.abs((actual - expected) / expected);
        assertTrue(u <= 4 || rel <= 1e-15, what + ": expected " + expected + " got " + actual + " (" + u + " ulp)");
    }

    private static void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    private Prepared run(String cmd) {
        return Shared.setup((cmd + " -default_F 1").split(" "), work).prepared();
    }

    @Test
    void e1DefaultMosflm() {
        Prepared p = run("-cell 70 80 90 90 90 90 -detpixels 8 -pixel 0.1 -distance 100");
        DetectorGeometry d = p.setup().detector();
        DetectorReport r = d.report();
        close(new double[] {0.10000000000000001, 0.00050000000000000001, -0.00050000000000000001}, d.pix0(), "pix0");
        for (double v : new double[] {r.fbeam(), r.sbeam(), r.fclose(), r.sclose()}) {
            close(0.00050000000000000001, v, "F/S beam/close");
        }
        close(0.00045000000000000004, r.xbeam(), "Xbeam");
        close(0.00045000000000000004, r.ybeam(), "Ybeam");
        close(0.00040000000000000002, p.details().xclose(), "Xclose");
        close(0.00040000000000000002, p.details().yclose(), "Yclose");
        close(5.5, r.orgx(), "ORGX");
        close(5.5, r.orgy(), "ORGY");
        close(new double[] {-0.5, 0.5, -100}, r.dialsOrigin(), "dials");
        Crystal c = p.setup().crystal();
        close(new double[] {7.0000000000000006e-09, 4.2862637970157374e-25, 4.2862637970157365e-25}, c.a0(), "a");
        close(new double[] {-0.0, 8.0000000000000005e-09, 4.898587196589415e-25}, c.b0(), "b");
        close(new double[] {0, -0.0, 8.9999999999999995e-09}, c.c0(), "c");
        close(503999.99999999994, c.vCell(), "V_cell");
        assertEquals(1, p.setup().sampling().oversample());
        assertEquals(1, p.setup().steps());
    }

    @Test
    void e2XdsAllRotations() {
        Prepared p = run("-cell 50 60 70 80 90 100 -misset 10 20 30 -detpixels 64 -pixel 0.1 -distance 100"
                + " -detector_rotx 5 -detector_roty 3 -detector_rotz 2 -twotheta 20 -xds -ORGX 30 -ORGY 34 -lambda 1.2");
        DetectorGeometry d = p.setup().detector();
        DetectorReport r = d.report();
        close(new double[] {0.0026431940114020475, -0.045006071127521752, 0.088793290235137851}, d.pix0(), "pix0");
        close(new double[] {0.99802119662406841, 0.050649806642806341, -0.037259739345692697}, d.fdet(), "f");
        close(new double[] {-0.030208093111266109, 0.90592797171085127, 0.42235291070672687}, d.sdet(), "s");
        close(new double[] {0.055146733354240543, -0.42039161166572964, 0.90566535245721236}, d.odet(), "o");
        close(0.99482944788033301, p.details().ratio(), "ratio");
        close(0.099482944788033323, d.closeDistance(), "close_distance");
        close(0.10000000000000002, d.distance(), "distance");
        close(0.0029499999999999999, r.fclose(), "Fclose");
        close(0.0033499999999999919, r.sclose(), "Sclose");
        close(-0.00077597393456927039, r.fbeam(), "Fbeam");
        close(0.04558529107067269, r.sbeam(), "Sbeam");
        close(29.999999999999996, r.orgx(), "ORGX");
        close(33.999999999999915, r.orgy(), "ORGY");
        close(new double[] {88.793290235137846, -45.00607112752175, -2.6431940114020476}, r.dialsOrigin(), "dials");
        Crystal c = p.setup().crystal();
        close(new double[] {4.3940082695655426e-09, 1.5343236360522051e-09, -1.8271678376222498e-09}, c.a0(), "a");
        close(new double[] {0.016535271270300363, 0.0095466433190313973, -0.006949388010567467}, c.aStar(), "a*");
        close(203569.2623572099, c.vCell(), "V_cell");
    }

    @Test
    void e3RandomMissetAndMosaic() {
        Prepared p = run("-cell 70 80 90 90 90 90 -detpixels 8 -misset_seed 12345 -misset random -mosaic 0.5 -mosaic_dom 3");
        assertTrue(p.details().missetRandom());
        close(new double[] {1.8451752577429177, -0.61001558335036155, -1.7073434076993237}, p.details().misset(), "misset");
        Crystal c = p.setup().crystal();
        close(new double[] {-7.8100300620289074e-10, -5.684068789481335e-09, 4.0101616302521079e-09}, c.a0(), "a");
        double[] u = c.mosaicUmats();
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, java.util.Arrays.copyOfRange(u, 0, 9));
        close(new double[] {0.99996592089784464, -0.0079751680914580177, 0.0021339486494309119,
            0.0079761872189555976, 0.99996807949662869, -0.0004694946988297568,
            -0.0021301362335746331, 0.00048649947281547405, 0.99999761291609557},
                java.util.Arrays.copyOfRange(u, 9, 18), "U1");
        close(new double[] {0.9999914359922164, 0.0028416441030047652, 0.0030088205358383916,
            -0.0028584857919053165, 0.99998018943075295, 0.0056080125724695118,
            -0.0029928249535347059, -0.0056165652161582636, 0.99997974839192127},
                java.util.Arrays.copyOfRange(u, 18, 27), "U2");
    }

    @Test
    void e3MissetRandomBeforeMissetSeedBecomesFixedAngles() {
        Prepared p = run("-cell 70 80 90 90 90 90 -detpixels 8 -misset random -misset_seed 12345 -mosaic 0.5 -mosaic_dom 3");
        double rtd = org.nbparity.sim.clib.Units.RTD;
        close(new double[] {12345 / rtd, 0.0, 0.5 / rtd}, p.details().misset(), "misset");
        assertEquals(false, p.details().missetRandom());
    }

    @Test
    void e4DivergenceAndDispersion() {
        Prepared p = run("-cell 70 80 90 90 90 90 -detpixels 8 -divergence 0.5 -divsteps 5 -dispersion 0.2 -dispsteps 3");
        SetupDetails d = p.details();
        close(0.000125, d.hdivstep(), "hdivstep");
        close(0.000125, d.vdivstep(), "vdivstep");
        close(0.001, d.dispstep(), "dispstep");
        assertEquals(13, d.divsteps());
        var s = p.setup().sources();
        assertEquals(39, s.count());
        assertEquals(39, p.setup().steps());
        close(new double[] {-0.9999999687500003, 0, 0.00024999999739583334}, new double[] {s.x()[0], s.y()[0], s.z()[0]}, "src0");
        close(0.02564102564102564, s.intensity()[0], "I0");
        close(9.9899999999999999e-11, s.lambda()[0], "lambda0");
        close(new double[] {-0.9999999687500003, -0.0, -0.00024999999739583334}, new double[] {s.x()[38], s.y()[38], s.z()[38]}, "src38");
        close(1.0010000000000001e-10, s.lambda()[38], "lambda38");
    }

    @Test
    void e5MosflmTwothetaStaleRatio() {
        Prepared p = run("-cell 70 80 90 90 90 90 -detpixels 1024 -distance 100 -twotheta 20");
        DetectorGeometry d = p.setup().detector();
        DetectorReport r = d.report();
        close(new double[] {0.11754563335260682, 0.04820623144631711, -0.051300000000000005}, d.pix0(), "pix0");
        close(0.051300000000000005, r.fbeam(), "Fbeam");
        close(0.053362633848239915, r.sbeam(), "Sbeam");
        close(0.051300000000000005, r.fclose(), "Fclose");
        close(0.085502014332566878, r.sclose(), "Sclose");
        close(0.093969262078590854, d.closeDistance(), "close_distance");
        close(0.093969262078590854, d.distance(), "distance");
        close(1.0, p.details().ratio(), "ratio");
        close(513.5, r.orgx(), "ORGX");
        close(855.52014332566876, r.orgy(), "ORGY");
    }
}
