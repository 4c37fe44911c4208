package org.nbparity.harness.campaign;

import org.nbparity.sim.cli.Main;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.setup.Prepared;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws campaign cases, deterministically from a seed: case {@code i} uses its own
 * {@link SplittableRandom} seeded from (seed, i) (SplittableRandom's algorithm is fixed by its
 * specification, so the same seed gives the same cases on every JDK). Its primary feature is
 * {@code features[i % features.size()]} (stratified: every feature is primary equally often, give or
 * take one); every other chosen feature joins with probability {@code mix}. Every case is small
 * (16-40 pixels a side, at most {@link #WORK_BUDGET} sub-pixel steps) and valid: its argv goes through
 * the simulator's own parser and setup ({@link Main#prepare}) in a scratch directory with its input
 * files, and a draw the simulator refuses or that is too large is drawn again from the same stream.
 */
public final class CaseGenerator {
    /** Pixels x steps x detector layers a case may cost (about a second for both sides with traces). */
    public static final long WORK_BUDGET = 1_500_000L;
    private static final int MAX_DRAWS = 200;

    /**
     * One generated case.
     *
     * @param id        case id ({@code c0007_mosaic})
     * @param primary   its stratum
     * @param features  every feature in it (primary first)
     * @param mode      compat or fixed
     * @param argv      the program arguments
     * @param inputs    generated input files by the name the programs see
     * @param slow      image pixels along slow
     * @param fast      image pixels along fast
     * @param trace     the traced pixel {@code [s, f]}
     * @param work      pixels x steps x layers
     */
    public record Generated(String id, Feature primary, List<Feature> features, String mode, List<String> argv,
                            Map<String, byte[]> inputs, int slow, int fast, List<Integer> trace, long work) {
    }

    private final long seed;
    private final List<Feature> features;
    private final double mix;
    private final Path scratch;

    /**
     * @param seed     campaign seed
     * @param features the strata (non-empty)
     * @param mix      probability that each other feature joins a case
     * @param scratch  a directory for the validation runs
     */
    public CaseGenerator(long seed, List<Feature> features, double mix, Path scratch) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no features");
        }
        this.seed = seed;
        this.features = List.copyOf(features);
        this.mix = mix;
        this.scratch = scratch;
    }

    /** Case {@code index} (0-based) of the campaign. */
    public Generated generate(int index) throws IOException {
        Feature primary = features.get(index % features.size());
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String id = String.format(Locale.ROOT, "c%04d_%s", index + 1, primary.id());
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Set<Feature> fs = EnumSet.of(primary);
            if (draw < MAX_DRAWS / 2) { // after half the draws, the primary feature alone
                for (Feature f : features) {
                    if (f != primary && rng.nextDouble() < mix) {
                        fs.add(f);
                    }
                }
            }
            Generated g = draw(id, primary, fs, rng);
            if (g != null) {
                return g;
            }
        }
        throw new IOException("case " + id + ": no valid draw in " + MAX_DRAWS + " attempts");
    }

    /** One draw; null when the simulator refuses it or it is too large. */
    private Generated draw(String id, Feature primary, Set<Feature> fs, SplittableRandom r) throws IOException {
        List<String> a = new ArrayList<>();
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        int n = 16 + r.nextInt(25);
        double pixelMm = pick(r, 0.2, 0.3, 0.4, 0.5);
        double distanceMm = 60 + r.nextInt(121);
        double lambdaA = 0.8 + r.nextInt(81) / 100.0;
        String cellA = num(30 + r.nextInt(50));

        if (fs.contains(Feature.IMG_MASK)) {
            String name = "frame.img";
            inputs.put(name, smv(r, n, pixelMm, distanceMm, lambdaA));
            switch (r.nextInt(3)) {
                case 0 -> a.addAll(List.of("-img", name));
                case 1 -> a.addAll(List.of("-mask", name));
                default -> a.addAll(List.of("-img", name, "-mask", name));
            }
        }
        if (fs.contains(Feature.CONVENTION)) {
            double half = n * pixelMm / 2;
            switch (r.nextInt(5)) {
                case 0 -> a.addAll(List.of("-mosflm", "-Xbeam", f2(half + off(r)), "-Ybeam", f2(half + off(r))));
                case 1 -> a.addAll(List.of("-xds", "-ORGX", f2(n / 2.0 + off(r)), "-ORGY", f2(n / 2.0 + off(r))));
                case 2 -> a.addAll(List.of("-denzo", "-Xbeam", f2(half + off(r)), "-Ybeam", f2(half + off(r))));
                case 3 -> a.addAll(List.of("-adxv", "-Xbeam", f2(half + off(r)), "-Ybeam", f2(half + off(r))));
                default -> {
                    a.add("-dials");
                    if (r.nextBoolean()) {
                        a.addAll(List.of("-pivot", r.nextBoolean() ? "beam" : "sample"));
                    }
                }
            }
        }
        if (fs.contains(Feature.CELL)) {
            a.addAll(List.of("-cell", num(30 + r.nextInt(50)), num(30 + r.nextInt(50)), num(30 + r.nextInt(50)),
                    f1(75 + r.nextInt(300) / 10.0), f1(75 + r.nextInt(300) / 10.0), f1(75 + r.nextInt(300) / 10.0)));
        } else {
            a.addAll(List.of("-cell", cellA, cellA, cellA, "90", "90", "90"));
        }
        boolean hkl = fs.contains(Feature.HKL) || fs.contains(Feature.INTERPOLATION);
        if (hkl) {
            inputs.put("gen.hkl", hkl(r));
            a.addAll(List.of("-hkl", "gen.hkl"));
            if (r.nextBoolean()) {
                a.addAll(List.of("-default_F", num(1 + r.nextInt(50))));
            }
        } else {
            a.addAll(List.of("-default_F", num(5 + r.nextInt(200))));
        }
        a.addAll(List.of("-lambda", f2(lambdaA), "-distance", num(distanceMm), "-pixel", f1(pixelMm),
                "-detpixels", num(n), "-N", num(2 + r.nextInt(4))));
        if (fs.contains(Feature.SHAPE)) {
            a.add(pick(r, "-round_xtal", "-square_xtal", "-gauss_xtal", "-tophat_spots", "-binary_spots"));
            if (r.nextBoolean()) {
                a.addAll(List.of("-fudge", f2(0.5 + r.nextInt(100) / 100.0)));
            }
        }
        if (fs.contains(Feature.MISSET)) {
            if (r.nextBoolean()) {
                a.addAll(List.of("-misset", f1(r.nextInt(3600) / 10.0 - 180), f1(r.nextInt(3600) / 10.0 - 180),
                        f1(r.nextInt(3600) / 10.0 - 180)));
            } else {
                a.addAll(List.of("-misset_seed", num(1 + r.nextInt(100000)), "-misset", "random"));
            }
        }
        if (fs.contains(Feature.MOSAIC)) {
            a.addAll(List.of("-mosaic", f2(0.1 + r.nextInt(90) / 100.0), "-mosaic_domains", num(2 + r.nextInt(4)),
                    "-mosaic_seed", num(1 + r.nextInt(100000))));
        }
        if (fs.contains(Feature.PHI)) {
            int steps = 2 + r.nextInt(3);
            double step = pick(r, 0.25, 0.5);
            // a step that lands exactly on phi 0: phi0 = -j*step, exact in binary and in decimal
            double phi0 = r.nextBoolean() ? -(1 + r.nextInt(steps - 1)) * step : r.nextInt(90);
            a.addAll(List.of("-phi", fmt(phi0), "-osc", fmt(step * steps), "-phisteps", num(steps)));
        }
        if (fs.contains(Feature.DIVERGENCE)) {
            if (r.nextBoolean()) {
                a.addAll(List.of("-divergence", f2(0.1 + r.nextInt(90) / 100.0), "-divsteps", num(2 + r.nextInt(2))));
            } else {
                a.addAll(List.of("-hdivrange", f2(0.1 + r.nextInt(90) / 100.0), "-vdivrange",
                        f2(0.1 + r.nextInt(90) / 100.0), "-hdivsteps", num(2 + r.nextInt(2)), "-vdivsteps",
                        num(1 + r.nextInt(2))));
            }
            if (r.nextBoolean()) {
                a.add(r.nextBoolean() ? "-round_div" : "-square_div");
            }
        }
        if (fs.contains(Feature.DISPERSION)) {
            a.addAll(List.of("-dispersion", f2(0.1 + r.nextInt(90) / 100.0), "-dispsteps", num(2 + r.nextInt(2))));
        }
        if (fs.contains(Feature.SOURCEFILE)) {
            inputs.put("sources.txt", sources(r, lambdaA));
            a.addAll(List.of("-sourcefile", "sources.txt"));
        }
        if (fs.contains(Feature.OVERSAMPLE)) {
            a.addAll(List.of("-oversample", num(2 + r.nextInt(2))));
            for (String flag : List.of("-oversample_thick", "-oversample_polar", "-oversample_omega")) {
                if (r.nextBoolean()) {
                    a.add(flag);
                }
            }
        }
        if (fs.contains(Feature.THICKNESS)) {
            a.addAll(List.of("-detector_thick", num(50 + r.nextInt(250)), "-detector_abs", num(100 + r.nextInt(900)),
                    "-detector_thicksteps", num(2 + r.nextInt(2))));
        }
        if (fs.contains(Feature.POLARIZATION)) {
            if (r.nextInt(3) == 0) {
                a.add("-nopolar");
            } else {
                a.addAll(List.of("-polar", f2(r.nextInt(101) / 100.0)));
            }
        }
        if (fs.contains(Feature.CURVED)) {
            a.add("-curved_det"); // never the last token (upstream ignores a trailing one)
        }
        if (fs.contains(Feature.TWOTHETA)) {
            a.addAll(List.of("-twotheta", f1(2 + r.nextInt(180) / 10.0)));
            if (r.nextBoolean()) {
                a.addAll(List.of("-pivot", r.nextBoolean() ? "beam" : "sample"));
            }
        }
        if (fs.contains(Feature.ROTATIONS)) {
            a.addAll(List.of("-detector_rotx", f1(r.nextInt(61) / 10.0 - 3), "-detector_roty",
                    f1(r.nextInt(61) / 10.0 - 3), "-detector_rotz", f1(r.nextInt(61) / 10.0 - 3)));
        }
        int traceS = n / 2;
        int traceF = n / 2;
        if (fs.contains(Feature.ROI)) {
            int x0 = r.nextInt(n / 2);
            int x1 = x0 + 4 + r.nextInt(n - x0 - 4);
            int y0 = r.nextInt(n / 2);
            int y1 = y0 + 4 + r.nextInt(n - y0 - 4);
            a.addAll(List.of("-roi", num(x0), num(x1), num(y0), num(y1)));
            traceS = (y0 + y1) / 2; // -roi is x (fast) then y (slow)
            traceF = (x0 + x1) / 2;
        }
        if (fs.contains(Feature.WATER)) {
            a.addAll(List.of("-water", num(10 + r.nextInt(190))));
        }
        if (fs.contains(Feature.DMIN)) {
            a.addAll(List.of("-dmin", f1(1.5 + r.nextInt(45) / 10.0)));
        }
        if (fs.contains(Feature.INTERPOLATION)) {
            a.add("-interpolate");
        }
        a.addAll(List.of("-floatfile", "float.bin", "-nopgm"));
        if (fs.contains(Feature.NOISE)) {
            a.addAll(List.of("-seed", num(1 + r.nextInt(100000))));
        } else {
            a.add("-nonoise");
        }
        String mode = fs.contains(Feature.FIXED_MODE) ? "fixed" : "compat";
        long[] shapeAndWork = check(a, mode, inputs);
        if (shapeAndWork == null || shapeAndWork[2] > WORK_BUDGET || traceS >= shapeAndWork[0]
                || traceF >= shapeAndWork[1]) {
            return null;
        }
        List<Feature> list = new ArrayList<>();
        list.add(primary);
        fs.stream().filter(f -> f != primary).forEach(list::add);
        return new Generated(id, primary, List.copyOf(list), mode, List.copyOf(a), inputs,
                (int) shapeAndWork[0], (int) shapeAndWork[1], List.of(traceS, traceF), shapeAndWork[2]);
    }

    /**
     * Runs the simulator's parser and setup on the argv in a fresh scratch directory holding the
     * inputs: {slow, fast, work}, or null when the simulator refuses it.
     */
    private long[] check(List<String> argv, String mode, Map<String, byte[]> inputs) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "check-");
        try {
            for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            List<String> args = new ArrayList<>(List.of("-mode", mode));
            args.addAll(argv);
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            Prepared p = Main.prepare(args.toArray(String[]::new), 1, sink, sink, dir);
            var det = p.setup().detector();
            long work = (long) det.spixels() * det.fpixels() * p.setup().steps() * Math.max(1, det.thicksteps());
            return new long[] {det.spixels(), det.fpixels(), work};
        } catch (UsageException | java.io.UncheckedIOException e) {
            return null;
        } finally {
            org.nbparity.harness.backend.RunDirs.remove(dir);
        }
    }

    /** A small HKL file: every h, k, l in a random cube around 0 with a random amplitude. */
    private static byte[] hkl(SplittableRandom r) {
        int m = 2 + r.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int h = -m; h <= m; h++) {
            for (int k = -m; k <= m; k++) {
                for (int l = -m; l <= m; l++) {
                    if (r.nextInt(10) > 0) { // a few missing reflections: -default_F or 0 fills them
                        sb.append(h).append(' ').append(k).append(' ').append(l).append(' ')
                                .append(f1(1 + r.nextInt(2000) / 10.0)).append('\n');
                    }
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A -sourcefile of 2-3 sources: position (m), weight, wavelength (m). */
    private static byte[] sources(SplittableRandom r, double lambdaA) {
        StringBuilder sb = new StringBuilder();
        int k = 2 + r.nextInt(2);
        for (int i = 0; i < k; i++) {
            sb.append("-10 ").append(fmt((r.nextInt(11) - 5) / 1000.0)).append(' ')
                    .append(fmt((r.nextInt(11) - 5) / 1000.0)).append(' ')
                    .append(f2(0.5 + r.nextInt(51) / 100.0)).append(' ')
                    .append(String.format(Locale.ROOT, "%.3fe-10", lambdaA * (1 + (r.nextInt(21) - 10) / 1000.0)))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** An SMV file (512-byte header, unsigned shorts) whose header matches the case's detector. */
    private static byte[] smv(SplittableRandom r, int n, double pixelMm, double distanceMm, double lambdaA) {
        double centre = n * pixelMm / 2;
        String header = "{\nHEADER_BYTES=512;\nDIM=2;\nBYTE_ORDER=little_endian;\nTYPE=unsigned_short;\n"
                + "SIZE1=" + n + ";\nSIZE2=" + n + ";\nPIXEL_SIZE=" + fmt(pixelMm) + ";\nDISTANCE=" + fmt(distanceMm)
                + ";\nWAVELENGTH=" + fmt(lambdaA) + ";\nBEAM_CENTER_X=" + f2(centre) + ";\nBEAM_CENTER_Y=" + f2(centre)
                + ";\nPHI=0;\nOSC_START=0;\nOSC_RANGE=0;\nTWOTHETA=0;\n}\n";
        ByteBuffer b = ByteBuffer.allocate(512 + 2 * n * n).order(ByteOrder.LITTLE_ENDIAN);
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        b.put(h);
        for (int i = h.length; i < 512; i++) {
            b.put((byte) ' ');
        }
        for (int i = 0; i < n * n; i++) {
            b.putShort((short) (r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(1000))); // 0 = masked pixel
        }
        return b.array();
    }

    private static double off(SplittableRandom r) {
        return (r.nextInt(41) - 20) / 10.0;
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static double pick(SplittableRandom r, double a, double b) {
        return r.nextBoolean() ? a : b;
    }

    private static double pick(SplittableRandom r, double a, double b, double c, double d) {
        return new double[] {a, b, c, d}[r.nextInt(4)];
    }

    private static String num(double v) {
        return fmt(v);
    }

    /** Shortest decimal of a double with at most 6 decimals, no exponent, no trailing zeros. */
    static String fmt(double v) {
        String s = new java.math.BigDecimal(String.format(Locale.ROOT, "%.6f", v)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String f1(double v) {
        return fmt(Math.round(v * 10) / 10.0);
    }

    private static String f2(double v) {
        return fmt(Math.round(v * 100) / 100.0);
    }
}
