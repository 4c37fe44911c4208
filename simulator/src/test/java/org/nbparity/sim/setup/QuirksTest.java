package org.nbparity.sim.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.config.Convention;
import org.nbparity.sim.config.Pivot;
import org.nbparity.sim.crystal.StructureFactors;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.Vec;
import org.nbparity.sim.output.OutputOptions;
import org.nbparity.sim.testutil.Shared;

/**
 * One test per QUIRK of setup.md (Q1-Q31), asserting upstream's behaviour. Expected values
 * come from setup.md or from runs of the upstream oracle binary (compat build of 455534a), whose
 * printed values are quoted in the assertions. Where the project rules override upstream (bad
 * input becomes exit 2, -help exists) the test says so.
 */
class QuirksTest {
    private static final double RTD = Units.RTD;
    private static final String B = "-cell 70 80 90 90 90 90 -default_F 1 -detpixels 8 -nonoise -nopgm";

    @TempDir
    Path work;

    private Shared.Run run(String cmd) {
        return Shared.setup(cmd.trim().split("\\s+"), work);
    }

    private Setup setup(String cmd) {
        return run(cmd).prepared().setup();
    }

    private static String g(double v) {
        return CFormat.sprintf("%g", v);
    }

    @Test
    void q01_conventionsForceThePivot() {
        Shared.Run r = run(B + " -mosflm -pivot sample -twotheta 20");
        assertEquals(Pivot.BEAM, r.prepared().setup().detector().report().pivot());
        assertTrue(r.stdout().contains("pivoting detector around direct beam spot\n"));
        assertEquals(Pivot.SAMPLE, setup(B + " -xds -pivot beam -Xbeam 3").detector().report().pivot());
        // only CUSTOM keeps the parsed pivot
        assertEquals(Pivot.SAMPLE, setup(B + " -fdet_vector 0 0 1 -pivot sample").detector().report().pivot());
    }

    @Test
    void q02_twothetaAxisAlsoFiresTheTwothetaHandler() {
        Setup s = setup(B + " -twotheta 20 -twotheta_axis 0 0 -1");
        assertEquals(0.0, s.detector().report().twotheta()); // axis x (0) read as degrees
        assertEquals(Pivot.SAMPLE, s.detector().report().pivot());
        assertEquals(Convention.CUSTOM, s.detector().report().convention());
        assertEquals(5 / RTD, setup(B + " -twotheta_axis 5 0 0").detector().report().twotheta());
    }

    @Test
    void q03_twothetaAxisIsNeverNormalised() {
        // oracle: DIRECTION_OF_DETECTOR_X-AXIS= 0 -1.7101 0.939693 ... Z-AXIS= 2.44738 0 0
        Setup s = setup(B + " -twotheta_axis 5 0 0 -twotheta 20");
        DetectorGeometry d = s.detector();
        assertArrayEquals(new double[] {5, 0, 0}, d.report().twothetaAxis());
        assertEquals("0 -1.7101 0.939693", g(d.fdet()[0]) + " " + g(d.fdet()[1]) + " " + g(d.fdet()[2]));
        assertEquals("0 -0.939693 -1.7101", g(d.sdet()[0]) + " " + g(d.sdet()[1]) + " " + g(d.sdet()[2]));
        assertEquals("2.44738", g(Vec.magnitude(d.odet())));
    }

    @Test
    void q04_staleRatioWithTwotheta() {
        // oracle: distance=0.0939693, Fbeam=0.0513 Sbeam=0.00256263 for a typed Sbeam of 0.5 mm
        Setup s = setup("-cell 70 80 90 90 90 90 -default_F 1 -detpixels 1024 -distance 100 -twotheta 20 -Xbeam 0.45");
        assertEquals("0.0939693", g(s.detector().distance()));
        assertEquals("0.0513", g(s.detector().report().fbeam()));
        assertEquals("0.00256263", g(s.detector().report().sbeam()));
    }

