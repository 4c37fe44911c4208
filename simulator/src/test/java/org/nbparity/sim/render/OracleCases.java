package org.nbparity.sim.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.crystal.StructureFactors;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.setup.Setup;

/**
 * Small cases rendered by the upstream oracle binaries (serial compat build, fixed build, OpenMP
 * build) and stored under test resources {@code oracle/}. Every case is the base command line
 * <pre>-default_F 100 -cell 100 100 100 90 90 90 -lambda 1 -N 5 -distance 100 -pixel 0.1
 * -detpixels 24 -mosflm -Xbeam 1.2 -Ybeam 1.3 -oversample 1 -floatfile float.bin -nopgm -nonoise</pre>
 * plus the extra flags named with each case; each Setup here is built by hand to equal what
 * upstream's setup computes for that command line. Files {@code NAME.compat.bin.gz},
 * {@code NAME.fixed.bin.gz}, {@code NAME.ompT.bin.gz} (OMP_NUM_THREADS=T) and the stdout of each
 * run were produced in a fresh empty directory per run.
 */
final class OracleCases {
    private OracleCases() {
    }

    static final double RTD = 180.0 * 0.31830988618379067154;

    /** Case name to (extra argv, Setup customisation). */
    static final Map<String, String> ARGV = new LinkedHashMap<>();
    static final Map<String, Consumer<Fixtures.B>> SETUP = new LinkedHashMap<>();

    private static void add(String name, String argv, Consumer<Fixtures.B> c) {
        ARGV.put(name, argv);
        SETUP.put(name, c);
    }

    static {
        add("base", "", b -> { });
        add("phi", "-phi 0 -osc 0.3 -phisteps 3", b -> {
            b.phi0 = 0 / RTD;
            b.phistep = (0.3 / RTD) / 3;
            b.phisteps = 3;
        });
        add("os2polar", "-oversample 2 -polar 0.9", b -> {
            b.oversample = 2;
            b.kahn = 0.9;
        });
        add("thick", "-detector_thick 200 -detector_abs 400 -thicksteps 3", OracleCases::thick);
        add("thickflags", "-detector_thick 200 -detector_abs 400 -thicksteps 3 -oversample 2 -oversample_thick "
                + "-oversample_polar -oversample_omega -polar 0.9", b -> {
                    thick(b);
                    b.oversample = 2;
                    b.ovThick = true;
                    b.ovPolar = true;
                    b.ovOmega = true;
                    b.kahn = 0.9;
                });
        add("ovthick0", "-oversample_thick", b -> b.ovThick = true);
        add("ovpolar", "-oversample 2 -oversample_polar", b -> {
            b.oversample = 2;
            b.ovPolar = true;
        });
        add("ovpolarnopolar", "-oversample 2 -oversample_polar -nopolar", b -> {
            b.oversample = 2;
            b.ovPolar = true;
            b.nopolar = true;
        });
        add("gauss", "-gauss_xtal", b -> b.shape = Shape.GAUSS);
        add("tophat", "-tophat_spots", b -> b.shape = Shape.TOPHAT);
        add("round", "-round_xtal", b -> b.shape = Shape.ROUND);
        add("water", "-water 50", b -> {
            b.water = 50 / 1e6;
            b.iBg = 2.57 * 2.57 * 7.94079248018965e-30 * 125932015286227086360700780544.0
                    * b.water * b.water * b.water * 1e6 * 6.02214179e23 / 18.0;
        });
        add("interp", "-hkl t.hkl -interpolate", b -> {
            b.sf = table();
            b.interpolate = true;
        });
        add("curved", "-curved_det -oversample 2", b -> {
            b.curved = true;
            b.oversample = 2;
        });
        add("dminroi", "-dmin 9 -roi 3 20 2 21", b -> {
            b.dmin = 9 * 1e-10;
            b.roi = new Roi(3, 20, 2, 21);
        });
        add("pointpixel", "-point_pixel", b -> b.pointPixel = true);
        add("phiroi", "-phi 0 -osc 0.3 -phisteps 3 -roi 3 23 0 23", b -> {
            b.phi0 = 0 / RTD;
            b.phistep = (0.3 / RTD) / 3;
            b.phisteps = 3;
            b.roi = new Roi(3, 23, 0, 23);
        });
        add("phicross", "-phi -1 -osc 2 -phisteps 4", b -> {
            b.phi0 = -1 / RTD;
            b.phistep = (2 / RTD) / 4;
            b.phisteps = 4;
        });
    }

