package org.nbparity.sim.render;

import org.nbparity.sim.config.Shape;

/**
 * Fast path of {@link PixelKernel} for one pixel (render.md 4.4-4.23): the same steps, regrouped
 * so that the lattice factors' sines run on SIMD lanes. For a batch of consecutive source
 * iterations (of one or more subpixels) it
 * <ol>
 *   <li>walks the sources, phi steps and mosaic domains in upstream's order with the reference's
 *       own steps (scattering vector, resolution cut, the polarization call with its in-place
 *       normalisation of the diffracted direction, the orientation state of quirk 1), recording
 *       h, k, l of every evaluation and the sincg arguments pi*h*N and pi*h;</li>
 *   <li>evaluates all their sines at once (SIMD lanes, or the same scalar sine) and the
 *       quotients sin(x*N)/sin(x) (U3291-3295);</li>
 *   <li>consumes the evaluations in the same order: lattice factor, early exit, nearest F,
 *       I += F^2 F_latt^2.</li>
 * </ol>
 * Nothing in step 1 depends on a lattice factor, so the regrouping changes no value and no
 * order of any sum. It applies to SQUARE crystals without per-subpixel factors
 * ({@code -oversample_thick/polar/omega}) when the pixel is not traced and interpolation is off;
 * {@code FastPathContractTest} checks it bitwise against the reference.
 */
final class LatticeBatch {
    private final RenderInputs in;
    private final PixelKernel px;
    /** Evaluations per source: phi steps x mosaic domains. */
    private final int perSource;
    /** Source iterations per batch (they may span subpixels and layers). */
    private final int run;
    /** Evaluations the batch holds, a multiple of {@link Sine#PAD}. */
    private final int cap;
    /** Offset of the pi*h arguments in {@link #arg}; the pi*h*N ones start at 0. */
    private final int half;
    private final double[] bh;
    private final double[] bk;
    private final double[] bl;
    /**
     * sincg arguments of evaluation e on axis j (a, b, c): x*N at j*cap + e while filling, x at
     * half + j*cap + e; before the sines, a batch of n < cap evaluations is packed to j*n + e.
     */
    private final double[] arg;
    /** sin(x*N) and sin(x) of the slots, apart so that the quotient loop vectorizes. */
    private final double[] sinN;
    private final double[] sinX;
    private final double[] ratio;
    /** |h|, |k|, |l| up to this keep every sincg argument pi*h*N within the sine's fast range. */
    private final double hklFast;
    /** null: SIMD once the warm-up says so; else always / never. */
    private final Boolean simd;
    /** Whether every argument of the filled batch is in the sine's fast range. */
    boolean inRange;
    /**
     * The fill of one evaluation per source on SIMD lanes (one lane per source), or null: only
     * with one phi step and one mosaic domain and no resolution cut.
     */
    private final SourceLanes lanes;
    /** Source iterations of a pixel: layers x subpixels x sources. */
    private final int iterations;

    /** Whether the batch may render the subpixels of this run. */
    static boolean applies(RenderInputs in, KernelPaths paths) {
        return paths.batch() && in.shape == Shape.SQUARE && !CMath.GLIBC
                && !in.ovThick && !in.ovPolar && !in.ovOmega;
    }

    LatticeBatch(RenderInputs in, PixelKernel px, KernelPaths paths) {
        this.in = in;
        this.px = px;
        this.perSource = in.phisteps * in.mosaicDomains;
        this.run = Math.max(1, paths.sourcesPerBatch(in.thicksteps * in.oversample * in.oversample * in.nsrc, perSource));
        // whole vectors: SourceLanes stores full lanes up to one vector past the last evaluation
        this.cap = padded(run * perSource) + Sine.PAD;
        this.half = 3 * cap;
        this.bh = new double[cap];
        this.bk = new double[cap];
        this.bl = new double[cap];
        this.arg = new double[2 * half];
        java.util.Arrays.fill(arg, 1.0);
        this.sinN = new double[half];
        this.sinX = new double[half];
        this.ratio = new double[half];
        this.hklFast = Sine.LIMIT / 4 / (Math.PI * Math.max(1.0, Math.max(in.na, Math.max(in.nb, in.nc))));
        this.simd = paths.simd() == null ? null : paths.simd() && Sine.VECTOR;
        this.iterations = in.thicksteps * in.oversample * in.oversample * in.nsrc;
        this.lanes = perSource == 1 && !(in.dmin > 0.0) && Sine.VECTOR
                ? new SourceLanes(in, px, this, run >= iterations) : null;
    }

