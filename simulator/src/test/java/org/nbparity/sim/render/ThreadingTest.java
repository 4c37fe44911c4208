package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.trace.TraceLevel;
import org.nbparity.sim.trace.TraceRequest;

/**
 * Java worker count and tracing never change a bit of the image, the statistics or the loop's
 * stdout; -compat_threads T reproduces an upstream OpenMP build run with T threads.
 */
class ThreadingTest {
    static Stream<Arguments> cases() {
        return OracleCases.ARGV.keySet().stream().flatMap(n -> Stream.of(
                Arguments.of(n, Mode.COMPAT, 1), Arguments.of(n, Mode.COMPAT, 2), Arguments.of(n, Mode.COMPAT, 3),
                Arguments.of(n, Mode.FIXED, 1)));
    }

    private static Setup with(Setup s, int threads, int compat, TraceRequest tr) {
        RenderOptions o = s.render();
        return Fixtures.withRender(s, new RenderOptions(threads, compat, o.printout(), o.printoutFpixel(),
                o.printoutSpixel(), o.progressMeter(), o.progressPixels(), tr));
    }

    private static String withoutTrace(String out) {
        return out.replaceAll("TRACE_JAVA: [^\n]*\n", "");
    }

    @ParameterizedTest(name = "{0} {1} compat_threads={2}")
    @MethodSource("cases")
    void bitwiseIdenticalForEveryThreadCountAndWithTracing(String name, Mode mode, int compat) {
        Setup base = OracleCases.setup(name, mode);
        OracleCases.Rendered ref = OracleCases.render(with(base, 1, compat, null));
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (TraceRequest tr : new TraceRequest[] {null, new TraceRequest(12, 13, TraceLevel.LOOPS),
                new TraceRequest(13, 0, TraceLevel.PIXEL)}) {
                OracleCases.Rendered r = OracleCases.render(with(base, threads, compat, tr));
                String what = name + " threads=" + threads + " trace=" + tr;
                assertArrayEquals(bits(ref.result().floatImage()), bits(r.result().floatImage()), what);
                assertEquals(ref.result().sum(), r.result().sum(), what);
                assertEquals(ref.result().sumsqr(), r.result().sumsqr(), what);
                assertEquals(ref.result().omegaSum(), r.result().omegaSum(), what);
                assertEquals(ref.result().maxI(), r.result().maxI(), what);
                assertEquals(ref.result().maxIx(), r.result().maxIx(), what);
                assertEquals(ref.stdout(), withoutTrace(r.stdout()), what);
            }
        }
    }

    static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    @ParameterizedTest(name = "{0} OMP_NUM_THREADS={1}")
    @MethodSource("ompCases")
    void compatThreadsReproducesOpenMpBuild(String name, int t) throws IOException {
        float[] exp = OracleCases.image(name + ".omp" + t + ".bin.gz");
        for (int threads : new int[] {1, 3}) {
            RenderResult r = OracleCases.render(with(OracleCases.setup(name, Mode.COMPAT), threads, t, null)).result();
            assertArrayEquals(bits(exp), bits(r.floatImage()), name + " compat_threads=" + t + " threads=" + threads);
        }
    }

    static Stream<Arguments> ompCases() {
        return Stream.of(Arguments.of("phi", 2), Arguments.of("phi", 3), Arguments.of("phicross", 2), Arguments.of("phiroi", 2), Arguments.of("phiroi", 3),
                Arguments.of("phicross", 3));
    }

    @Test
    void quirk2CompatThreadsChangesExactlyTheFirstRenderedPixelOfLaterBlocks() throws IOException {
        // render.md 5.2: T=3 on 24 rows -> blocks start at rows 8 and 16; the ROI starts at column 3
        float[] serial = OracleCases.image("phiroi.compat.bin.gz");
        float[] t3 = OracleCases.image("phiroi.omp3.bin.gz");
        assertArrayEquals(new int[] {8 * 24 + 3, 16 * 24 + 3}, differing(serial, t3));
        Setup s = OracleCases.setup("phiroi", Mode.COMPAT);
        RenderResult j1 = OracleCases.render(with(s, 4, 1, null)).result();
        RenderResult j3 = OracleCases.render(with(s, 4, 3, null)).result();
        assertArrayEquals(new int[0], differing(serial, j1.floatImage()));
        assertArrayEquals(new int[] {8 * 24 + 3, 16 * 24 + 3}, differing(serial, j3.floatImage()));
        // fixed mode has no carry-over: compat_threads is irrelevant there
        Setup f = OracleCases.setup("phiroi", Mode.FIXED);
        assertArrayEquals(bits(OracleCases.render(with(f, 2, 1, null)).result().floatImage()),
                bits(OracleCases.render(with(f, 2, 3, null)).result().floatImage()));
    }

    static int[] differing(float[] a, float[] b) {
        return java.util.stream.IntStream.range(0, a.length)
                .filter(i -> Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])).toArray();
    }
}
