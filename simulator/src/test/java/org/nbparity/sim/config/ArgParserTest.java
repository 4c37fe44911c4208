package org.nbparity.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.trace.TraceLevel;

/** Upstream's matching rules (cli-flags.md sections 1 and 4) and the project flags. */
class ArgParserTest {
    private static Config parse(String cmd) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return ArgParser.parse(cmd.trim().split("\\s+"), -100, sink, sink, Path.of("."));
    }

    @Test
    void substringAliases() {
        assertEquals(1.5 / 1.0e10, parse("-wavelength 1.5").lambda0);
        assertEquals(7, parse("-mosaic_domains 7").mosaicDomains);
        assertEquals(0.172 / 1000.0, parse("-pixel_size 0.172").pixelSize);
        assertEquals(2 / Units.RTD, parse("-mosaicity 2").mosaicSpread);
        assertEquals(0.3 / 1000, parse("-sample_height 0.3").sampleZ);
        Config w = parse("-width 0.2");
        assertEquals(0.2 / 1000, w.sampleY);
        assertEquals("s", parse("-dump_pixel s f").dumpFile); // hoidn's name lands on -dump
        Config pp = parse("-printout_pixel 3 4");
        assertTrue(pp.printout);
        assertEquals(3, pp.printoutFpixel);
        assertEquals(4, pp.printoutSpixel);
    }

    @Test
    void lengthTestsKeepLongerNamesApart() {
        Config c = parse("-phisteps 3 -phistep 0.1 -hdivsteps 4 -detsize_f 50 -detpixels_x 10 -stolout x.stol");
        assertEquals(0.0, c.phi0);
        assertEquals(3, c.phisteps);
        assertEquals(4, c.hdivsteps);
        assertEquals(-1.0, c.hdivstep);
        assertEquals(0.05, c.detsizeF);
        assertEquals(0.1024, c.detsizeS);
        assertEquals(10, c.fpixels);
        assertEquals(0, c.spixels);
        assertEquals(null, c.stolFile);
        assertEquals("x.stol", c.stoloutFile);
        Config n = parse("-nopolar -nointerpolate -noprogress");
        assertTrue(n.nopolar);
        assertEquals(0.0, n.polarization);
        assertEquals(0, n.interpolate);
        assertFalse(n.progressMeter);
        assertEquals(-100, parse("-mosaic_seed 5").seed); // -mosaic_seed does not fire -seed
        assertEquals(-5, parse("-mosaic_seed 5").mosaicSeed);
        assertEquals(-100, parse("-pgmscale 5").seed);
        assertEquals(0.0, parse("-pgmscale 5").intfileScale);
    }

    @Test
    void argumentsAreNeverConsumedAndLaterFlagsWin() {
        Config c = parse("-round_xtal -gauss_xtal -nonoise -noisefile n.img -nopgm");
        assertEquals(Shape.GAUSS, c.shape);
        assertTrue(c.calculateNoise);
        assertFalse(c.writePgm);
        assertEquals(Pivot.SAMPLE, parse("-Xbeam 1 -ORGX 3").pivot);
        assertEquals(Convention.MOSFLM, parse("-fdet_vector 0 0 1 -mosflm").convention);
        assertEquals(2, parse("-N 2.7").na); // atoi
        assertEquals(-1, parse("-misset random").misset[0]);
    }

    @Test
    void missetSeedFiresTheMissetHandler() {
        Config c = parse("-misset_seed 7 -mosaic 0.5");
        assertEquals(1.0, c.misset[0]);
        assertEquals(7 / Units.RTD, c.misset[1]);
        assertEquals(0.0, c.misset[2]); // atof("-mosaic")
        assertEquals(0.5 / Units.RTD, c.misset[3]);
        assertEquals(-7, c.missetSeed);
        assertEquals(-100, c.seed); // -seed is not fired by -misset_seed / -mosaic_seed
    }

    @Test
    void seedDefaultsAreTimeBased() {
        Config c = parse("-N 1");
        assertEquals(-100, c.seed);
        assertEquals(-100, c.missetSeed);
        assertEquals(-12345678, c.mosaicSeed);
        assertEquals(-424242, parse("-seed 424242").seed);
        assertEquals(5, parse("-seed -5").seed); // a positive seed variable (H7)
    }

    @Test
    void projectFlagsDoNotReachUpstreamHandlers() {
        Config ref = parse("-N 1");
        Config c = parse("-N 1 -mode fixed -threads 3 -compat_threads 2 -trace_pixel 5 7 -trace_level loops");
        assertEquals(Mode.FIXED, c.mode);
        assertEquals(3, c.threads);
        assertEquals(2, c.compatThreads);
        assertEquals(5, c.traceSpixel);
        assertEquals(7, c.traceFpixel);
        assertEquals(TraceLevel.LOOPS, c.traceLevel);
        assertEquals(ref.pixelSize, c.pixelSize); // -trace_pixel does not fire -pixel
        assertEquals(ref.printout, c.printout);
        assertEquals(ref.dumpFile, c.dumpFile);
        assertEquals(ref.detectorThicksteps, c.detectorThicksteps);
        assertEquals(ref.roiXmin, c.roiXmin);
        assertEquals(Mode.COMPAT, parse("-N 1").mode);
        assertEquals(Runtime.getRuntime().availableProcessors(), ref.threads);
        assertEquals(1, ref.compatThreads);
        // and no upstream name contains a project flag or vice versa
        String[] project = {"-mode", "-threads", "-compat_threads", "-trace_pixel", "-trace_level",
            "-no_default_outputs", "-help"};
        String[] upstream = {"-img", "-mask", "-Na", "-Nb", "-Nc", "-cell", "-misset", "-pixel", "-phi", "-osc",
            "-thicksteps", "-roi", "-polar", "-dump", "-seed", "-scale", "-Q", "-stol", "-nonoise", "-nopgm",
            "-noprogress", "-progress", "-printout", "-water", "-mat", "-hkl", "-adc", "-flux", "-fudge"};
        for (String p : project) {
            for (String u : upstream) {
                assertFalse(p.contains(u), p + " contains " + u);
                assertFalse(u.contains(p), u + " contains " + p);
            }
        }
    }

    @Test
    void fixedModeAppliesWhereverItStands() {
        assertFalse(parse("-N 1 -curved_det").curved);
        assertTrue(parse("-mode fixed -N 1 -curved_det").curved);
        assertTrue(parse("-N 1 -mode fixed -curved_det").curved);
    }
}