    @Test
    void q05_pix0VectorIsIgnored() {
        DetectorGeometry a = setup(B + " -pix0_vector 0.3 0.2 0.1").detector();
        DetectorGeometry b = setup(B + " -fdet_vector 0 0 1").detector();
        DetectorGeometry c = setup(B + " -pix0_vector_mm 300 200 100").detector();
        assertEquals(Convention.CUSTOM, a.report().convention());
        assertArrayEquals(b.pix0(), a.pix0());
        assertArrayEquals(b.pix0(), c.pix0());
        assertNotEquals(0.3, a.pix0()[0]);
    }

    @Test
    void q06_everyCustomVectorFlagSwitchesToCustom() {
        // oracle: MOSFLM Fbeam=0.00035; with -spindle_axis: custom, Fbeam=0.0002 Sbeam=0.0003
        Setup m = setup(B + " -Xbeam 0.2 -Ybeam 0.3");
        assertEquals("0.00035", g(m.detector().report().fbeam()));
        Setup c = setup(B + " -Xbeam 0.2 -Ybeam 0.3 -spindle_axis 0 0 1");
        assertEquals(Convention.CUSTOM, c.detector().report().convention());
        assertEquals("0.0002", g(c.detector().report().fbeam()));
        assertEquals("0.0003", g(c.detector().report().sbeam()));
        assertArrayEquals(new double[] {0, 1, 0}, c.detector().report().twothetaAxis());
        for (String f : new String[] {"-polar_vector 0 0 1", "-beam_vector 1 0 0", "-odet_vector 1 0 0",
            "-sdet_vector 0 -1 0", "-fdet_vector 0 0 1", "-twotheta_axis 0 0 -1"}) {
            assertEquals(Convention.CUSTOM, setup(B + " " + f).detector().report().convention(), f);
        }
        // a later convention flag undoes CUSTOM and resets the vectors
        Setup back = setup(B + " -Xbeam 0.2 -Ybeam 0.3 -fdet_vector 1 0 0 -mosflm");
        assertEquals(Convention.MOSFLM, back.detector().report().convention());
        assertArrayEquals(new double[] {0, 0, 1}, back.detector().fdet());
    }

    @Test
    void q07_xdsAndDialsIgnoreXbeamYbeam() {
        assertArrayEquals(setup(B + " -dials").detector().pix0(),
                setup(B + " -dials -Xbeam 0.2 -Ybeam 0.3").detector().pix0());
        assertArrayEquals(setup(B + " -xds").detector().pix0(),
                setup(B + " -xds -Xclose 0.2 -Yclose 0.3").detector().pix0());
        // and MOSFLM ignores ORGX/ORGY
        assertArrayEquals(setup(B).detector().pix0(), setup(B + " -ORGX 2 -ORGY 3").detector().pix0());
        assertNotEquals(setup(B + " -xds").detector().pix0()[0], setup(B + " -xds -ORGX 2").detector().pix0()[0]);
    }

    @Test
    void q08_mosflmAddsHalfAPixelToTypedBeamCentres() {
        Setup s = setup(B + " -pixel 0.1 -Xbeam 0.2 -Ybeam 0.3");
        assertEquals(0.2 / 1000.0 + 0.5 * 1e-4, s.detector().report().sbeam());
        assertEquals(0.3 / 1000.0 + 0.5 * 1e-4, s.detector().report().fbeam());
        Setup d = setup(B + " -pixel 0.1 -Xbeam 0.2 -Ybeam 0.3 -denzo");
        assertEquals(0.2 / 1000.0 + 0.0 * 1e-4, d.detector().report().sbeam());
    }

    @Test
    void q09_odetIsReplacedUnlessExactlyUnitLength() {
        // oracle: "WARNING: auto-generating odet_vector" and Z-AXIS= 1 0 0
        Shared.Run r = run(B + " -odet_vector 0.577 0.577 0.577");
        assertTrue(r.stdout().contains("WARNING: auto-generating odet_vector\n"));
        assertArrayEquals(new double[] {1, 0, 0}, r.prepared().setup().detector().odet());
        assertFalse(run(B + " -odet_vector 1 0 0").stdout().contains("auto-generating"));
    }

