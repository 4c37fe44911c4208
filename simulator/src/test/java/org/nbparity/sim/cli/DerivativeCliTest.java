package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.testutil.MiniJson;
import org.nbparity.sim.testutil.Shared;

/**
 * Issue 18 item 1 through the command line: the derivative files and their JSON, the forward
 * outputs and stdout byte-identical with {@code -deriv} on (every golden case, compat and
 * fixed), and the refused values (one stderr line, exit 2, no file).
 */
class DerivativeCliTest {
    @TempDir
    Path work;

    private static final String RUN = "-cell 100 100 100 90 90 90 -default_F 100 -N 5 -lambda 1 -distance 100 "
            + "-detpixels 64 -misset 10 20 30 -nonoise -nopgm -noprogress -floatfile f.bin -intfile i.img";

    private List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void writesOneImagePerParameterAndTheJson() throws Exception {
        Files.createDirectory(work.resolve("out"));
        Shared.Cli c = Shared.cli(work, (RUN + " -deriv misset_x,distance,fluence -derivfile out/d").split(" "));
        assertEquals(0, c.rc(), c.stderr());
        Shared.Cli d = Shared.cli(work, (RUN + " -deriv misset_x,distance,fluence -derivfile out/e"
                + " -deriv_precision double").split(" "));
        assertEquals(0, d.rc(), d.stderr());
        assertEquals(List.of("d.json", "d_ddistance.bin", "d_dfluence.bin", "d_dmisset_x.bin",
                "e.json", "e_ddistance.bin", "e_dfluence.bin", "e_dmisset_x.bin"), files(work.resolve("out")));
        Map<String, Object> j = (Map<String, Object>) MiniJson.parse(Files.readString(work.resolve("out/d.json")));
        assertEquals("float32", j.get("dtype"));
        assertEquals("compat", j.get("mode"));
        assertEquals(64.0, j.get("fpixels"));
        assertEquals(64.0, j.get("spixels"));
        List<Object> images = (List<Object>) j.get("images");
        assertEquals(3, images.size());
        String[] names = {"misset_x", "distance", "fluence"};
        String[] units = {"deg", "mm", "photons/m^2"};
        double[] values = {10.0, 100.0, 1.2593201528622709E29};
        for (int p = 0; p < 3; p++) {
            Map<String, Object> im = (Map<String, Object>) images.get(p);
            assertEquals(names[p], im.get("name"));
            assertEquals(units[p], im.get("unit"));
            assertEquals(values[p], (Double) im.get("value"), 1e-9 * values[p]);
            byte[] f32 = Files.readAllBytes(work.resolve("out/d_d" + names[p] + ".bin"));
            byte[] f64 = Files.readAllBytes(work.resolve("out/e_d" + names[p] + ".bin"));
            assertEquals(64 * 64 * 4, f32.length);
            assertEquals(64 * 64 * 8, f64.length);
            ByteBuffer a = ByteBuffer.wrap(f32).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer b = ByteBuffer.wrap(f64).order(ByteOrder.LITTLE_ENDIAN);
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int nonzero = 0;
            for (int i = 0; i < 64 * 64; i++) {
                float v = a.getFloat(4 * i);
                assertEquals(Float.floatToRawIntBits((float) b.getDouble(8 * i)), Float.floatToRawIntBits(v));
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                nonzero += v != 0 ? 1 : 0;
            }
            assertTrue(nonzero > 100, names[p] + ": non-zero pixels " + nonzero);
            assertEquals(sum, (Double) im.get("sum"), 1e-12 * Math.abs(sum));
            assertEquals(min, (Double) im.get("min"));
            assertEquals(max, (Double) im.get("max"));
        }
    }

