package org.nbparity.sim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.cli.Main;
import org.nbparity.sim.config.Convention;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Pivot;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.geometry.Sampling;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.setup.Prepared;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.source.Sources;

/**
 * Feeds every golden case's float image (compat and fixed oracle) through {@link OutputStage} and
 * requires the SMV int image, the SMV noise image and the PGM to be byte-identical to upstream's,
 * and the stdout after the render loop to equal upstream's tail.
 *
 * <p>The Setup is built by hand, not by the setup code: sizes, beam centres and the detector
 * vectors come from the case's argv, its pre-render summary (stdout.txt, %g values) and the
 * full-precision TRACE_C lines; the render statistics are computed from the float image as
 * render.md 4.24-4.25 says; omega_sum is recomputed from the geometry (render.md 4.5-4.9).
 */
class GoldenOutputTest {
    private static final Path SHARED = Path.of(System.getProperty("nb.shared", "../shared"));
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    /** Diagnostic switch: ignore the trace files and use only the 6-digit stdout summary. */
    private static final boolean NO_TRACE = Boolean.getBoolean("nb.io.noTrace");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : goldenDirs()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName() + " compat", () -> runCase(dir, dir)));
            tests.add(DynamicTest.dynamicTest(dir.getFileName() + " fixed", () -> runCase(dir, dir.resolve("fixed"))));
        }
        if (tests.isEmpty()) {
            fail("no golden cases in " + SHARED.resolve("golden"));
        }
        return tests.stream();
    }

    /** The golden case folders v01..v09; with CI=true their absence fails, otherwise skips. */
    private static List<Path> goldenDirs() throws IOException {
        Path golden = SHARED.resolve("golden");
        if (!Files.isDirectory(golden)) {
            if (CI) {
                fail("golden directory missing: " + golden);
            }
            Assumptions.abort("no goldens at " + golden);
        }
        try (Stream<Path> dirs = Files.list(golden)) {
            return dirs.filter(p -> p.getFileName().toString().matches("v\\d\\d_.*")).sorted().toList();
        }
    }

    /** Extra upstream-oracle cases stored with the tests (see oracle-cases/README.md). */
    @TestFactory
    Stream<DynamicTest> oracleCases() throws Exception {
        Path root = Path.of(GoldenOutputTest.class.getResource("oracle-cases").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runCase(dir, dir)));
            }
        }
        assertEquals(4, tests.size());
        return tests.stream();
    }

    /**
     * The same comparison with the Setup built by the real setup code from the case's argv
     * ({@code cli.Main.prepare}, branch h-setup), its shared ran1 table and its noise seed: the
     * SMV header values then come from setup, not from the printed summary.
     */
    @TestFactory
    Stream<DynamicTest> goldenCasesThroughSetup() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : goldenDirs()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName() + " compat", () -> runThroughSetup(dir, dir, "compat")));
            tests.add(DynamicTest.dynamicTest(dir.getFileName() + " fixed", () -> runThroughSetup(dir, dir.resolve("fixed"), "fixed")));
        }
        return tests.stream();
    }

    private void runThroughSetup(Path caseDir, Path outputDir, String mode) throws IOException {
        GoldenCase byHand = GoldenCase.load(caseDir, outputDir);
        Path run = Files.createTempDirectory(tmp, "setup");
        for (String input : inputs(Files.readString(caseDir.resolve("case.json")))) {
            Path src = Files.exists(caseDir.resolve(input)) ? caseDir.resolve(input) : SHARED.resolve("golden/inputs").resolve(input);
            Files.copy(src, run.resolve(input));
        }
        List<String> args = new ArrayList<>(GoldenCase.argv(Files.readString(caseDir.resolve("case.json"))));
        args.add(0, "-mode");
        args.add(1, mode);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.US_ASCII);
        Prepared prep = Main.prepare(args.toArray(new String[0]), 0L, sink, sink, run);
        Setup setup = prep.setup();
        OutputOptions o = byHand.options;
        GoldenCase c = new GoldenCase();
        c.setup = setup;
        c.options = new OutputOptions(o.floatFile(), o.intFile(), o.pgmFile(), o.noiseFile(), o.intfileScale(),
                o.pgmScale(), o.adcOffset(), prep.noiseSeed(), false);
        c.result = GoldenCase.renderStatistics(byHand.result.floatImage(), setup.detector(), setup.sampling().oversample(),
                setup.sampling().oversampleOmega(), setup.sources().beam());
        compare(c, outputDir, prep.ran1());
    }

    private static List<String> inputs(String json) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"path\"").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private void runCase(Path caseDir, Path outputDir) throws IOException {
        compare(GoldenCase.load(caseDir, outputDir), outputDir, new Ran1());
    }

    private void compare(GoldenCase c, Path outputDir, Ran1 ran1) throws IOException {
        Path work = Files.createTempDirectory(tmp, outputDir.getFileName().toString());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(stdout, true, StandardCharsets.US_ASCII)) {
            OutputStage.write(c.setup, c.options, c.result, ran1, ps, work);
        }
        String golden = Files.readString(outputDir.resolve("stdout.txt"), StandardCharsets.US_ASCII);
        int tail = golden.lastIndexOf("\nsolid angle subtended");
        assertTrue(tail >= 0, "no end-of-run lines in golden stdout");
        assertEquals(golden.substring(tail), stdout.toString(StandardCharsets.US_ASCII), "stdout after the loop");

        // every output upstream wrote (stored as <name>.gz) must be written byte-identically, and nothing else
        List<String> expected;
        try (Stream<Path> gz = Files.list(outputDir)) {
            expected = gz.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gz"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
        List<String> written;
        try (Stream<Path> w = Files.list(work)) {
            written = w.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(expected, written, "files written (temp files must not remain)");
        for (String name : expected) {
            assertBytes(name, gunzip(outputDir.resolve(name + ".gz")), Files.readAllBytes(work.resolve(name)));
        }
        assertTrue(expected.size() >= 2, "a case writes at least the float and the int image");
    }

    private static void assertBytes(String name, byte[] expected, byte[] actual) {
        assertEquals(expected.length, actual.length, name + " length");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                int from = Math.max(0, i - 40);
                fail(name + ": first difference at byte " + i + " expected ..."
                        + printable(expected, from, i + 20) + "... got ..." + printable(actual, from, i + 20) + "...");
            }
        }
    }

    private static String printable(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, b.length); i++) {
            int v = b[i] & 0xff;
            sb.append(v >= 32 && v < 127 ? String.valueOf((char) v) : String.format("\\x%02x", v));
        }
        return sb.toString();
    }

    static byte[] gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** One golden case turned into OutputStage inputs. */
    static final class GoldenCase {
        Setup setup;
        OutputOptions options;
        RenderResult result;

        static GoldenCase load(Path caseDir, Path outputDir) throws IOException {
            List<String> argv = argv(Files.readString(caseDir.resolve("case.json")));
            String stdout = Files.readString(outputDir.resolve("stdout.txt"));
            Map<String, double[]> trace = new HashMap<>();
            try (Stream<Path> files = Files.list(caseDir)) {
                Path t = files.filter(p -> p.getFileName().toString().startsWith("trace_")).sorted().findFirst()
                        .orElse(null);
                for (String line : t == null || NO_TRACE ? List.<String>of() : Files.readAllLines(t)) {
                    String[] w = line.trim().split("\\s+");
                    if (w.length >= 3 && w[0].equals("TRACE_C:") && !trace.containsKey(w[1])) {
                        double[] v = new double[w.length - 2];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = Double.parseDouble(w[i + 2]);
                        }
                        trace.put(w[1], v);
                    }
                }
            }
            double[] det = nums(stdout, "distance=(\\S+) detsize=(\\S+)x(\\S+)  pixel=(\\S+) meters \\((\\d+)x(\\d+) pixels\\)");
            double[] xy = nums(stdout, "  Xbeam=(\\S+) Ybeam=(\\S+)\n");
            double[] sensor = nums(stdout, "sensor is (\\S+) m thick in (\\d+) layers");
            double[] roiv = nums(stdout, "roi: (-?\\d+) < x < (-?\\d+) && (-?\\d+) < y < (-?\\d+)");
            double[] os = nums(stdout, "  (\\d+)x\\d+ pixel oversample steps");
            double[] beam = nums(stdout, "INCIDENT_BEAM_DIRECTION= (\\S+) (\\S+) (\\S+)\n");
            double[] odetPrinted = nums(stdout, "DIRECTION_OF_DETECTOR_Z-AXIS= (\\S+) (\\S+) (\\S+)\n");
            int sources = (int) nums(stdout, "  (\\d+) sources\n")[0];
            int domains = (int) nums(stdout, "  (\\d+) mosaic domains over")[0];
            int phisteps = (int) nums(stdout, "  (\\d+) phi steps from")[0];
            boolean curved = stdout.contains("curved detector: all pixels same distance from origin");

            int fpixels = (int) det[4];
            int spixels = (int) det[5];
            double pixelSize = Double.parseDouble(arg(argv, "-pixel", "0.1")) / 1000.0;
            double[] pix0 = trace.get("pix0_vector_meters");
            double[] fdet = trace.get("fdet_vec");
            double[] sdet = trace.get("sdet_vec");
            double closeDistance;
            if (pix0 == null) {
                // no trace: fall back to the 6-digit summary (dials origin = 1000*(pix0_z, pix0_y, -pix0_x))
                double[] dialsPrinted = nums(stdout, "  dials origin= (\\S+) (\\S+) (\\S+)\n");
                pix0 = new double[] {-dialsPrinted[2] / 1000.0, dialsPrinted[1] / 1000.0, dialsPrinted[0] / 1000.0};
                fdet = nums(stdout, "DIRECTION_OF_DETECTOR_X-AXIS= (\\S+) (\\S+) (\\S+)\n");
                sdet = nums(stdout, "DIRECTION_OF_DETECTOR_Y-AXIS= (\\S+) (\\S+) (\\S+)\n");
                closeDistance = dot(pix0, odetPrinted);
            } else {
                closeDistance = trace.get("close_distance_meters")[0];
            }
            // setup.md S11/S13: ratio from the normal rotated without two-theta, then the beam spot
            String convention = first(stdout, "(\\w+) convention selected");
            double[] o0 = argv.contains("-odet_vector") ? vec(argv, "-odet_vector")
                    : switch (convention) {
                        case "mosflm", "denzo" -> new double[] {1, 0, 0};
                        default -> new double[] {0, 0, 1};
                    };
            double rtd = OutputStage.RTD;
            double[] t = rotate(o0, Double.parseDouble(arg(argv, "-detector_rotx", "0")) / rtd,
                    Double.parseDouble(arg(argv, "-detector_roty", "0")) / rtd,
                    Double.parseDouble(arg(argv, "-detector_rotz", "0")) / rtd);
            double ratio = dot(beam, t);
            double distance = closeDistance / ratio;
            double[] n = new double[3];
            for (int i = 0; i < 3; i++) {
                n[i] = (closeDistance / ratio) * beam[i] - pix0[i];
            }
            double fbeam = dot(fdet, n);
            double sbeam = dot(sdet, n);
            int oversample = (int) os[0];
            int thicksteps = (int) sensor[1];
            double thick = sensor[0];
            double thickstep = thicksteps > 1 ? thick / (thicksteps - 1) : 0.0;
            double[] odet = odetPrinted;
            double fclose = -dot(pix0, fdet);
            double sclose = -dot(pix0, sdet);
            double[] dials = {1000.0 * dot(pix0, new double[] {0, 0, 1}), 1000.0 * dot(pix0, new double[] {0, 1, 0}),
                1000.0 * dot(pix0, new double[] {-1, 0, 0})};
            double twotheta = Double.parseDouble(arg(argv, "-twotheta", "0")) / rtd;
            double phi0 = Double.parseDouble(arg(argv, "-phi", "0")) / rtd;
            double osc = Double.parseDouble(arg(argv, "-osc", "0")) / rtd;
            Roi roi = new Roi((int) roiv[0], (int) roiv[1], (int) roiv[2], (int) roiv[3]);
            DetectorReport report = new DetectorReport(Convention.MOSFLM, Pivot.BEAM, pixelSize * fpixels,
                    pixelSize * spixels, xy[0], xy[1], fbeam, sbeam, fclose, sclose,
                    fclose / pixelSize + 0.5, sclose / pixelSize + 0.5, dials, twotheta, new double[3], 0, 0, 0);
            boolean pointPixel = argv.contains("-point_pixel");
            boolean omegaEach = argv.contains("-oversample_omega");
            DetectorGeometry geometry = new DetectorGeometry(fpixels, spixels, pixelSize, fdet, sdet, odet, pix0,
                    distance, closeDistance, curved, pointPixel, thicksteps, thickstep, thick, 0, roi, null, report);
            double lambda0 = Double.parseDouble(arg(argv, "-lambda", "1")) / 1e10;
            Sources src = new Sources(new double[0], new double[0], new double[0], new double[0], new double[0],
                    lambda0, beam, new double[] {0, 0, 1}, 0, false);
            Crystal crystal = new Crystal(null, null, null, null, null, null, 0, 1, 1, 1, null, 1,
                    phi0, 0, phisteps, osc, new double[] {0, 0, 1}, 0, domains, null);
            int steps = sources * domains * phisteps * oversample * oversample;
            Sampling sampling = new Sampling(oversample, pixelSize / oversample, false, false, omegaEach);
            GoldenCase c = new GoldenCase();
            c.setup = new Setup(outputDir.getFileName().toString().equals("fixed") ? Mode.FIXED : Mode.COMPAT,
                    geometry, sampling, src, crystal, null, false, 0, 0, 0, 0, 0, steps, null);

            boolean pgm = true;
            boolean noise = true;
            for (String a : argv) {
                switch (a) {
                    case "-nopgm" -> pgm = false;
                    case "-pgmfile", "-pgmimage", "-pgmscale" -> pgm = true;
                    case "-nonoise" -> noise = false;
                    case "-noisefile", "-noiseimage" -> noise = true;
                    default -> { }
                }
            }
            long seed = -Long.parseLong(arg(argv, "-seed", "0"));
            c.options = new OutputOptions(Path.of(arg(argv, "-floatfile", "floatimage.bin")),
                    Path.of(arg(argv, "-intfile", "intimage.img")),
                    pgm ? Path.of(arg(argv, "-pgmfile", "image.pgm")) : null,
                    noise ? Path.of(arg(argv, "-noisefile", "noiseimage.img")) : null,
                    Double.parseDouble(arg(argv, "-scale", "0")), Double.parseDouble(arg(argv, "-pgmscale", "0")),
                    Double.parseDouble(arg(argv, "-adc", "40")), seed, false);

            byte[] raw = gunzip(outputDir.resolve(c.options.floatFile() + ".gz"));
            float[] image = new float[fpixels * spixels];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(image);
            c.result = renderStatistics(image, geometry, oversample, omegaEach, beam);
            return c;
        }

        /** render.md 4.24-4.25 in serial order, and omega_sum from render.md 4.5-4.9. */
        static RenderResult renderStatistics(float[] image, DetectorGeometry g, int oversample, boolean omegaEach,
                                             double[] beam) {
            double maxI = 0.0;
            double maxX = 0;
            double maxY = 0;
            double sum = 0;
            double sumsqr = 0;
            double sumn = 0;
            double omegaSum = 0;
            double sub = g.pixelSize() / oversample;
            for (int s = 0; s < g.spixels(); s++) {
                for (int f = 0; f < g.fpixels(); f++) {
                    if (!g.roi().contains(f, s)) {
                        continue;
                    }
                    double omega = 0.0;
                    for (int t = 0; t < g.thicksteps(); t++) {
                        double odet = t * g.thickstep();
                        for (int ss = 0; ss < oversample; ss++) {
                            for (int sf = 0; sf < oversample; sf++) {
                                double fd = sub * (f * oversample + sf) + sub / 2.0;
                                double sd = sub * (s * oversample + ss) + sub / 2.0;
                                if (omega == 0.0 || omegaEach) {
                                    double air = airpath(g, fd, sd, odet, beam);
                                    omega = g.pointPixel() ? (1.0 / air) / air
                                            : (((g.pixelSize() * g.pixelSize()) / air) / air) * g.closeDistance() / air;
                                }
                                omegaSum += omega;
                            }
                        }
                    }
                    float v = image[s * g.fpixels() + f];
                    if ((double) v > maxI) {
                        maxI = v;
                        maxX = sub * (f * oversample + oversample - 1) + sub / 2.0;
                        maxY = sub * (s * oversample + oversample - 1) + sub / 2.0;
                    }
                    sum += v;
                    sumsqr += (double) (v * v);
                    sumn += 1;
                }
            }
            return new RenderResult(image, maxI, maxX, maxY, sum, sumsqr, sumn, omegaSum);
        }

        private static double airpath(DetectorGeometry g, double fd, double sd, double od, double[] beam) {
            double[] p = new double[3];
            for (int i = 0; i < 3; i++) {
                p[i] = ((fd * g.fdet()[i] + sd * g.sdet()[i]) + od * g.odet()[i]) + g.pix0()[i];
            }
            if (g.curved()) {
                double[] v = {g.distance() * beam[0], g.distance() * beam[1], g.distance() * beam[2]};
                double angS = p[1] / g.distance();
                double angF = p[2] / g.distance();
                p = rotateAxis(rotateAxis(v, g.sdet(), angS), g.fdet(), angF);
            }
            return Math.sqrt((p[0] * p[0] + p[1] * p[1]) + p[2] * p[2]);
        }

        private static double[] rotateAxis(double[] v, double[] n, double phi) {
            double s = Math.sin(phi);
            double c = Math.cos(phi);
            double d = ((n[0] * v[0] + n[1] * v[1]) + n[2] * v[2]) * (1.0 - c);
            return new double[] {(n[0] * d + v[0] * c) + ((-n[2]) * v[1] + n[1] * v[2]) * s,
                (n[1] * d + v[1] * c) + (n[2] * v[0] - n[0] * v[2]) * s,
                (n[2] * d + v[2] * c) + ((-n[1]) * v[0] + n[0] * v[1]) * s};
        }

        private static double[] rotate(double[] v, double rx, double ry, double rz) {
            double[] r = v.clone();
            if (rx != 0) {
                r = new double[] {r[0], r[1] * Math.cos(rx) + r[2] * (-Math.sin(rx)), r[1] * Math.sin(rx) + r[2] * Math.cos(rx)};
            }
            if (ry != 0) {
                r = new double[] {(r[0] * Math.cos(ry) + r[1] * 0) + r[2] * Math.sin(ry), r[1],
                    (r[0] * (-Math.sin(ry)) + r[1] * 0) + r[2] * Math.cos(ry)};
            }
            if (rz != 0) {
                r = new double[] {r[0] * Math.cos(rz) + r[1] * (-Math.sin(rz)), r[0] * Math.sin(rz) + r[1] * Math.cos(rz), r[2]};
            }
            return r;
        }

        private static String first(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("stdout has no match for " + regex);
            }
            return m.group(1);
        }

        private static double[] vec(List<String> argv, String flag) {
            int i = argv.lastIndexOf(flag);
            return new double[] {Double.parseDouble(argv.get(i + 1)), Double.parseDouble(argv.get(i + 2)),
                Double.parseDouble(argv.get(i + 3))};
        }

        private static double dot(double[] x, double[] y) {
            return (x[0] * y[0] + x[1] * y[1]) + x[2] * y[2];
        }

        private static double[] nums(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                throw new UncheckedIOException(new IOException("stdout has no match for " + regex));
            }
            double[] v = new double[m.groupCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(m.group(i + 1));
            }
            return v;
        }

        private static String arg(List<String> argv, String flag, String def) {
            int i = argv.lastIndexOf(flag);
            return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : def;
        }

        static List<String> argv(String json) {
            Matcher m = Pattern.compile("\"argv\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("case.json without argv");
            }
            List<String> out = new ArrayList<>();
            Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
            while (s.find()) {
                out.add(s.group(1));
            }
            return out;
        }
    }
}
