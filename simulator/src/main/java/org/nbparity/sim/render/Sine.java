package org.nbparity.sim.render;

/**
 * A branch-free double-precision sine for the lattice factor (sincg), the hot spot of the render
 * loop: a SQUARE crystal costs six sines per (pixel, phi, mosaic) evaluation, 372 million on the
 * supervisor frame, and {@link Math#sin} (an opaque stub call with a branch per range) took about
 * 11 ns of the ~17 ns that one evaluation's sines and divisions cost.
 *
 * <p>Method: Cody-Waite reduction by pi/2 with a three-double pi/2 (the first product is exact by
 * a fused multiply-add, the rest carried as a double-double), then both the sine and the cosine
 * polynomial of fdlibm's {@code __kernel_sin}/{@code __kernel_cos} (minimax on [-pi/4, pi/4],
 * error below 2^-58) with the low part of the reduced argument, and a bitwise select of the
 * quadrant's result and sign, so that no branch depends on the argument. The cosine's leading
 * {@code 1 - z/2} is evaluated as an exact sum (Fast2Sum) with the rounding error of
 * {@code z = r*r} added back, so both kernels stay within about 0.6 ULP.
 *
 * <p>Parity: glibc's sin (what C nanoBragg calls) and this one agree bit for bit except where the
 * exact sine lies within a fraction of an ULP of a rounding boundary; SineTest measures the
 * disagreement rate against glibc on the loop's argument range and bounds every disagreement by
 * 1 ULP, and the golden image tests bound the effect on the images (bitwise on every golden).
 * Zero, arguments above 2^30 in magnitude, NaN and infinities go to {@link Math#sin} (the sign of
 * zero; above 2^30 the reduction constants would need more bits than this path carries). Below
 * 2^-26 the polynomial path returns the argument itself, as glibc does.
 */
final class Sine {
    private Sine() {
    }

    /** 2/pi rounded to double. */
    static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /** pi/2 = P1 + P2 + P3 to about 160 bits (each the nearest double to the remainder). */
    static final double P1 = 0x1.921fb54442d18p+0;
    static final double P2 = 0x1.1a62633145c07p-54;
    static final double P3 = -0x1.f1976b7ed8fbcp-110;
    /** Largest |x| of the polynomial path: pi/2 to 159 bits covers the worst cancellation below 2^30. */
    static final double LIMIT = 0x1p30;

    // Minimax coefficients of fdlibm's k_sin.c and k_cos.c, whose notice reads: "Copyright (C) 1993
    // by Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun Microsystems, Inc.
    // business. Permission to use, copy, modify, and distribute this software is freely granted,
    // provided that this notice is preserved." 
    static final double S1 = -1.66666666666666324348e-01;
    static final double S2 = 8.33333333332248946124e-03;
    static final double S3 = -1.98412698298579493134e-04;
    static final double S4 = 2.75573137070700676789e-06;
    static final double S5 = -2.50507602534068634195e-08;
    static final double S6 = 1.58969099521155010221e-10;
    static final double C1 = 4.16666666666666019037e-02;
    static final double C2 = -1.38888888888741095749e-03;
    static final double C3 = 2.48015872894767294178e-05;
    static final double C4 = -2.75573143513906633035e-07;
    static final double C5 = 2.08757232129817482790e-09;
    static final double C6 = -1.13596475577881948265e-11;

    /** True when the JVM has the incubator Vector API ({@code --add-modules jdk.incubator.vector}). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("nb.kernel.vector"));

    /** Batch arrays are padded to a multiple of this (the widest vector: 8 doubles). */
    static final int PAD = 8;

    /**
     * out[i] = sin(in[inOff + i]) for i in [0, n), bit for bit the values of {@link #sin(double)},
     * for arguments the caller has checked with {@link #inFastRange}: with the Vector API as SIMD
     * code ({@link VectorSine}), else one call per element. {@code n} must be a multiple of
     * {@link #PAD}.
     */
    static void sinInRange(double[] in, int inOff, double[] out, int n) {
        // '&', not '&&': no branch on the flag here, only in the method below (see its comment)
        sinInRange(in, inOff, out, n, VECTOR & simdReady);
    }

