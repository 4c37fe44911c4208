package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.testutil.Shared;

/**
 * The contract between the reference kernel ({@link PixelKernel}) and every fast path: over every
 * golden case (compat and fixed) and a generated grid of small cases, each fast path forced on
 * where it applies ({@link KernelPaths}) renders bitwise the reference's float image, statistics
 * and stdout; on the grid with {@code -printout} on every pixel, so that the last-iteration values
 * it shows, which the fast paths report separately, are compared too. A physics change is made in the reference;
 * this test then names the fast path that must follow.
 */
class FastPathContractTest {
    /**
     * Every forced fast path: batches of one, two and sixteen source iterations (SourceLanes per
     * subpixel) and whole pixels (SourceLanes over the pixel); SIMD lanes and the scalar sine.
     */
    static final List<KernelPaths> FAST = List.of(
            new KernelPaths(true, 1, Boolean.TRUE), new KernelPaths(true, 1, Boolean.FALSE),
            new KernelPaths(true, 2, Boolean.TRUE), new KernelPaths(true, 16, Boolean.TRUE),
            new KernelPaths(true, 4096, Boolean.TRUE),
            new KernelPaths(true, 4096, Boolean.FALSE));

    /** Cases in which the batch applied (the test must not pass by never taking a fast path). */
    private static int applied;
    /** Cases in which SourceLanes applied (one evaluation per source, no cut, a vector of sources). */
    private static int lanesApplied;
    private static int total;

