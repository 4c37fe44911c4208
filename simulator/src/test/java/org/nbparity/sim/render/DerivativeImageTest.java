package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.setup.DerivativeSetup;
import org.nbparity.sim.setup.ParamTangent;
import org.nbparity.sim.setup.Prepared;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.setup.SetupBuilder;
import org.nbparity.sim.testutil.Shared;

/**
 * Issue 18 item 3, kernel side: the tangent kernel's forward value is the forward image's pixel
 * (binary32 of it, bitwise, every golden case in both modes); the closed forms of the fluence
 * (I/fluence) and default_F (2I/F) derivatives to 1e-14 relative; the derivative images bitwise
 * the same for every -threads (and with -compat_threads); an ROI derivative the full one sliced.
 */
class DerivativeImageTest {
    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path work;

    record Built(Setup setup, List<ParamTangent> params) {
    }

    /** argv of a golden case (inputs copied to work) with extra flags appended, parsed and set up. */
    Built build(String name, List<String> extra) throws IOException {
        Path dir = Shared.caseDir(name);
        Map<String, Object> cj = Shared.caseJson(dir);
        if (!java.nio.file.Files.exists(work.resolve("copied"))) {
            Shared.copyInputs(dir, cj, work);
            java.nio.file.Files.createFile(work.resolve("copied"));
        }
        List<String> argv = new ArrayList<>(Arrays.asList(Shared.argv(cj)));
        argv.addAll(extra);
        Config c = ArgParser.parse(argv.toArray(new String[0]), -1, SINK, SINK, work);
        Prepared p = SetupBuilder.build(c, SINK, work);
        return new Built(p.setup(), c.deriv.isEmpty() ? List.of() : DerivativeSetup.build(c, p, work));
    }

    static Setup threads(Setup s, int threads) {
        RenderOptions o = s.render();
        return Fixtures.withRender(s, new RenderOptions(threads, o.compatThreads(), false, -1, -1, false,
                o.progressPixels(), null));
    }

    static Stream<Arguments> goldenCases() {
        return Stream.of(GoldenImageTest.CASES).flatMap(c -> Stream.of(Arguments.of(c, "compat"), Arguments.of(c, "fixed")));
    }

