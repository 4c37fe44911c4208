package org.nbparity.sim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.config.Convention;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Pivot;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.geometry.Sampling;
import org.nbparity.sim.io.AtomicFiles;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.source.Sources;

/** OutputStage rules on small synthetic images (io-rng.md 9-11). */
class OutputStageTest {
    @TempDir
    Path dir;

    static Setup setup(int fpixels, int spixels, Roi roi, double fbeam, double sbeam, double orgx) {
        double px = 1e-4;
        DetectorReport report = new DetectorReport(Convention.MOSFLM, Pivot.BEAM, px * fpixels, px * spixels,
                0.0062, 0.0066, fbeam, sbeam, 0.0, 0.0, orgx, 2.5, new double[] {-6.65, 6.25, -100}, 0.0,
                new double[3], 0, 0, 0);
        DetectorGeometry g = new DetectorGeometry(fpixels, spixels, px, new double[] {0, 0, 1},
                new double[] {0, -1, 0}, new double[] {1, 0, 0}, new double[] {0.1, 0, 0}, 0.1, 0.1, false, false,
                1, 0, 0, 0, roi, null, report);
        Sources src = new Sources(new double[0], new double[0], new double[0], new double[0], new double[0], 1e-10,
                new double[] {1, 0, 0}, new double[] {0, 0, 1}, 0, false);
        Crystal crystal = new Crystal(null, null, null, null, null, null, 0, 1, 1, 1, null, 1, 0, 0, 1,
                0.1 / OutputStage.RTD, new double[] {0, 0, 1}, 0, 1, null);
        return new Setup(Mode.COMPAT, g, new Sampling(1, px, false, false, false), src, crystal, null, false, 0, 0, 0,
                0, 0, 1, null);
    }

    static RenderResult result(float[] image, int fpixels, Roi roi) {
        double max = 0;
        double sum = 0;
        double sumsqr = 0;
        double n = 0;
        for (int i = 0; i < image.length; i++) {
            if (!roi.contains(i % fpixels, i / fpixels)) {
                continue;
            }
            max = Math.max(max, image[i]);
            sum += image[i];
            sumsqr += (double) (image[i] * image[i]);
            n++;
        }
        return new RenderResult(image, max, 0.00015, 0.00025, sum, sumsqr, n, 4e-8);
    }

    static OutputOptions options(boolean pgm, boolean noise, double scale, double pgmScale, double adc,
                                         long seed, boolean bigEndian) {
        return new OutputOptions(Path.of("float.bin"), Path.of("int.img"), pgm ? Path.of("image.pgm") : null,
                noise ? Path.of("noise.img") : null, scale, pgmScale, adc, seed, bigEndian);
    }

