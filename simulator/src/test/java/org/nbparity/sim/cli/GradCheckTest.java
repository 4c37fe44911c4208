package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.config.DerivParam;
import org.nbparity.sim.testutil.Shared;

/**
 * Issue 18 item 3: the derivative images against a ladder of central differences on the double
 * accumulator. The error must fall as h² over the ladder (log-log regression slope about 2,
 * r > 0.999) and reach below 1e-6 relative on the Bragg pixels.
 */
class GradCheckTest {
    @TempDir
    Path work;

    private static final double[] FINE = {1e-2, 3e-3, 1e-3, 3e-4, 1e-4};
    private static final double[] COARSE = {1e-1, 3e-2, 1e-2, 3e-3, 1e-3};
    private static final double[] MID = {3e-2, 1e-2, 3e-3, 1e-3, 3e-4};

    /**
     * Cases without a resolution cut or an HKL table, whose pixels are smooth in every parameter
     * (a -dmin edge or a change of nearest HKL makes a step that central differences see as a
     * floor at small h; so does a step-count auto-selection, which the derivatives hold fixed); v03 runs with its HKL file dropped (default_F 15 everywhere) for the
     * compat phi carry-over of a -mat crystal (phi = 0 at the first step, quirk 1).
     */
    static Stream<Arguments> ladders() {
        List<String> misset = List.of("-misset", "10", "20", "30");
        // v04's crystal (6 x 80 A) sits exactly on the auto-oversampling edge 2 -> 3 (S21): fixed here
        List<String> os2 = List.of("-oversample", "2");
        return Stream.of(
                Arguments.of("v01_mosflm_cubic_noise", misset, DerivParam.MISSET_X, FINE),
                Arguments.of("v01_mosflm_cubic_noise", misset, DerivParam.MISSET_Y, FINE),
                Arguments.of("v01_mosflm_cubic_noise", misset, DerivParam.MISSET_Z, FINE),
                Arguments.of("v01_mosflm_cubic_noise", misset, DerivParam.CELL_A, COARSE),
                Arguments.of("v01_mosflm_cubic_noise", List.of(), DerivParam.DISTANCE, FINE),
                Arguments.of("v05_custom_vectors_rot_twotheta", List.of(), DerivParam.CELL_B, MID),
                Arguments.of("v05_custom_vectors_rot_twotheta", List.of(), DerivParam.DISTANCE, FINE),
                Arguments.of("v06_dials_gauss_thick_water_noise", List.of(), DerivParam.N, COARSE),
                Arguments.of("v06_dials_gauss_thick_water_noise", List.of(), DerivParam.DISTANCE, FINE),
                Arguments.of("v06_dials_gauss_thick_water_noise", List.of(), DerivParam.MISSET_Y, FINE),
                Arguments.of("v04_adxv_round_mosaic_div", os2, DerivParam.N, COARSE),
                Arguments.of("v04_adxv_round_mosaic_div", os2, DerivParam.CELL_C, COARSE),
                Arguments.of("v08_mosflm_thick_oversample_flags", List.of(), DerivParam.DISTANCE, FINE),
                Arguments.of("v08_mosflm_thick_oversample_flags", List.of("-mode", "fixed"), DerivParam.MISSET_Z, FINE),
                // -curved_det: fixed mode honours v09's trailing flag; in v01 it is not the last argument
                Arguments.of("v09_denzo_twotheta_os2_trailing_curved", List.of("-mode", "fixed"), DerivParam.DISTANCE, FINE),
                Arguments.of("v09_denzo_twotheta_os2_trailing_curved", List.of("-mode", "fixed"), DerivParam.MISSET_Y, FINE),
                Arguments.of("v01_mosflm_cubic_noise", List.of("-curved_det", "-nonoise"), DerivParam.DISTANCE, FINE),
                Arguments.of("v03_denzo_mat_sparsehkl_phi", List.of("-nohkl"), DerivParam.MISSET_X, FINE),
                Arguments.of("v03_denzo_mat_sparsehkl_phi", List.of("-nohkl"), DerivParam.DISTANCE, FINE));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("ladders")
    void centralDifferencesConverge(String name, List<String> extra, DerivParam p, double[] steps) throws IOException {
        Path dir = Shared.caseDir(name);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        List<String> argv = new java.util.ArrayList<>(Arrays.asList(Shared.argv(cj)));
        if (extra.contains("-nohkl")) {
            int i = argv.indexOf("-hkl");
            argv.remove(i + 1);
            argv.remove(i);
        } else {
            argv.addAll(extra);
        }
        GradCheck.Ladder l = GradCheck.ladder(argv, p, steps, 0.01, work, null);
        System.out.println(name + " " + p.label() + ": " + l);
        assertTrue(l.braggPixels() > 10, "Bragg pixels: " + l.braggPixels());
        assertTrue(l.r() > 0.999, "r = " + l.r());
        assertTrue(Math.abs(l.slope() - 2.0) < 0.2, "slope = " + l.slope());
        assertTrue(l.bestRelError() < 1e-6, "best relative error " + l.bestRelError());
    }

    /**
     * Tricubically interpolated F (-interpolate): a dense, smooth HKL table covering every index
     * the detector reaches (so the interpolation never switches itself off), SQUARE lattice. The
     * interpolant is continuous but its slope jumps where h, k or l crosses an integer (the
     * 4-point stencil moves), and central differences across such a kink are first-order wrong,
     * so the error falls a little slower than h^2 over the ladder (measured: slopes 1.59-1.98, r
     * 0.9927-0.99993); the best rung must still be below 1e-6 (measured 2e-9 ... 4e-7).
     */
    @ParameterizedTest(name = "interpolated F {0}")
    @org.junit.jupiter.params.provider.EnumSource(value = DerivParam.class, names = {"MISSET_X", "CELL_B", "DISTANCE"})
    void interpolatedStructureFactorsConverge(DerivParam p) throws IOException {
        StringBuilder hkl = new StringBuilder();
        for (int h = -14; h <= 14; h++) {
            for (int k = -14; k <= 14; k++) {
                for (int l = -14; l <= 14; l++) {
                    double f = 50 + 20 * Math.sin(0.7 * h) * Math.cos(0.5 * k) + 10 * Math.cos(0.3 * l);
                    hkl.append(h).append(' ').append(k).append(' ').append(l).append(' ')
                            .append(String.format(java.util.Locale.ROOT, "%.4f", f)).append('\n');
                }
            }
        }
        java.nio.file.Files.writeString(work.resolve("smooth.hkl"), hkl);
        List<String> argv = List.of(("-cell 100 100 100 90 90 90 -hkl smooth.hkl -interpolate -N 5 -lambda 1 "
                + "-distance 100 -pixel 0.1 -detpixels 96 -mosflm -misset 10 20 30").split(" "));
        GradCheck.Ladder l = GradCheck.ladder(argv, p, p == DerivParam.CELL_B ? COARSE : FINE, 0.01, work, null);
        System.out.println("interpolated " + p.label() + ": " + l);
        assertTrue(l.braggPixels() > 10, "Bragg pixels: " + l.braggPixels());
        assertTrue(l.r() > 0.99, "r = " + l.r());
        assertTrue(l.slope() > 1.5 && l.slope() < 2.2, "slope = " + l.slope());
        assertTrue(l.bestRelError() < 1e-6, "best relative error " + l.bestRelError());
    }
}