    @Test
    void q10_closeDistanceBeatsDistance() {
        Setup s = setup(B + " -close_distance 80 -distance 100");
        assertEquals(0.08, s.detector().distance());
        assertEquals(Pivot.BEAM, s.detector().report().pivot()); // MOSFLM forces BEAM anyway (Q1)
    }

    private void writeSmv(String name, String header, int w, int h, int fill) throws Exception {
        StringBuilder sb = new StringBuilder("{\nHEADER_BYTES=  512;\nDIM=2;\nBYTE_ORDER=little_endian;\nTYPE=unsigned_short;\n");
        sb.append("SIZE1=").append(w).append(";\nSIZE2=").append(h).append(";\n").append(header).append("}\f");
        while (sb.length() < 512) sb.append(' ');
        ByteBuffer bb = ByteBuffer.allocate(512 + 2 * w * h).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < w * h; i++) bb.putShort((short) (i == 0 ? 0 : fill));
        Files.write(work.resolve(name), bb.array());
    }

    @Test
    void q11_smvHeaderQuirks() throws Exception {
        writeSmv("m.img", "PIXEL_SIZE=0.1;\nBEAM_CENTER_Y=0.3;\nWAVELENGTH=2;\n", 8, 8, 1);
        writeSmv("i.img", "PIXEL_SIZE=0.2;\nDISTANCE=90;\nCLOSE_DISTANCE=70;\nTWOTHETA=30;\nPHI=10;\nOSC_RANGE=1;\n"
                + "XDS_ORGX=3;\nBEAM_CENTER_X=0.5;\n", 6, 6, 1);
        Shared.Run r = run("-cell 70 80 90 90 90 90 -default_F 1 -nonoise -nopgm -img i.img -mask m.img");
        Setup s = r.prepared().setup();
        // img header read after the mask: its size and pixel wins whatever the CLI order
        assertEquals(6, s.detector().fpixels());
        assertEquals(0.2 / 1000.0, s.detector().pixelSize());
        // DISTANCE picks up CLOSE_DISTANCE= (last substring occurrence) and close distance wins
        assertEquals(0.07, s.detector().distance(), 1e-17);
        // TWOTHETA has no effect
        assertEquals(0.0, s.detector().report().twotheta());
        // OSC_RANGE=1 gives 2 phi steps at 10 and 10.5 degrees
        assertEquals(2, s.crystal().phisteps());
        assertTrue(r.stdout().contains("phi0 = 10\nphi1 = 10.5\n"));
        // the mask's wavelength survives (img has none); only the mask flips BEAM_CENTER_Y
        assertEquals(2 / 1e10, s.sources().lambda0());
        // mask pixels: 0 at index 0 skips that pixel
        assertEquals(0, s.detector().mask()[0]);
        assertTrue(r.stdout().contains("  skipping zero-flagged pixels in m.img\n"));
        Setup mo = setup("-cell 70 80 90 90 90 90 -default_F 1 -nonoise -nopgm -mask m.img -xds");
        assertEquals(8 * 0.0001 - 0.3 / 1000.0, mo.detector().report().ybeam(), 1e-18);
        // ORGX finds XDS_ORGX=
        Setup ox = setup("-cell 70 80 90 90 90 90 -default_F 1 -nonoise -nopgm -img i.img -xds");
        assertEquals(3.0, ox.detector().report().orgx(), 1e-12);
    }

    @Test
    void q12_missetSeedAlsoSetsFixedMissetAngles() {
        SetupDetails d = run(B + " -misset_seed 7 -mosaic 0.5").prepared().details();
        assertArrayEquals(new double[] {7 / RTD, 0.0, 0.5 / RTD}, d.misset());
        SetupDetails r = run(B + " -misset random -misset_seed 5 -N 1").prepared().details();
        assertFalse(r.missetRandom());
        assertArrayEquals(new double[] {5 / RTD, 0.0, 1 / RTD}, r.misset());
        // -misset random after -misset_seed still draws
        assertTrue(run(B + " -misset_seed 5 -N 1 -misset random").prepared().details().missetRandom());
    }

    @Test
    void q13_missetSeedIsTimeBasedUnlessGiven() {
        String[] a = (B + " -misset random -seed 5").split(" ");
        String[] b = (B + " -misset random -seed 6").split(" ");
        var pa = org.nbparity.sim.cli.Main.prepare(a, -1111, System.out, System.err, work).details().misset();
        var pb = org.nbparity.sim.cli.Main.prepare(b, -1111, System.out, System.err, work).details().misset();
        var pc = org.nbparity.sim.cli.Main.prepare(a, -2222, System.out, System.err, work).details().misset();
        assertArrayEquals(pa, pb); // -seed does not reach misset_seed
        assertFalse(java.util.Arrays.equals(pa, pc)); // the time does
    }

    @Test
    void q14_randomMissetUsesA90RadianCap() {
        // E3 values (oracle, %.17g): the 90 passed to a radians function, via umat2misset and rotate()
        SetupDetails d = run(B + " -misset_seed 12345 -misset random").prepared().details();
        assertArrayEquals(new double[] {1.8451752577429177, -0.61001558335036155, -1.7073434076993237}, d.misset());
        assertTrue(run(B + " -misset_seed 12345 -misset random").stdout()
                .contains("random orientation misset angles: 105.720755 -34.951318 -97.823571 deg\n"));
    }

    @Test
    void q15_mosaicAnglesAreSinglePrecisionAndDomainZeroIsIdentity() {
        Setup s = setup(B + " -mosaic 0.5 -mosaic_dom 3");
        double[] u = s.crystal().mosaicUmats();
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, java.util.Arrays.copyOf(u, 9));
        // domain 1 uses draws 4-6 of the stream: reproduce with a float spread...
        org.nbparity.sim.rng.Ran1 r = new org.nbparity.sim.rng.Ran1();
        org.nbparity.sim.rng.Ran1.Seed seed = new org.nbparity.sim.rng.Ran1.Seed(-12345678);
        double[] m = new double[18];
        org.nbparity.sim.rng.MosaicRotation.umat((float) (0.5 / RTD), r, seed, m, 0);
        org.nbparity.sim.rng.MosaicRotation.umat((float) (0.5 / RTD), r, seed, m, 9);
        assertArrayEquals(java.util.Arrays.copyOfRange(m, 9, 18), java.util.Arrays.copyOfRange(u, 9, 18));
        // E3 U1 (oracle) with the default mosaic seed after a random misset: the misset stream and
        // the mosaic stream share one table, the negative mosaic seed re-seeds it
        Setup e3 = setup(B + " -misset_seed 12345 -misset random -mosaic 0.5 -mosaic_dom 3");
        assertEquals(0.99996592089784464, e3.crystal().mosaicUmats()[9]);
        // zero spread still consumes draws and yields one identity domain
        assertEquals(1, setup(B).crystal().mosaicDomains());
    }

    @Test
    void q16_matPlusCellForcesLengths() throws Exception {
        Path shared = Shared.shared();
        Files.copy(shared.resolve("golden/inputs/A.mat"), work.resolve("A.mat"));
        Setup s = setup("-mat A.mat -default_F 1 -detpixels 8 -cell 70 80 90 90 90 90");
        assertEquals(70e-10, Vec.magnitude(s.crystal().a0()), 1e-22);
        assertEquals(90e-10, Vec.magnitude(s.crystal().c0()), 1e-22);
        Setup m = setup("-mat A.mat -default_F 1 -detpixels 8");
        // the direction comes from the matrix in both runs
        double[] ua = s.crystal().a0().clone(), ub = m.crystal().a0().clone();
        Vec.unitize(ua);
        Vec.unitize(ub);
        assertEquals(1.0, Vec.dot(ua, ub), 1e-9);
        // project rule: an unreadable -mat is bad input (upstream carries on with undefined a*)
        assertEquals(2, Shared.cli(work, "-mat", "nope.mat", "-default_F", "1").rc());
    }

    @Test
    void q17_cellAt90DegreesIsNotAxisAligned() {
        double[] a = setup(B).crystal().a0();
        assertEquals(4.2862637970157374e-25, a[1]);
        assertEquals(4.2862637970157365e-25, a[2]);
    }

    @Test
    void q18_crystalSizeRules() {
        Shared.Run r = run(B + " -xtal_size 0.5");
        Setup s = r.prepared().setup();
        assertTrue(r.stdout().contains("WARNING: clipping sample (0.0005 m high) with beam (0.0001 m)\n"));
        assertEquals(Math.ceil(0.0005 / Vec.magnitude(s.crystal().a0())), s.crystal().na());
        assertEquals(Math.ceil(0.0001 / Vec.magnitude(s.crystal().b0())), s.crystal().nb());
        // sizes override -N, but the interpolation auto-choice used the typed N
        Shared.Run t = run(B + " -N 2 -xtal_size 0.05");
        assertTrue(t.prepared().setup().crystal().na() > 2);
        assertEquals("auto-selected tricubic interpolation of structure factors", t.prepared().details().interpolationAuto());
        // N <= 1 becomes 1
        assertEquals(1.0, setup(B + " -N 0").crystal().na());
        // -density and -MW are overwritten
        assertEquals(run(B).prepared().details().molecularWeight(),
                run(B + " -MW 5000 -density 3").prepared().details().molecularWeight());
    }

    private String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void q19_hklParsing() throws Exception {
        // indices written "1.0" stop pass 2: the grid keeps default_F only, silently
        Files.writeString(work.resolve("d.hkl"), "0.0 0.0 0.0 10\n1.0 0.0 0.0 20\n");
        StructureFactors f = setup(B + " -hkl d.hkl -default_F 3").structureFactors();
        assertEquals(2, f.hkls());
        assertEquals(3.0, f.at(0, 0, 0));
        assertEquals(3.0, f.at(1, 0, 0));
        // extra columns are read 4 tokens at a time: "0 0 0 10 99 | 1 0 0 20 | 99 ..." misaligns
        Files.writeString(work.resolve("x.hkl"), "0 0 0 10 99\n1 0 0 20 99\n2 0 0 30 99\n3 0 0 40 99\n");
        StructureFactors x = setup(B + " -hkl x.hkl").structureFactors();
        assertEquals(5, x.hkls());
        assertEquals(99, x.hMax()); // "99 1 0 0" became a record with h = 99
        // a non-numeric line ends upstream's pass 1 silently; the project reports it (exit 2)
        Files.writeString(work.resolve("c.hkl"), "0 0 0 10\n# comment\n1 0 0 20\n");
        Shared.Cli c = Shared.cli(work, (B + " -hkl c.hkl").split(" "));
        assertEquals(2, c.rc());
        assertTrue(c.stderr().contains("c.hkl line 2"), c.stderr());
    }

    @Test
    void q20_fdumpLayoutAndReadBack() throws Exception {
        // oracle: this file with -default_F 2 writes a 398-byte Fdump.bin with this SHA-256
        Files.writeString(work.resolve("t.hkl"), "0 0 0 10.5\n1 0 0 -2\n0 1 2 3.25\n-1 0 1 7\n");
        Shared.Run r = run(B + " -hkl t.hkl -default_F 2");
        assertEquals(398, Files.size(work.resolve("Fdump.bin")));
        assertEquals("38455149cf968258c9ce0548ecc58cf9471bf11e3a061b921c2d8e529bab1d49", sha(work.resolve("Fdump.bin")));
        assertTrue(r.stdout().contains("writing dump file for next time: Fdump.bin\n"));
        // read back silently when -hkl is absent: hkls = product of the ranges
        Shared.Run back = run(B + " -default_F 2");
        assertTrue(back.stdout().contains("reading Fs from Fdump.bin\n"));
        assertEquals(3L * 2 * 3, back.prepared().setup().structureFactors().hkls());
        assertEquals(10.5, back.prepared().setup().structureFactors().at(0, 0, 0));
        // F(hmin,kmin,lmin) = 10.000000000004604 starts with bytes 0x20 0x0a: the header scan
        // swallows them and the whole grid is read two bytes late
        Files.writeString(work.resolve("w.hkl"), "0 0 0 10.000000000004604\n0 0 1 5\n");
        run(B + " -hkl w.hkl");
        byte[] dump = Files.readAllBytes(work.resolve("Fdump.bin"));
        int hdr = "0 0 0 0 0 1\n\f".length();
        assertEquals(0x20, dump[hdr]);
        StructureFactors sh = run(B).prepared().setup().structureFactors();
        double expected = ByteBuffer.wrap(dump, hdr + 2, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        assertEquals(expected, sh.at(0, 0, 0));
        assertNotEquals(10.000000000004604, sh.at(0, 0, 0));
    }

    @Test
    void q21_stepAutoSelection() {
        SetupDetails d = run(B + " -hdivsteps 4").prepared().details();
        assertEquals(1.0, d.hdivrange()); // 1 radian
        assertEquals(0.25, d.hdivstep()); // range/count, not range/(count-1)
        SetupDetails st = run(B + " -hdivstep 0.1 -hdivsteps 5").prepared().details();
        assertEquals(2, st.hdivsteps());
        assertEquals(14, run(B + " -hdivrange 0.28 -hdivstep 0.02").prepared().details().hdivsteps());
        Setup osc = setup(B + " -osc 2");
        assertEquals(2, osc.crystal().phisteps());
        assertEquals(1 / RTD, osc.crystal().phistep());
        Setup ps = setup(B + " -phisteps 4");
        assertEquals(1.0 / RTD, ps.crystal().osc());
        Setup th = setup(B + " -detector_thick 100");
        assertEquals(2, th.detector().thicksteps());
        assertEquals(100 * 1e-6 / 2, th.detector().thickstep());
        Setup t3 = setup(B + " -detector_thick 100 -thicksteps 3");
        assertEquals(100 * 1e-6 / (3 - 1), t3.detector().thickstep());
        Setup t1 = setup(B + " -detector_thick 100 -thicksteps 1");
        assertEquals(2, t1.detector().thicksteps());
        assertEquals(100 * 1e-6 / (2 - 1), t1.detector().thickstep());
        // -dispersion alone: 2 wavelengths lambda0(1 -+ d/2), lambda0 itself not sampled
        Setup di = setup(B + " -dispersion 10");
        assertEquals(2, di.sources().count());
        assertEquals(1e-10 * (1.0 + 0 - 0.1 / 2.0), di.sources().lambda()[0]);
    }

    @Test
    void q22_ellipticalTrimmingOffWhenARangeIsZero() {
        // oracle: 3 sources; with vdivrange 0.2: 5; with -square_div: 9
        assertEquals(3, setup(B + " -hdivrange 0.4 -vdivrange 0 -divsteps 3").sources().count());
        assertEquals(5, setup(B + " -hdivrange 0.4 -vdivrange 0.2 -divsteps 3").sources().count());
        assertEquals(9, setup(B + " -hdivrange 0.4 -vdivrange 0.2 -divsteps 3 -square_div").sources().count());
    }

    @Test
    void q23_sourcefileQuirks() throws Exception {
        // oracle listing: "0 0 -10   1 1e-10", "0 0 0   0 0", "1 2 -0   1 1e-10", "5 6 0   0 0"
        Files.writeString(work.resolve("src.txt"), "0 0 -10 1 1e-10\n# X Y Z\n1 2\n5 6");
        Shared.Run r = run(B + " -sourcefile src.txt");
        assertTrue(r.stdout().contains("  created a total of 4 sources:\n0 0 -10   1 1e-10\n0 0 0   0 0\n"
                + "1 2 -0   1 1e-10\n5 6 0   0 0\n"), r.stdout());
        var s = r.prepared().setup().sources();
        assertEquals(0.0, s.lambda()[1]); // comment line: zero direction, lambda 0
        assertEquals(1e-10, s.lambda()[2]);
        assertEquals(0.0, s.lambda()[3]); // last line without newline: 0, not the default
        // CRLF lines: missing columns become 0 (oracle: "7 8 0   0 0")
        Files.writeString(work.resolve("crlf.txt"), "1 2 3 4 5\r\n7 8\r\n");
        assertTrue(run(B + " -sourcefile crlf.txt").stdout().contains("1 2 3   4 5\n7 8 0   0 0\n"));
    }

    @Test
    void q24_waterBackgroundCarriesReSqrTimesFluence() {
        Setup s = setup(B + " -water 100 -fluence 1e24");
        double w = 100 / 1e6;
        double expected = 2.57 * 2.57 * Units.R_E_SQR * 1e24 * w * w * w * 1e6 * Units.AVOGADRO / 18.0;
        assertEquals(expected, s.iBg());
        // the default fluence is exactly 1/r_e^2 (their product rounds to 1.0)
        assertEquals(1.0, Units.R_E_SQR * setup(B).fluence());
    }

    @Test
    void q25_polarizationDefaultAndOrder() {
        Setup d = setup(B);
        assertEquals(0.0, d.sources().polarization());
        assertFalse(d.sources().nopolar());
        assertFalse(setup(B + " -nopolar -polar 0.5").sources().nopolar());
        assertTrue(setup(B + " -polar 0.5 -nopolar").sources().nopolar());
        assertTrue(run(B).stdout().contains("  Kahn polarization factor: 0.000000\n"));
    }

    @Test
    void q26_flagsThatDoNothing() {
        Setup ref = setup(B);
        for (String f : new String[] {"-dispstep 3", "-hdiv 1", "-vdiv 1", "-detector_twotheta 20",
            "-detector_thickness 100", "-source_distance 5", "-coherent", "-stolout x.stol"}) {
            // -h, ignored upstream, prints the help here (issue 17): cli.HelpAndBadValuesTest
            Shared.Run r = run(B + " " + f);
            Setup s = r.prepared().setup();
            assertArrayEquals(ref.detector().pix0(), s.detector().pix0(), f);
            assertEquals(ref.sources().count(), s.sources().count(), f);
            assertEquals(ref.detector().thick(), s.detector().thick(), f);
            if (!f.equals("-coherent") && !f.startsWith("-stolout")) {
                assertTrue(r.stderr().contains("ignoring unknown option " + f.split(" ")[0]), f + ": " + r.stderr());
            }
        }
    }

    @Test
    void q27_missingArgumentsAndTrailingCurvedDet() {
        // upstream segfaults (exit 139) on a trailing thickness flag; the project exits 2
        for (String f : new String[] {"-detector_abs", "-detector_thick", "-detector_thicksteps", "-thicksteps"}) {
            Shared.Cli c = Shared.cli(work, (B + " " + f).split(" "));
            assertEquals(2, c.rc(), f);
            assertTrue(c.stderr().startsWith("nanobragg: error: " + f + ": missing value"), c.stderr());
        }
        // -curved_det as the last token is ignored in compat, honoured in fixed
        Shared.Run r = run(B + " -curved_det");
        assertFalse(r.prepared().setup().detector().curved());
        assertTrue(r.stderr().contains("-curved_det as the last argument is ignored"));
        assertTrue(setup("-mode fixed " + B + " -curved_det").detector().curved());
        assertTrue(setup(B + " -curved_det -N 1").detector().curved());
        // a multi-argument flag with too few values: upstream ignores it, the project exits 2
        assertEquals(2, Shared.cli(work, (B + " -roi 1 2 3").split(" ")).rc());
    }

    @Test
    void q28_detectorAbsInfZeroesThickness() {
        Setup a = setup(B + " -detector_abs inf -detector_thick 100");
        assertEquals(0.0, a.detector().mu());
        assertEquals(100 * 1e-6, a.detector().thick()); // blank image upstream (mu 0)
        Setup b = setup(B + " -detector_thick 100 -detector_abs inf");
        assertEquals(0.0, b.detector().thick());
        Shared.Run c = run(B + " -detector_thick 200");
        assertEquals(1.0 / 200e-6, c.prepared().setup().detector().mu());
        assertTrue(c.stdout().contains("WARNING: setting detector attenuation depth to 5000 m\n"));
    }

    @Test
    void q29_beamVectorIsThePropagationDirection() {
        Shared.Run r = run(B);
        assertTrue(r.stdout().contains("  created a total of 1 sources:\n-10 -0 0   1 1e-10\n"));
        var s = r.prepared().setup().sources();
        assertArrayEquals(new double[] {1, 0, 0}, new double[] {-s.x()[0], -s.y()[0], -s.z()[0]}, 0.0);
    }

    @Test
    void q30_outputsOnByDefault() {
        org.nbparity.sim.config.Config c = org.nbparity.sim.config.ArgParser.parse(B.replace(" -nonoise -nopgm", "").split(" "),
                -1, System.out, System.err, work);
        OutputOptions o = org.nbparity.sim.cli.Main.outputOptions(c, work);
        assertEquals(Path.of("noiseimage.img"), o.noiseFile());
        assertEquals(Path.of("image.pgm"), o.pgmFile());
        assertEquals(Path.of("floatimage.bin"), o.floatFile());
        assertEquals(Path.of("intimage.img"), o.intFile());
        // -nonoise then -noisefile turns noise back on (last wins)
        org.nbparity.sim.config.Config c2 = org.nbparity.sim.config.ArgParser.parse(
                (B + " -noisefile n.img").split(" "), -1, System.out, System.err, work);
        assertEquals(Path.of("n.img"), org.nbparity.sim.cli.Main.outputOptions(c2, work).noiseFile());
        // project flag: -no_default_outputs keeps only named outputs
        org.nbparity.sim.config.Config c3 = org.nbparity.sim.config.ArgParser.parse(
                (B + " -no_default_outputs -floatfile f.bin").split(" "), -1, System.out, System.err, work);
        OutputOptions o3 = org.nbparity.sim.cli.Main.outputOptions(c3, work);
        assertEquals(Path.of("f.bin"), o3.floatFile());
        assertNull(o3.intFile());
        assertNull(o3.pgmFile());
        assertNull(o3.noiseFile());
        // upstream has no -h (Q26); the project's -help prints usage and exits 0
        assertEquals(0, Shared.cli(work, "-help").rc());
    }

    @Test
    void q31_degreesAreDividedByRtd() {
        Setup s = setup(B + " -phi 12.345");
        assertEquals(12.345 / RTD, s.crystal().phi0());
        // x*pi/180 is a different double for 12.345 and 95 (setup.md R6)
        assertNotEquals(12.345 * Math.PI / 180, s.crystal().phi0());
        assertEquals(95 / RTD, setup(B + " -phi 95").crystal().phi0());
        assertNotEquals(95 * Math.PI / 180, setup(B + " -phi 95").crystal().phi0());
        assertEquals(0x404CA5DC1A63C1F8L, Double.doubleToLongBits(RTD));
    }
}