    static Stream<Arguments> golden() {
        return Shared.CASES.stream().flatMap(c -> Stream.of(Arguments.of(c, "compat"), Arguments.of(c, "fixed")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void goldenCase(String name, String mode) throws IOException {
        // -printout on every pixel of a golden frame would format 16,000 blocks per render: the
        // grid below checks the printout values
        Setup s = GoldenImageTest.setup(name, List.of("-mode", mode));
        check(name + " " + mode, with(s, 2, false));
    }

    static Stream<Arguments> grid() {
        List<Arguments> out = new ArrayList<>();
        Random r = new Random(20261207L);
        for (int i = 0; i < 48; i++) {
            out.add(Arguments.of(i, r.nextLong()));
        }
        return out.stream();
    }

    /**
     * A small case from a seeded choice of sources (divergence, dispersion), phi steps (from 0:
     * the carried orientation of quirk 1), a misset cell, mosaic domains, oversampling, detector layers, resolution cut,
     * polarization, N (below 1 and large: the sine's slow path), structure factors (default_F, a
     * table, interpolation that switches itself off), shape and mode.
     */
    @ParameterizedTest(name = "grid {0}")
    @MethodSource("grid")
    void generatedCase(int index, long seed) {
        Random r = new Random(seed);
        Fixtures.B b = OracleCases.base();
        b.fpixels = 10;
        b.spixels = 9;
        b.mode = r.nextBoolean() ? Mode.COMPAT : Mode.FIXED;
        // 9 and more: a source's polarization call, then at least one vector of sources (SourceLanes)
        // every fourth case: one evaluation per source, no cut, SQUARE (SourceLanes applies)
        boolean lanes = index % 4 == 0;
        int nsrc = lanes || r.nextInt(3) == 0 ? 9 + r.nextInt(8) : 1 + r.nextInt(5);
        b.srcX = new double[nsrc];
        b.srcY = new double[nsrc];
        b.srcZ = new double[nsrc];
        b.lambda = new double[nsrc];
        for (int i = 0; i < nsrc; i++) {
            double dy = i == 0 ? 0 : (r.nextDouble() - 0.5) * 2e-3;
            double dz = i == 0 ? 0 : (r.nextDouble() - 0.5) * 2e-3;
            double n = Math.sqrt(1 + dy * dy + dz * dz);
            b.srcX[i] = -1 / n;
            b.srcY[i] = dy / n;
            b.srcZ[i] = dz / n;
            b.lambda[i] = 1e-10 * (1 + (i % 3 - 1) * 1e-3);
        }
        b.phisteps = lanes || r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        b.phi0 = r.nextBoolean() ? 0 : -0.01;
        b.phistep = 0.3 / OracleCases.RTD / b.phisteps;
        int domains = lanes || r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        b.umats = new double[9 * domains];
        for (int m = 0; m < domains; m++) {
            double a = m * 0.004;
            double[] u = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
            System.arraycopy(u, 0, b.umats, 9 * m, 9);
        }
        b.mosaicSpread = domains > 1 ? 0.01 : 0;
        if (r.nextInt(4) != 0) {
            // a misset cell: no zero components, so that every term of every dot product counts
            b.misset = rotation(r.nextDouble() * 6.3, r.nextDouble() * 6.3, r.nextDouble() * 6.3);
        }
        b.oversample = 1 + r.nextInt(2);
        if (r.nextInt(4) == 0) {
            // two detector layers: the capture fraction is recomputed at each layer's first subpixel
            b.thick = 200e-6;
            b.thicksteps = 2;
            b.thickstep = b.thick;
            b.mu = 1.0 / 400e-6;
        }
        b.dmin = !lanes && r.nextInt(3) == 0 ? 9e-10 : 0;
        b.nopolar = r.nextInt(4) == 0;
        b.kahn = r.nextBoolean() ? 0.9 : 0;
        int n = r.nextInt(6);
        b.n = n == 0 ? 0.5 : n == 1 ? 3e7 : 5;
        int f = r.nextInt(4);
        if (f >= 1) {
            b.sf = OracleCases.table();
        }
        b.interpolate = f == 3;
        b.shape = !lanes && r.nextInt(8) == 0 ? Shape.GAUSS : Shape.SQUARE;
        b.water = r.nextInt(8) == 0 ? 50e-6 : 0;
        b.progress = false;
        check("grid " + index, with(b.build(), 1 + r.nextInt(3), true));
    }

    /** Rotation about x, then y, then z by the angles (radians), row-major. */
    static double[] rotation(double x, double y, double z) {
        double cx = Math.cos(x);
        double sx = Math.sin(x);
        double cy = Math.cos(y);
        double sy = Math.sin(y);
        double cz = Math.cos(z);
        double sz = Math.sin(z);
        return new double[] {cy * cz, sx * sy * cz - cx * sz, cx * sy * cz + sx * sz,
            cy * sz, sx * sy * sz + cx * cz, cx * sy * sz - sx * cz,
            -sy, sx * cy, cx * cy};
    }

    private static Setup with(Setup s, int threads, boolean printout) {
        RenderOptions o = s.render();
        return Fixtures.withRender(s, new RenderOptions(threads, o.compatThreads(), printout, -1, -1, false,
                o.progressPixels(), null));
    }

    private static void check(String what, Setup s) {
        Rendered ref = render(s, KernelPaths.REFERENCE);
        total++;
        RenderInputs in = new RenderInputs(s);
        if (LatticeBatch.applies(in, KernelPaths.AUTO)) {
            applied++;
            if (in.phisteps * in.mosaicDomains == 1 && !(in.dmin > 0.0) && in.nsrc > 8) {
                lanesApplied++;
            }
        }
        for (KernelPaths p : FAST) {
            checkKernel(what + " " + p, s, p);
        }
        // the whole render (threads, chunks, statistics, stdout) with the fast paths of a normal run
        // and with every source of a subpixel in one SIMD batch
        for (KernelPaths p : List.of(KernelPaths.AUTO, new KernelPaths(true, 4096, Boolean.TRUE))) {
            Rendered got = render(s, p);
            String w = what + " " + p;
            assertArrayEquals(ThreadingTest.bits(ref.r.floatImage()), ThreadingTest.bits(got.r.floatImage()), w + ": image");
            assertEquals(ref.r.sum(), got.r.sum(), w + ": sum");
            assertEquals(ref.r.sumsqr(), got.r.sumsqr(), w + ": sumsqr");
            assertEquals(ref.r.omegaSum(), got.r.omegaSum(), w + ": omega sum");
            assertEquals(ref.r.maxI(), got.r.maxI(), w + ": max_I");
            assertEquals(ref.stdout, got.stdout, w + ": stdout (-printout)");
        }
    }

    /**
     * Pixel by pixel in serial order, one reference kernel beside one with the fast paths: every
     * pixel's running sum (a double, before the float store can hide a last-bit difference), its
     * factors, the carried orientation and interpolation state, and the -printout values agree
     * bitwise.
     */
    private static void checkKernel(String what, Setup s, KernelPaths p) {
        RenderInputs in = new RenderInputs(s);
        PixelKernel ref = new PixelKernel(in, new float[in.fpixels * in.spixels], KernelPaths.REFERENCE);
        PixelKernel fast = new PixelKernel(in, new float[in.fpixels * in.spixels], p);
        ref.startBlock(in.interpolate);
        fast.startBlock(in.interpolate);
        for (int sp = 0; sp < in.spixels; sp++) {
            for (int fp = 0; fp < in.fpixels; fp++) {
                if (!in.rendered(sp, fp)) {
                    continue;
                }
                ref.renderPixel(sp, fp, null);
                fast.renderPixel(sp, fp, null);
                String at = what + " pixel (" + fp + ", " + sp + ")";
                assertEquals(bits(ref.intensity), bits(fast.intensity), () -> at + ": I " + ref.intensity + " vs " + fast.intensity);
                assertEquals(bits(ref.polar), bits(fast.polar), () -> at + ": polar");
                assertEquals(bits(ref.omegaPixel), bits(fast.omegaPixel), () -> at + ": omega");
                assertEquals(bits(ref.capture), bits(fast.capture), () -> at + ": capture");
                assertEquals(ref.orientState, fast.orientState, () -> at + ": orientation state");
                assertEquals(ref.interp, fast.interp, () -> at + ": interpolation switch");
                assertEquals(ref.last.mosaicOrNull(), fast.last.mosaicOrNull(), () -> at + ": last mosaic iteration");
                assertEquals(bits(ref.last.fcell()), bits(fast.last.fcell()), () -> at + ": last F_cell");
            }
        }
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    @AfterAll
    static void fastPathsWereTaken() {
        assertTrue(applied * 2 > total, "the batch applied in only " + applied + " of " + total + " cases");
        assertTrue(lanesApplied >= 3, "SourceLanes applied in only " + lanesApplied + " cases");
    }

    private record Rendered(RenderResult r, String stdout) {
    }

    private static Rendered render(Setup s, KernelPaths p) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bo, true, StandardCharsets.US_ASCII);
        RenderResult r = Renderer.render(s, ps, 1.0, p);
        ps.flush();
        return new Rendered(r, bo.toString(StandardCharsets.US_ASCII));
    }
}
