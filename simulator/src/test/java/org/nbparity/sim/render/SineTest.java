package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nbparity.sim.clib.Libm;

/**
 * {@link Sine} against glibc's sin (what the C calls) on the render loop's arguments: pi*h and
 * N*pi*h for fractional Miller indices up to |h| = 100 and N up to 100, near-integer and exact
 * integer and half-integer h (tiny results), and a wide uniform range.
 */
class SineTest {
    private static long ulps(double a, double b) {
        long x = Double.doubleToRawLongBits(a);
        long y = Double.doubleToRawLongBits(b);
        if (x < 0) {
            x = Long.MIN_VALUE - x;
        }
        if (y < 0) {
            y = Long.MIN_VALUE - y;
        }
        return Math.abs(x - y);
    }

    /** [calls, disagreements with glibc, max ULP] for Sine and for Math.sin. */
    private static long[] compare(double[] xs) {
        long dis = 0;
        long max = 0;
        long disMath = 0;
        for (double x : xs) {
            double g = Libm.sin(x);
            long u = ulps(Sine.sin(x), g);
            if (u != 0) {
                dis++;
            }
            max = Math.max(max, u);
            if (Math.sin(x) != g) {
                disMath++;
            }
        }
        return new long[] {xs.length, dis, max, disMath};
    }

    private static double[] loopArguments(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] ns = {1, 5, 29, 36, 47, 100};
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            double h;
            switch (i % 4) {
                case 0 -> h = r.nextDouble(-100, 100);
                case 1 -> h = Math.rint(r.nextDouble(-100, 100)) + r.nextDouble(-1e-6, 1e-6);
                case 2 -> h = Math.rint(r.nextDouble(-100, 100));
                default -> h = Math.rint(r.nextDouble(-200, 200)) / 2 + Math.scalb(r.nextDouble(-1, 1), -40);
            }
            double x = Math.PI * h;
            xs[i] = x * ns[(i / 4) % ns.length];
        }
        return xs;
    }

    @Test
    void agreesWithGlibcOnTheLoopArgumentsWithinOneUlp() {
        assumeTrue("glibc".equals(Libm.backend()), "needs glibc's libm through the foreign API");
        long[] c = compare(loopArguments(2_000_000, 7));
        System.out.printf("Sine vs glibc: %d calls, %d differ (%.4f %%), max %d ULP; Math.sin differs in %.4f %%%n",
                c[0], c[1], 100.0 * c[1] / c[0], c[2], 100.0 * c[3] / c[0]);
        assertTrue(c[2] <= 1, "max ULP " + c[2]);
        assertTrue(c[1] <= c[0] / 100, "disagreements " + c[1]);
    }

    @Test
    void agreesWithGlibcOnAWideUniformRange() {
        assumeTrue("glibc".equals(Libm.backend()), "needs glibc's libm through the foreign API");
        SplittableRandom r = new SplittableRandom(11);
        double[] xs = new double[1_000_000];
        for (int i = 0; i < xs.length; i++) {
            // magnitudes from 2^30 down to subnormals
            xs[i] = r.nextDouble(-0x1p30, 0x1p30) * Math.scalb(1.0, -r.nextInt(0, 1100));
        }
        long[] c = compare(xs);
        System.out.printf("Sine vs glibc (wide): %d calls, %d differ (%.4f %%), max %d ULP; Math.sin %.4f %%%n",
                c[0], c[1], 100.0 * c[1] / c[0], c[2], 100.0 * c[3] / c[0]);
        assertTrue(c[2] <= 1, "max ULP " + c[2]);
    }

    @Test
    void simdBatchEqualsTheScalarSineBitForBit() {
        assertTrue(Sine.VECTOR, "the test JVM runs with --add-modules jdk.incubator.vector (pom argLine)");
        double[] xs = loopArguments(1 << 16, 3);
        double[] in = new double[xs.length];
        int n = 0;
        for (double x : xs) {
            if (Sine.inFastRange(x)) {
                in[n++] = x;
            }
        }
        n -= n % (2 * Sine.PAD);
        double[] out = new double[n];
        VectorSine.sin(in, 0, out, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(Sine.sin(in[i])), Double.doubleToRawLongBits(out[i]),
                    "lane " + i + " x=" + in[i]);
        }
    }

    @Test
    void fastRangeExcludesWhatTheScalarPathHandsToMathSin() {
        assertTrue(Sine.inFastRange(1.0) && Sine.inFastRange(Double.MIN_VALUE) && Sine.inFastRange(1e-9));
        assertTrue(Sine.inFastRange(-0x1p30));
        assertTrue(!Sine.inFastRange(0.0) && !Sine.inFastRange(-0.0)
                && !Sine.inFastRange(0x1p30 + 256) && !Sine.inFastRange(Double.NaN)
                && !Sine.inFastRange(Double.NEGATIVE_INFINITY));
    }

    @Test
    void specialValuesFollowC() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Sine.sin(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Sine.sin(0.0)));
        assertTrue(Double.isNaN(Sine.sin(Double.NaN)));
        assertTrue(Double.isNaN(Sine.sin(Double.POSITIVE_INFINITY)));
        assertEquals(1e-30, Sine.sin(1e-30));
        assertEquals(Double.MIN_VALUE, Sine.sin(Double.MIN_VALUE));
        assertEquals(Math.sin(1e10), Sine.sin(1e10));
    }
}