    /** Whether the SIMD lanes are in use (forced, or compiled and timed fast by the warm-up). */
    private boolean simdOn() {
        return simd == null ? Sine.VECTOR & Sine.simdReady() : simd;
    }

    double[] h() {
        return bh;
    }

    double[] k() {
        return bk;
    }

    double[] l() {
        return bl;
    }

    double[] args() {
        return arg;
    }

    int capacity() {
        return cap;
    }

    int half() {
        return half;
    }

    double hklFast() {
        return hklFast;
    }

    private static int padded(int n) {
        return (n + Sine.PAD - 1) / Sine.PAD * Sine.PAD;
    }

    /**
     * One pixel: the reference's layer and subpixel steps ({@link PixelKernel#startLayer},
     * {@link PixelKernel#sample}), each source filled into the batch, which is evaluated and
     * consumed whenever the next source might not fit, and at the end.
     */
    void pixel(int spixel, int fpixel) {
        if (lanes != null && run >= iterations && simdOn()) {
            lanes.pixel(spixel, fpixel);
            return;
        }
        int e = 0;
        int filled = 0;
        inRange = true;
        for (int t = 0; t < in.thicksteps; t++) {
            px.startLayer();
            for (int sy = 0; sy < in.oversample; sy++) {
                for (int sx = 0; sx < in.oversample; sx++) {
                    px.sample(t, sy, sx, spixel, fpixel);
                    for (int s0 = 0; s0 < in.nsrc; ) {
                        if (filled == run) {
                            flush(e);
                            e = 0;
                            filled = 0;
                            inRange = true;
                        }
                        int s1 = Math.min(in.nsrc, s0 + run - filled);
                        e = fill(s0, s1, e);
                        filled += s1 - s0;
                        s0 = s1;
                    }
                }
            }
        }
        flush(e);
    }

    /** Steps 2 and 3 for the n evaluations filled. */
    void flush(int n) {
        if (n > 0) {
            if (n < cap) {
                for (int j = 1; j < 3; j++) {
                    System.arraycopy(arg, j * cap, arg, j * n, n);
                    System.arraycopy(arg, half + j * cap, arg, half + j * n, n);
                }
            }
            evaluate(3 * n);
            consume(n);
        }
    }

    /**
     * Step 1 for sources [s0, s1) of the current subpixel: the reference's source and phi steps
     * up to the Miller indices, recorded from evaluation e on. Returns the next free evaluation.
     */
    private int fill(int s0, int s1, int e) {
        if (lanes == null || !simdOn()) {
            return fillScalar(s0, s1, e);
        }
        int src = s0;
        // until the pixel's polarization factor is known (its call also normalises the
        // diffracted direction in place), one source at a time
        while (src < s1 && px.polar == 0.0) {
            e = fillScalar(src, src + 1, e);
            src++;
        }
        int k = (s1 - src) / lanes.length() * lanes.length();
        if (k > 0) {
            e = lanes.fill(src, src + k, e);
            src += k;
        }
        return src < s1 ? fillScalar(src, s1, e) : e;
    }