    private static void thick(Fixtures.B b) {
        b.thick = 200 * 1e-6;
        b.thicksteps = 3;
        b.thickstep = b.thick / (3 - 1);
        b.mu = 1.0 / (400 * 1e-6);
    }

    /** The small table t.hkl: h -3..4, k -2..4, l -4..3, every cell given. */
    static StructureFactors table() {
        int hMin = -3;
        int hMax = 4;
        int kMin = -2;
        int kMax = 4;
        int lMin = -4;
        int lMax = 3;
        int hr = hMax - hMin + 1;
        int kr = kMax - kMin + 1;
        int lr = lMax - lMin + 1;
        double[] f = new double[hr * kr * lr];
        long n = 0;
        double last = 0;
        try (InputStream in = OracleCases.class.getResourceAsStream("oracle/t.hkl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] t = line.trim().split("\\s+");
                int h = Integer.parseInt(t[0]);
                int k = Integer.parseInt(t[1]);
                int l = Integer.parseInt(t[2]);
                last = Double.parseDouble(t[3]);
                f[((h - hMin) * kr + (k - kMin)) * lr + (l - lMin)] = last;
                n++;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new StructureFactors(f, hMin, hMax, kMin, kMax, lMin, lMax, hr, kr, lr, n, 100, last);
    }

    static Fixtures.B base() {
        Fixtures.B b = new Fixtures.B();
        b.fpixels = 24;
        b.spixels = 24;
        b.pixel = 0.1 / 1000.0;
        b.distance = 100 / 1000.0;
        // MOSFLM, BEAM pivot (setup.md S6, S12): Fbeam = Ybeam + 0.5 px, Sbeam = Xbeam + 0.5 px,
        // pix0 = ((-Fbeam) f - Sbeam s) + distance beam with f = (0,0,1), s = (0,-1,0), beam = (1,0,0)
        double fbeam = 1.3 / 1000.0 + 0.5 * b.pixel;
        double sbeam = 1.2 / 1000.0 + 0.5 * b.pixel;
        b.pix0 = new double[] {((-fbeam) * 0 - sbeam * 0) + b.distance * 1,
            ((-fbeam) * 0 - sbeam * -1) + b.distance * 0, ((-fbeam) * 1 - sbeam * 0) + b.distance * 0};
        b.oversample = 1;
        b.srcY = new double[] {-0.0};
        return b;
    }

    static Setup setup(String name, Mode mode) {
        Fixtures.B b = base();
        SETUP.get(name).accept(b);
        b.mode = mode;
        return b.build();
    }

    static float[] image(String file) throws IOException {
        try (InputStream in = new GZIPInputStream(OracleCases.class.getResourceAsStream("oracle/" + file))) {
            byte[] bytes = in.readAllBytes();
            float[] f = new float[bytes.length / 4];
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return f;
        }
    }

    static List<String> stdout(String file) throws IOException {
        try (InputStream in = OracleCases.class.getResourceAsStream("oracle/" + file)) {
            return new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n", -1)));
        }
    }

    /** Renders and captures stdout. */
    static Rendered render(Setup s) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bo, true, StandardCharsets.US_ASCII);
        RenderResult r = Renderer.render(s, ps);
        ps.flush();
        return new Rendered(r, bo.toString(StandardCharsets.US_ASCII));
    }

    record Rendered(RenderResult result, String stdout) {
    }
}