    private String run(Setup s, OutputOptions o, RenderResult r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStage.write(s, o, r, new Ran1(), new PrintStream(out, true, StandardCharsets.US_ASCII), dir);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private int[] smvData(String name, int pixels, ByteOrder order) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve(name));
        ByteBuffer buf = ByteBuffer.wrap(b, b.length - 2 * pixels, 2 * pixels).order(order);
        int[] v = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            v[i] = buf.getShort() & 0xffff;
        }
        return v;
    }

    private static String headerText(byte[] file) {
        int end = 0;
        while (file[end] != '\f') {
            end++;
        }
        return new String(file, 0, end + 1, StandardCharsets.US_ASCII);
    }

    /** ROI, ADC offset, Q30 float rounding, both clips; out-of-ROI pixels stay 0, not the offset. */
    @Test
    void intImagePixelRules() throws IOException {
        Roi roi = new Roi(1, 2, 0, 1);
        float[] image = {
            9, 1, 0, 9,
            9, 2, -30, 9,
            9, 9, 9, 9};
        // test = 1*2.49999999 + 0 -> +0.5 = 2.99999999 -> (float) 3.0 -> 3 (double floor would give 2)
        String out = run(setup(4, 3, roi, 0.00665, 0.00625, 67), options(false, false, 2.49999999, 0, 0, -1, false),
                result(image, 4, roi));
        assertTrue(out.contains("intfile_scale = 2.5\n"), out);
        assertArrayEquals(new int[] {0, 3, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0}, smvData("int.img", 12, ByteOrder.LITTLE_ENDIAN));

        float[] bright = {0, 1e9f, 0, 1, 0, 0};
        Roi all = new Roi(0, 3, 0, 2);
        run(setup(3, 2, all, 0.00665, 0.00625, 67), options(false, false, 1.0, 0, 40, -1, false), result(bright, 3, all));
        assertArrayEquals(new int[] {40, 65535, 40, 41, 40, 40}, smvData("int.img", 6, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void autoScaleIs55000OverMaxOrOne() {
        Roi all = new Roi(0, 2, 0, 2);
        assertTrue(run(setup(2, 2, all, 0.00665, 0.00625, 67), options(false, false, 0, 0, 40, -1, false),
                result(new float[] {0, 0, 0, 0}, 2, all)).contains("max_I = 0  at 0.00015 0.00025\nmean= 0 rms= 0 rmsd= 0\nintfile_scale = 1\n"));
        assertTrue(run(setup(2, 2, all, 0.00665, 0.00625, 67), options(false, false, -3, 0, 40, -1, false),
                result(new float[] {0, 11, 0, 0}, 2, all)).contains("intfile_scale = 5000\n"));
    }

    /** The full end-of-run text and the SMV header of a known case (io-rng.md 10.2 example). */
    @Test
    void stdoutAndHeaderText() throws IOException {
        Roi all = new Roi(0, 2, 0, 2);
        String out = run(setup(2, 2, all, 0.00665, 0.00625, 67), options(true, false, 0, 0, 40, -1, false),
                result(new float[] {1, 2, 3, 4}, 2, all));
        assertEquals("\nsolid angle subtended by detector = 4e-08 steradian ( 3.1831e-07% sphere)\n"
                + "writing float.bin as 4 4-byte floats\n"
                + "max_I = 4  at 0.00015 0.00025\n"
                + "mean= 2.5 rms= 3.16228 rmsd= 1.29099\n"
                + "intfile_scale = 13750\n"
                + "writing int.img as 2-byte integers\n"
                + "pgm_scale = 38.7298\n"
                + "writing image.pgm as 1-byte integers\n", out);
        byte[] file = Files.readAllBytes(dir.resolve("int.img"));
        assertEquals(512 + 8, file.length);
        String h = headerText(file);
        assertEquals("{\nHEADER_BYTES=512;\nDIM=2;\nBYTE_ORDER=little_endian;\nTYPE=unsigned_short;\n"
                + "SIZE1=2;\nSIZE2=2;\nPIXEL_SIZE=0.1;\nDISTANCE=100;\nWAVELENGTH=1;\n"
                + "BEAM_CENTER_X=6.2;\nBEAM_CENTER_Y=6.6;\nADXV_CENTER_X=6.65;\nADXV_CENTER_Y=-6.05;\n"
                + "MOSFLM_CENTER_X=6.2;\nMOSFLM_CENTER_Y=6.6;\nDENZO_X_BEAM=6.25;\nDENZO_Y_BEAM=6.65;\n"
                + "DIALS_ORIGIN=-6.65,6.25,-100\nXDS_ORGX=67;\nXDS_ORGY=2.5;\nCLOSE_DISTANCE=100;\n"
                + "PHI=0;\nOSC_START=0;\nOSC_RANGE=0.1;\nTWOTHETA=0;\nDETECTOR_SN=000;\nBEAMLINE=fake;\n}\f", h);
        for (int i = h.length(); i < 512; i++) {
            assertEquals(' ', file[i], "padding byte " + i);
        }
        float[] floats = new float[4];
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve("float.bin"))).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
        assertArrayEquals(new float[] {1, 2, 3, 4}, floats);
    }

    /** DENZO lines: the int file prints -0 for a -0.0 beam value, the noise file prints 0. */
    @Test
    void denzoSignedZeroDiffersBetweenIntAndNoiseFiles() throws IOException {
        Roi all = new Roi(0, 2, 0, 2);
        run(setup(2, 2, all, -0.0, -0.0, 67), options(false, true, 0, 0, 40, -5, false), result(new float[] {1, 2, 3, 4}, 2, all));
        String intHeader = headerText(Files.readAllBytes(dir.resolve("int.img")));
        String noiseHeader = headerText(Files.readAllBytes(dir.resolve("noise.img")));
        assertTrue(intHeader.contains("DENZO_X_BEAM=-0;\nDENZO_Y_BEAM=-0;\n"), intHeader);
        assertTrue(noiseHeader.contains("DENZO_X_BEAM=0;\nDENZO_Y_BEAM=0;\n"), noiseHeader);
        assertEquals(intHeader.replace("DENZO_X_BEAM=-0;\nDENZO_Y_BEAM=-0;", "DENZO_X_BEAM=0;\nDENZO_Y_BEAM=0;"), noiseHeader);
        assertTrue(noiseHeader.contains("ADXV_CENTER_X=-0;\n"), noiseHeader);
    }

    /** A header over 512 bytes is neither padded nor truncated: the data follow it directly. */
    @Test
    void longHeaderIsNotTruncated() throws IOException {
        Roi all = new Roi(0, 2, 0, 2);
        double tiny = -1.2345678e-200;
        Setup s = setup(2, 2, all, tiny, tiny, tiny);
        DetectorGeometry g = s.detector();
        DetectorReport r = g.report();
        DetectorReport longer = new DetectorReport(r.convention(), r.pivot(), r.detsizeF(), tiny, tiny, tiny, tiny, tiny,
                tiny, tiny, tiny, tiny, new double[] {tiny, tiny, tiny}, tiny, r.twothetaAxis(), 0, 0, 0);
        DetectorGeometry g2 = new DetectorGeometry(2, 2, -1.2345678e-100, g.fdet(), g.sdet(), g.odet(), g.pix0(), tiny,
                tiny, false, false, 1, 0, 0, 0, all, null, longer);
        Setup s2 = new Setup(s.mode(), g2, s.sampling(), s.sources(), s.crystal(), null, false, 0, 0, 0, 0, 0, 1, null);
        run(s2, options(false, false, 1, 0, 40, -1, false), result(new float[] {1, 2, 3, 4}, 2, all));
        byte[] file = Files.readAllBytes(dir.resolve("int.img"));
        String h = headerText(file);
        assertTrue(h.length() > 512, "header is " + h.length() + " bytes");
        assertEquals(h.length() + 8, file.length);
        assertArrayEquals(new int[] {41, 42, 43, 44}, smvData("int.img", 4, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void bigEndianHostWritesBigEndianHeaderAndData() throws IOException {
        Roi all = new Roi(0, 2, 0, 2);
        run(setup(2, 2, all, 0.00665, 0.00625, 67), options(false, false, 1, 0, 258, -1, true), result(new float[] {1, 2, 3, 4}, 2, all));
        byte[] file = Files.readAllBytes(dir.resolve("int.img"));
        assertTrue(headerText(file).contains("BYTE_ORDER=big_endian;\n"));
        assertArrayEquals(new int[] {259, 260, 261, 262}, smvData("int.img", 4, ByteOrder.BIG_ENDIAN));
        assertEquals(0x3f800000, ByteBuffer.wrap(Files.readAllBytes(dir.resolve("float.bin"))).getInt());
    }

    /** PGM: pgm_scale given, else 250/(5*rmsd), else intfile_scale; truncation, 255 clip, ROI. */
    @Test
    void pgmScaleAndPixels() throws IOException {
        Roi roi = new Roi(0, 2, 0, 0);
        float[] image = {1.9f, 30f, 0.5f, 7f};
        String out = run(setup(2, 2, roi, 0.00665, 0.00625, 67), options(true, false, 0, 10, 40, -1, false),
                result(image, 2, roi));
        assertTrue(out.contains("pgm_scale = 10\nwriting image.pgm as 1-byte integers\n"), out);
        byte[] pgm = Files.readAllBytes(dir.resolve("image.pgm"));
        String header = "P5\n2 2\n# pixels scaled by 10\n255\n";
        assertEquals(header, new String(pgm, 0, header.length(), StandardCharsets.US_ASCII));
        // 1.9f is 1.89999998..., so 1.9f*10 truncates to 18
        assertArrayEquals(new byte[] {18, (byte) 255, 0, 0}, Arrays.copyOfRange(pgm, header.length(), pgm.length));

        // rmsd = 0 (all equal): falls back to intfile_scale = 55000/2
        Roi all = new Roi(0, 2, 0, 2);
        out = run(setup(2, 2, all, 0.00665, 0.00625, 67), options(true, false, 0, 0, 40, -1, false),
                result(new float[] {2, 2, 2, 2}, 2, all));
        assertTrue(out.contains("pgm_scale = 27500\n"), out);
    }

    /**
     * 900 pixels spanning the three Poisson regimes (16 below 12, 670 in 12..1e6, 214 above), seed
     * 2024. Expected values from upstream's poidev loop compiled outside the repository: the
     * photon/overload line and the sha256 of the 16-bit data.
     */
    @Test
    void noiseImageAcrossAllRegimes() throws IOException, NoSuchAlgorithmException {
        float[] image = new float[900];
        for (int i = 0; i < 900; i++) {
            image[i] = (float) i * (float) i * (float) i * 0.0031f + 0.25f * (float) (i % 7);
        }
        Roi all = new Roi(0, 30, 0, 30);
        String out = run(setup(30, 30, all, 0.00665, 0.00625, 67), options(false, true, 0, 0, 40, -2024, false),
                result(image, 30, all));
        assertTrue(out.endsWith("507352885 photons on noise image (623 overloads)\nwriting noise.img as 2-byte integers\n"), out);
        byte[] file = Files.readAllBytes(dir.resolve("noise.img"));
        assertEquals(512 + 1800, file.length);
        byte[] data = Arrays.copyOfRange(file, 512, file.length);
        assertEquals("62475c8746196fb3e8a734fd75fc015d9ee9c8abd9e6b942b2673c4767d913a6",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        assertArrayEquals(new int[] {40, 40, 40, 42, 42, 41, 43, 43, 40, 41},
                Arrays.copyOf(smvData("noise.img", 900, ByteOrder.LITTLE_ENDIAN), 10));
    }

    /** Outside the ROI the noise file keeps the int stage's 0; inside, masked pixels get poidev(0)+adc. */
    @Test
    void noiseOutsideRoiIsZero() throws IOException {
        Roi roi = new Roi(1, 1, 0, 0);
        run(setup(2, 2, roi, 0.00665, 0.00625, 67), options(false, true, 0, 0, 40, -3, false),
                result(new float[] {5, 0, 5, 5}, 2, roi));
        assertArrayEquals(new int[] {0, 40, 0, 0}, smvData("noise.img", 4, ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Quirk Q39: a positive seed variable (user {@code -seed -5}) does not re-seed; the noise stage
     * continues the table the mosaic draws left (here one domain: 3 draws on mosaic_seed
     * -12345678). Expected from upstream's ran1/poidev run in the same order outside the repository.
     */
    @Test
    void positiveSeedContinuesTheMosaicTable() throws IOException, NoSuchAlgorithmException {
        float[] image = new float[400];
        for (int i = 0; i < 400; i++) {
            image[i] = (float) i * 0.05f + (float) (i % 3) * 7.5f;
        }
        Ran1 shared = new Ran1();
        Ran1.Seed mosaicSeed = new Ran1.Seed(-12345678);
        for (int i = 0; i < 3; i++) {
            shared.next(mosaicSeed);
        }
        Roi all = new Roi(0, 20, 0, 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStage.write(setup(20, 20, all, 0.00665, 0.00625, 67), options(false, true, 0, 0, 40, 5, false),
                result(image, 20, all), shared, new PrintStream(out, true, StandardCharsets.US_ASCII), dir);
        assertTrue(out.toString(StandardCharsets.US_ASCII).contains("6995 photons on noise image (0 overloads)\n"));
        byte[] file = Files.readAllBytes(dir.resolve("noise.img"));
        assertEquals("1aef83bae1f846eb0184a2d0e99d6cae2dd8b9860298efdbf43cebc02524ce73",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(file, 512, file.length))));
    }

    /** A failure on the last file: one-line error naming it, earlier files complete, no temp files. */
    @Test
    void writeFailureOnNoiseFileLeavesNoPartialFile() throws IOException {
        Roi all = new Roi(0, 2, 0, 2);
        AtomicFiles failing = new AtomicFiles(temp -> {
            if (temp.getFileName().toString().startsWith(".noise.img")) {
                Files.createFile(temp);
                throw new IOException("No space left on device");
            }
            return Files.newOutputStream(temp);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> OutputStage.write(
                setup(2, 2, all, 0.00665, 0.00625, 67), options(true, true, 0, 0, 40, -1, false),
                result(new float[] {1, 2, 3, 4}, 2, all), new Ran1(), new PrintStream(out), dir, failing));
        assertEquals("cannot write " + dir.resolve("noise.img") + ": No space left on device", e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("float.bin", "image.pgm", "int.img"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(520, Files.size(dir.resolve("int.img")));
        assertFalse(Files.exists(dir.resolve("noise.img")));
    }
    @Test
    void defaultSeedIsMinusTheClockInSeconds() {
        long before = System.currentTimeMillis() / 1000;
        long seed = OutputOptions.upstreamDefaultSeed();
        long after = System.currentTimeMillis() / 1000;
        assertTrue(seed <= -before && seed >= -after, "seed " + seed);
    }
}