    static Stream<Arguments> goldenCases() {
        return Shared.CASES.stream().flatMap(c -> Stream.of(Arguments.of(c, "compat"), Arguments.of(c, "fixed")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenCases")
    void forwardOutputsAreUnchangedWithDerivOn(String name, String mode) throws Exception {
        Path dir = Shared.caseDir(name);
        Map<String, Object> cj = Shared.caseJson(dir);
        Path plain = Files.createDirectory(work.resolve("plain"));
        Path deriv = Files.createDirectory(work.resolve("deriv"));
        Shared.copyInputs(dir, cj, plain);
        Shared.copyInputs(dir, cj, deriv);
        List<String> argv = new ArrayList<>(Arrays.asList(Shared.argv(cj)));
        argv.addAll(List.of("-mode", mode, "-threads", "2"));
        Shared.Cli a = Shared.cli(plain, argv.toArray(new String[0]));
        // fluence and default_F have a derivative in every case; misset_x where F is not interpolated
        boolean interp = argv.contains("-interpolate");
        argv.addAll(List.of("-deriv", interp ? "fluence,default_F" : "fluence,default_F,misset_x", "-derivfile", "dd"));
        Shared.Cli b = Shared.cli(deriv, argv.toArray(new String[0]));
        assertEquals(0, a.rc(), a.stderr());
        assertEquals(0, b.rc(), b.stderr());
        assertEquals(a.stdout(), b.stdout(), "stdout");
        List<String> forward = files(plain);
        List<String> withDeriv = new ArrayList<>(files(deriv));
        withDeriv.removeIf(f -> f.startsWith("dd"));
        assertEquals(forward, withDeriv);
        for (String f : forward) {
            if (f.endsWith(".img") && argv.contains("-seed") == false && f.startsWith("noise")) {
                continue; // a clock-seeded noise image differs from run to run
            }
            assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(deriv.resolve(f)), name + " " + f);
        }
        assertTrue(files(deriv).contains("dd.json"));
    }

    static Stream<Arguments> refused() {
        String b = "-cell 70 80 90 90 90 90 -default_F 1 -detpixels 8 -nonoise -nopgm -noprogress -floatfile f.bin"
                + " -intfile i.img";
        return Stream.of(
                Arguments.of(b + " -deriv misset_q -derivfile d", "-deriv: unknown parameter 'misset_q' (known: "
                        + "misset_x,misset_y,misset_z,cell_a,cell_b,cell_c,N,distance,fluence,default_F)"),
                Arguments.of(b + " -deriv misset_x,,N -derivfile d", "-deriv: unknown parameter '' (known: "
                        + "misset_x,misset_y,misset_z,cell_a,cell_b,cell_c,N,distance,fluence,default_F)"),
                Arguments.of(b + " -deriv fluence,fluence -derivfile d", "-deriv: parameter 'fluence' given twice"),
                Arguments.of(b + " -deriv misset_x", "-deriv: needs -derivfile PREFIX (where the derivative images go)"),
                Arguments.of(b + " -derivfile d", "-derivfile: needs -deriv NAME[,NAME...] (which derivatives to write)"),
                Arguments.of(b + " -derivfile", "-derivfile: missing value"),
                Arguments.of(b + " -deriv fluence -derivfile d -deriv_precision quad",
                        "-deriv_precision: expected float or double, got 'quad'"),
                Arguments.of(b + " -N 5 -deriv N -derivfile d", "-deriv N: the square lattice factor sincg(pi*h, N) is "
                        + "singular in N at the Bragg positions (its N-derivative grows as 1/(h - h0)); use -gauss_xtal, "
                        + "-round_xtal or -tophat_spots"),
                Arguments.of(b + " -N 5 -mode fixed -deriv N -derivfile d", "-deriv N: the square lattice factor "
                        + "sincg(pi*h, N) is singular in N at the Bragg positions (its N-derivative grows as 1/(h - h0)); "
                        + "use -gauss_xtal, -round_xtal or -tophat_spots"),
                Arguments.of(b + " -close_distance 100 -deriv distance -derivfile d", "-deriv distance: the detector is "
                        + "placed by its close distance (-close_distance or an -img header), not by -distance"));
    }

    @Test
    void interpolationWithSeveralCompatThreadsIsRefused() throws Exception {
        Files.writeString(work.resolve("t.hkl"), "0 0 0 10\n1 0 0 20\n0 1 0 30\n0 0 1 40\n1 1 1 50\n");
        Shared.Cli c = Shared.cli(work, ("-cell 70 80 90 90 90 90 -hkl t.hkl -N 2 -detpixels 8 -nonoise -nopgm "
                + "-noprogress -floatfile f.bin -intfile i.img -compat_threads 2 -deriv fluence,misset_x -derivfile d")
                .split(" "));
        assertEquals("nanobragg: error: -deriv fluence: tricubic interpolation with -compat_threads > 1 is not "
                + "supported (use -compat_threads 1 or -nointerpolate)\n", c.stderr());
        assertEquals(2, c.rc());
        // setup's own Fdump.bin (upstream writes it before the loop), no image, no derivative file
        assertEquals(List.of("Fdump.bin", "t.hkl"), files(work));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedIsOneLineExit2AndNoFile(String args, String message) throws Exception {
        Shared.Cli c = Shared.cli(work, args.split(" "));
        assertEquals("nanobragg: error: " + message + "\n", c.stderr(), args);
        assertEquals(2, c.rc(), args);
        assertEquals(List.of(), files(work), "nothing written for " + args);
    }
}