    int fillScalar(int s0, int s1, int e) {
        final RenderInputs in = this.in;
        final double[] d = px.diffracted;
        final double[] a = arg;
        final double[] inc1 = in.inc1;
        final double[] inc2 = in.inc2;
        final double[] inc3 = in.inc3;
        final double[] lambda = in.lambda;
        final int hf = half;
        final int mdom = in.mosaicDomains;
        final int phisteps = in.phisteps;
        final double na = in.na;
        final double nb = in.nb;
        final double nc = in.nc;
        final double lim = hklFast;
        final boolean cuts = in.dmin > 0.0;
        // h == 0 needs no sine (sincg returns N); below 1 the factors only shrink the argument
        boolean fast = na >= 1.0 & nb >= 1.0 & nc >= 1.0;
        double d1 = d[0];
        double d2 = d[1];
        double d3 = d[2];
        double q1 = 0.0;
        double q2 = 0.0;
        double q3 = 0.0;
        int state = px.orientState;
        for (int src = s0; src < s1; src++) {
            double lam = lambda[src];
            q1 = RenderInputs.scatter(d1, inc1[src], lam);
            q2 = RenderInputs.scatter(d2, inc2[src], lam);
            q3 = RenderInputs.scatter(d3, inc3[src], lam);
            if (cuts && in.cutByDmin(RenderInputs.stol(q1, q2, q3))) {
                continue;
            }
            if (px.polar == 0.0 || in.ovPolar) {
                px.polar = px.polarize(src);
                d1 = d[0];
                d2 = d[1];
                d3 = d[2];
            }
            for (int pt = 0; pt < phisteps; pt++) {
                state = in.phiState(pt, state);
                int obBase = state * mdom * 9;
                for (int mos = 0; mos < mdom; mos++, e++) {
                    int ob = obBase + mos * 9;
                    double h = in.millerIndex(ob, 0, q1, q2, q3);
                    double kk = in.millerIndex(ob, 1, q1, q2, q3);
                    double l = in.millerIndex(ob, 2, q1, q2, q3);
                    bh[e] = h;
                    bk[e] = kk;
                    bl[e] = l;
                    double xa = Math.PI * h;
                    double xb = Math.PI * kk;
                    double xc = Math.PI * l;
                    a[e] = xa * na;
                    a[cap + e] = xb * nb;
                    a[2 * cap + e] = xc * nc;
                    a[hf + e] = xa;
                    a[hf + cap + e] = xb;
                    a[hf + 2 * cap + e] = xc;
                    fast &= Math.abs(h) <= lim & Math.abs(kk) <= lim & Math.abs(l) <= lim;
                }
            }
        }
        if (s1 > s0) {
            // the last source's scattering vector stays behind for -printout's stol, as in the reference
            final double[] q = px.scattering;
            q[0] = q1;
            q[1] = q2;
            q[2] = q3;
        }
        px.orientState = state;
        inRange &= fast;
        return e;
    }

    /** Step 2: sin(x*N), sin(x) and their quotient of the first {@code slots} slots. */
    private void evaluate(int slots) {
        final int m = padded(slots);
        final int hf = half;
        // padding lanes: an argument inside the fast range
        for (int i = slots; i < m; i++) {
            arg[i] = 1.0;
            arg[hf + i] = 1.0;
        }
        if (!inRange) {
            // huge or NaN arguments: the scalar path's sine
            for (int i = 0; i < m; i++) {
                sinN[i] = Sine.sin(arg[i]);
                sinX[i] = Sine.sin(arg[hf + i]);
            }
        } else if (simd == null) {
            Sine.sinInRange(arg, 0, sinN, m);
            Sine.sinInRange(arg, hf, sinX, m);
        } else {
            Sine.sinInRange(arg, 0, sinN, m, simd);
            Sine.sinInRange(arg, hf, sinX, m, simd);
        }
        Sine.quotients(sinN, sinX, ratio, m);
    }

    /** Step 3: the evaluations in order, from the lattice factor to the running sum. */
    private void consume(int n) {
        double intensity = px.intensity;
        double fc = 0.0;
        boolean fcSet = false;
        for (int e = 0; e < n; e++) {
            double fl = latticeFactor(e, n);
            if (PixelKernel.skipsZeroLattice(in, fl)) {
                continue;
            }
            fc = in.nearestF(bh[e], bk[e], bl[e]);
            fcSet = true;
            intensity += fc * fc * fl * fl;
        }
        px.intensity = intensity;
        if (fcSet) {
            px.last.fcell(fc);
        }
        // the last evaluation is the last mosaic domain of the last phi step of the orientation state left
        int e = n - 1;
        int mdom = in.mosaicDomains;
        px.last.mosaic(bh[e], bk[e], bl[e], PixelKernel.nearest(bh[e]), PixelKernel.nearest(bk[e]),
                PixelKernel.nearest(bl[e]), latticeFactor(e, n), (px.orientState * mdom + mdom - 1) * 9);
    }

    /** SQUARE F_latt of evaluation e of a batch of n from the quotients. */
    private double latticeFactor(int e, int n) {
        return PixelKernel.squareLatticeFactor(in, sincg(e, bh[e], in.na), sincg(n + e, bk[e], in.nb),
                sincg(2 * n + e, bl[e], in.nc));
    }

    /**
     * sincg (U3291-3295) of slot o for index value hkl: N at x = pi*hkl == 0 (exactly when
     * hkl == 0: pi times the smallest subnormal is not 0), else sin(x*N)/sin(x).
     */
    private double sincg(int o, double hkl, double n) {
        return hkl == 0.0 ? n : ratio[o];
    }
}