    /** The parameters a case has derivatives for (a -mat crystal has no cell edges). */
    String paramsFor(String name, String mode) throws IOException {
        Setup s = build(name, List.of("-mode", mode)).setup();
        StringBuilder b = new StringBuilder("fluence,default_F,misset_x,misset_z,distance");
        if (!name.contains("_mat_")) {
            b.append(",cell_b");
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenCases")
    void tangentKernelValueIsTheForwardImage(String name, String mode) throws IOException {
        String params = paramsFor(name, mode);
        Built b = build(name, List.of("-mode", mode, "-deriv", params, "-derivfile", "d"));
        Setup s = threads(b.setup(), 2);
        float[] forward = Renderer.render(s, SINK).floatImage();
        DerivativeResult d = DerivativeRenderer.render(s, b.params(), 1.0, SINK);
        int differ = 0;
        for (int i = 0; i < forward.length; i++) {
            if (Float.floatToRawIntBits(forward[i]) != Float.floatToRawIntBits((float) (0.0 + d.value()[i]))) {
                differ++;
            }
        }
        assertEquals(0, differ, name + " " + mode + ": pixels whose tangent-kernel value differs from the image");
        for (double[] img : d.images()) {
            for (double v : img) {
                assertTrue(Double.isFinite(v), name + " " + mode + ": a non-finite derivative");
            }
        }
    }

    static Stream<Arguments> closedFormCases() {
        return Stream.of(Arguments.of("v01_mosflm_cubic_noise", "compat"), Arguments.of("v02_xds_triclinic_misset", "fixed"),
                Arguments.of("v08_mosflm_thick_oversample_flags", "compat"),
                Arguments.of("v08_mosflm_thick_oversample_flags", "fixed"),
                Arguments.of("v04_adxv_round_mosaic_div", "compat"), Arguments.of("v05_custom_vectors_rot_twotheta", "compat"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("closedFormCases")
    void fluenceAndDefaultFHaveTheirClosedForms(String name, String mode) throws IOException {
        Built b = build(name, List.of("-mode", mode, "-deriv", "fluence,default_F", "-derivfile", "d"));
        Setup s = b.setup();
        assertEquals(0.0, s.iBg(), "closed forms hold without water");
        DerivativeResult d = DerivativeRenderer.render(s, b.params(), 1.0, SINK);
        double f = s.fluence();
        double fF = s.structureFactors().defaultF();
        double worstFluence = 0;
        double worstF = 0;
        int n = 0;
        for (int i = 0; i < d.value().length; i++) {
            double v = d.value()[i];
            if (v == 0.0) {
                assertEquals(0.0, d.images()[0][i]);
                continue;
            }
            n++;
            worstFluence = Math.max(worstFluence, Math.abs(d.images()[0][i] - v / f) / (v / f));
            worstF = Math.max(worstF, Math.abs(d.images()[1][i] - 2 * v / fF) / (2 * v / fF));
        }
        assertTrue(n > 1000, "pixels: " + n);
        assertTrue(worstFluence < 1e-14, "fluence: worst relative error " + worstFluence);
        assertTrue(worstF < 1e-14, "default_F: worst relative error " + worstF);
    }

    static Stream<Arguments> threadCases() {
        return Stream.of(Arguments.of("v03_denzo_mat_sparsehkl_phi", List.of("-deriv", "misset_y,distance,default_F")),
                Arguments.of("v03_denzo_mat_sparsehkl_phi", List.of("-compat_threads", "3", "-deriv", "misset_y,distance")),
                Arguments.of("v08_mosflm_thick_oversample_flags", List.of("-deriv", "misset_x,cell_a,distance")),
                Arguments.of("v06_dials_gauss_thick_water_noise", List.of("-deriv", "N,distance,fluence")),
                Arguments.of("v07_interpolate_tophat_curved", List.of("-deriv", "default_F,fluence")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("threadCases")
    void derivativesAreBitwiseTheSameForEveryThreadCount(String name, List<String> flags) throws IOException {
        List<String> extra = new ArrayList<>(flags);
        extra.addAll(List.of("-derivfile", "d"));
        Built b = build(name, extra);
        DerivativeResult one = DerivativeRenderer.render(threads(b.setup(), 1), b.params(), 1.0, SINK);
        for (int t : new int[] {2, 3, 5}) {
            DerivativeResult more = DerivativeRenderer.render(threads(b.setup(), t), b.params(), 1.0, SINK);
            assertArrayEquals(one.value(), more.value(), name + ": value with " + t + " threads");
            for (int p = 0; p < one.images().length; p++) {
                assertArrayEquals(one.images()[p], more.images()[p], name + ": derivative " + p + " with " + t + " threads");
            }
        }
    }

    @Test
    void roiDerivativeIsTheFullOneSliced() throws IOException {
        String params = "misset_x,cell_a,distance,fluence,default_F";
        Built full = build("v01_mosflm_cubic_noise", List.of("-deriv", params, "-derivfile", "d"));
        Built roi = build("v01_mosflm_cubic_noise", List.of("-roi", "20", "90", "30", "100", "-deriv", params,
                "-derivfile", "d"));
        DerivativeResult a = DerivativeRenderer.render(full.setup(), full.params(), 1.0, SINK);
        DerivativeResult r = DerivativeRenderer.render(roi.setup(), roi.params(), 1.0, SINK);
        int fp = full.setup().detector().fpixels();
        int inside = 0;
        for (int p = 0; p < a.images().length; p++) {
            for (int i = 0; i < a.value().length; i++) {
                int f = i % fp;
                int s = i / fp;
                boolean in = f >= 20 && f <= 90 && s >= 30 && s <= 100;
                double want = in ? a.images()[p][i] : 0.0;
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(r.images()[p][i]),
                        "parameter " + p + " pixel " + f + "," + s);
                inside += in && want != 0.0 ? 1 : 0;
            }
        }
        assertTrue(inside > 1000, "non-zero derivatives inside the ROI: " + inside);
    }
}