    /**
     * {@link #sinInRange(double[], int, double[], int)} on SIMD lanes or not as {@code simd} says.
     * The warm-up thread calls it with {@code true} while the render calls it with {@code false},
     * so the branch profile HotSpot collects has seen both sides before C2 compiles the render
     * loop, which inlines this method. Otherwise C2 compiles the SIMD side as a trap, and
     * switching to SIMD throws both render threads back to the interpreter until the render loop
     * is compiled again (measured on the supervisor frame: a third C2 compile of renderPixel,
     * ~0.2 s).
     */
    static void sinInRange(double[] in, int inOff, double[] out, int n, boolean simd) {
        if (simd) {
            VectorSine.sin(in, inOff, out, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = sin(in[inOff + i]);
            }
        }
    }

    /**
     * Whether the SIMD code runs at compiled speed. Until HotSpot's C2 has compiled it, the
     * Vector API runs as plain Java that allocates a box per vector operation, tens of times
     * slower than the scalar sine; measured on the supervisor frame, the render's first 0.5-0.8 s
     * ran that way. The batch therefore uses the scalar sine (the same bits) until the warm-up
     * thread has timed the SIMD code fast. Only speed depends on this flag, never a value.
     */
    private static volatile boolean simdReady = !VECTOR || "false".equals(System.getProperty("nb.warmup"));

    /** {@link System#nanoTime()} when {@link #simdReady} was set by the warm-up; 0 before. */
    private static volatile long simdReadyNanos;

    /** Whether the batch runs on SIMD lanes now (benchmarks wait for it). */
    static boolean simdReady() {
        return simdReady;
    }

    /** {@link System#nanoTime()} at which the warm-up let the batch use SIMD; 0 if it has not (yet). */
    static long simdReadyNanos() {
        return simdReadyNanos;
    }

    /**
     * Starts, once per JVM, a daemon thread that runs the SIMD batch until it is compiled (timed
     * fast) and then lets the render use it ({@link #simdReady}). Called at the start of a run:
     * parsing and setup leave the other core mostly idle.
     */
    static void warmUpInBackground() {
        if (!simdReady) {
            WarmUp.touch();
        }
    }

    /** Set when a render starts: from then on the warm-up paces itself (see {@link WarmUp}). */
    private static volatile boolean rendering;

    /** Tells the warm-up that render threads now compete with it for the cores. */
    static void renderStarted() {
        rendering = true;
    }

    /** Holder: its class initialisation starts the warm-up thread once per JVM. */
    private static final class WarmUp {
        static {
            Thread t = new Thread(WarmUp::run, "nanobragg-simd-warmup");
            t.setDaemon(true);
            t.start();
        }

        static void touch() {
            // class initialisation does the work
        }

        /**
         * Calls made back to back, at least, before the thread paces itself: four times the 500
         * invocations after which HotSpot queues a method for C2 at the 0.1x thresholds that
         * {@code bin/nanobragg} sets for the render package. Until the render starts it does not
         * pace at all: HotSpot gives the C2 queue's slot to the method called most often lately,
         * and once the render runs, its own methods would win.
         */
        private static final int SPIN_CALLS = 2_000;
        /** Calls per pacing step, one step per millisecond: 8,000 calls a second still reach
         * HotSpot's default thresholds (5,000) within a second when no scaling is set. */
        private static final int PACED_CALLS = 8;
        /** Calls timed together: one is too short for the clock on some machines. */
        private static final int TIMED_CALLS = 4;
        /** A call compiled with the vector operations as SIMD instructions takes ~20 ns; one
         * that still runs interpreted, C1-compiled or C2-compiled with boxed vectors takes ~1 us
         * or more. */
        private static final long FAST_NANOS = TIMED_CALLS * 150;
        /** Gives up after this (the batch keeps the scalar sine: same bits; -Xint, for one). */
        private static final long GIVE_UP_NANOS = 20_000_000_000L;

        private static void run() {
            // one vector per call: short calls reach the JIT's invocation thresholds soonest
            double[] in = new double[PAD];
            double[] out = new double[PAD];
            long start = System.nanoTime();
            boolean fast = false;
            try {
                for (int call = 0; ; call += TIMED_CALLS) {
                    long t0 = System.nanoTime();
                    for (int j = 0; j < TIMED_CALLS; j++) {
                        for (int i = 0; i < PAD; i++) {
                            in[i] = 0.37 * (i + (call + j) % 7 + 1);
                        }
                        // through the render's own entry point: see sinInRange(..., boolean)
                        sinInRange(in, 0, out, PAD, true);
                    }
                    long t1 = System.nanoTime();
                    fast = t1 - t0 < FAST_NANOS;
                    if (fast || t1 - start > GIVE_UP_NANOS) {
                        return;
                    }
                    // Once the method is queued for C2, further slow calls only take a core from
                    // the render threads and the compiler (measured on the supervisor frame with
                    // 2 threads: the spinning warm-up used ~0.9 s of CPU while C2 was busy).
                    if (rendering && call >= SPIN_CALLS && call % PACED_CALLS == 0) {
                        Thread.sleep(1);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (fast) {
                    simdReadyNanos = System.nanoTime();
                    simdReady = true;
                }
            }
        }
    }

    /**
     * out[i] = num[i] / den[i] for i in [0, n). A plain loop, which C2 turns into SIMD divisions
     * by itself: every access has index i, so it needs no proof that the arrays differ (with an
     * offset into one array, as before, it stayed scalar: case (c) +0.8 s). It used the Vector API
     * until a run showed C2 compiling its store without the intrinsic now and then (about one
     * supervisor run in ten with 2 threads): every call then allocated a vector, ~1.3 GB/s, 22
     * young collections and +0.6 s of render.
     */
    static void quotients(double[] num, double[] den, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = num[i] / den[i];
        }
    }

    /**
     * True if {@link #sin(double)} computes sin(x) on its polynomial path, which the SIMD lanes
     * share: 0 < |x| <= {@link #LIMIT}. The lanes also return NaN for NaN and infinities, and
     * +0.0 for -0.0 (the only lane result that differs from the scalar one; sincg never uses
     * the sine of 0).
     */
    static boolean inFastRange(double x) {
        double ax = Math.abs(x);
        return ax > 0.0 && ax <= LIMIT;
    }

    /**
     * sin(x), within 1 ULP of the exact value.
     *
     * @param x argument in radians
     * @return the sine
     */
    static double sin(double x) {
        double ax = Math.abs(x);
        if (!(ax > 0.0 && ax <= LIMIT)) {
            return Math.sin(x);
        }
        double kd = Math.rint(x * TWO_OVER_PI);
        // x - kd*P1 is exact: both are multiples of 2^-52 (|x| >= 1; for |x| < 1, kd is 0 or +-1
        // and both are multiples of 2^-53) and the difference is below 2 in magnitude
        double r1 = Math.fma(-kd, P1, x);
        double p = kd * P2;
        double pe = Math.fma(kd, P2, -p);
        // TwoSum(r1, -p): no ordering of magnitudes assumed (r1 can be tiny near a multiple of pi/2)
        double s = r1 - p;
        double bb = s - r1;
        double err = (r1 - (s - bb)) + (-p - bb);
        double lo = err - pe - kd * P3;
        double rh = s + lo;
        double rl = lo - (rh - s);

        double z = rh * rh;
        double v = z * rh;
        double rs = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        double sinv = rh - ((z * (0.5 * rl - v * rs) - rl) - v * S1);

        double rc = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        double zl = Math.fma(rh, rh, -z);
        double hz = 0.5 * z;
        double w = 1.0 - hz;
        double e = (1.0 - w) - hz;
        double cosv = w + (((e - 0.5 * zl) - rh * rl) + z * rc);

        int q = (int) kd;
        long odd = -(long) (q & 1);
        long bits = (Double.doubleToRawLongBits(sinv) & ~odd) | (Double.doubleToRawLongBits(cosv) & odd);
        bits ^= ((long) (q & 2)) << 62;
        return Double.longBitsToDouble(bits);
    }
}
