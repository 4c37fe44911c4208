package org.nbparity.sim.render;

import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.trace.TraceWriter;

/**
 * One thread's pass over a run of pixels in upstream's processing order. Its fields are what an
 * upstream OpenMP thread keeps in firstprivate variables from one pixel to the next (render.md
 * 5.1): the phi orientation state (quirk 1), the polarization axis (quirk 24), the interpolation
 * switch as this thread sees it (quirk 11), and the last-iteration values that -printout shows
 * (quirk 21). Nothing is allocated per pixel or per sample.
 */
final class Worker {
    private final Kernel k;
    private final float[] img;

    /** Orientation state: 0 = a0,b0,c0; 1+i = rotated to phi step i. */
    int orientState;
    /** The firstprivate polar_vector, normalised in place by every polarization call. */
    final double[] polarAxis = new double[3];
    /** Interpolation switch as this worker sees it. */
    boolean interp;
    /** Serial index of the first pixel whose evaluation switched interpolation off, or -1. */
    long trigger = -1;
    /** Upstream's one-time warning for that evaluation. */
    String warning;

    // last-iteration values for -printout (render.md 4.26)
    boolean mosKnown;
    double lastH;
    double lastK;
    double lastL;
    int lastH0;
    int lastK0;
    int lastL0;
    double lastFlatt;
    int lastOb = -1;
    boolean fcellKnown;
    double fcell;
    // pixel-end values for -printout
    double pStol;
    double pP1;
    double pP2;
    double pP3;
    double pI;
    double pPolar;
    double pOmega;
    double pCapture;
    double pFdet;
    double pSdet;
    float lastPixel;

    /**
     * Lattice-factor batch of one (layer, subpixel, source), SQUARE crystals only: h, k, l of
     * every (phi, mosaic) evaluation, then all sincg of the batch at once (the sines on SIMD
     * lanes, the quotients in a loop C2 vectorizes), consumed by the evaluations in upstream's
     * order. Same values and same order of every sum as evaluating them one by one. Layout of
     * {@code sinArg}: the x*N arguments of slot 3e+j (evaluation e, axis j = a, b, c), then from
     * {@code half} on the x = pi*h arguments of the same slots; padding lanes hold 1.0 (inside the
     * fast range).
     */
    private final boolean batch;
    private final int half;
    private final double[] bh;
    private final double[] bk;
    private final double[] bl;
    private final double[] sinArg;
    /** sin(x*N) and sin(x) of the slots, apart so that the quotient loop vectorizes. */
    private final double[] sinN;
    private final double[] sinX;
    private final double[] ratio;
    /** |h|, |k|, |l| up to this keep every sincg argument pi*h*N within the sine's fast range. */
    private final double hklFast;
    /** One batch per (layer, subpixel) over all sources, else one per source. */
    private final boolean allSources;
    /** Evaluations per source: phi steps x mosaic domains. */
    private final int perSource;
    /** Per batched source: the scattering vector phase A used, and whether it filled the slot. */
    private final double[] bq1;
    private final double[] bq2;
    private final double[] bq3;
    private final boolean[] bFilled;
    /** Whether {@link #phiMosaicFast} applies (SQUARE, no water, no per-subpixel factors). */
    private final boolean fastLoop;
    /** Orientation state after {@link #phiMosaicFast}. */
    private int fastState;

    /** The diffracted vector as {@link #fillBatchSources} replays it. */
    private final double[] replayD = new double[3];
    private final double[] tmp3 = new double[3];
    private final double[] vec = new double[3];
    private final double[] sub = new double[64];

    Worker(Kernel k, float[] img) {
        this.k = k;
        this.img = img;
        this.batch = k.shape == Shape.SQUARE && !CMath.GLIBC;
        int perSource = k.phisteps * k.mosaicDomains;
        // few evaluations per source (e.g. divergence and dispersion with one phi step): one batch
        // per (layer, subpixel) over all sources, so that the SIMD lanes stay filled
        this.allSources = batch && k.nsrc > 1 && 3 * perSource < 48 && k.nsrc * perSource <= 4096;
        this.perSource = perSource;
        int evals = batch ? (allSources ? k.nsrc : 1) * perSource : 0;
        this.half = (3 * evals + Sine.PAD - 1) / Sine.PAD * Sine.PAD;
        int nq = allSources ? k.nsrc : 1;
        this.bq1 = new double[nq];
        this.bq2 = new double[nq];
        this.bq3 = new double[nq];
        this.bFilled = new boolean[nq];
        this.bh = new double[evals];
        this.bk = new double[evals];
        this.bl = new double[evals];
        this.sinArg = new double[2 * half];
        java.util.Arrays.fill(this.sinArg, 1.0);
        this.sinN = new double[half];
        this.sinX = new double[half];
        this.ratio = new double[half];
        this.fastLoop = batch && k.waterSize == 0.0 && !k.ovThick && !k.ovPolar && !k.ovOmega;
        this.hklFast = Sine.LIMIT / 4 / (Math.PI * Math.max(1.0, Math.max(k.na, Math.max(k.nb, k.nc))));
    }

    /**
     * Fills the evaluations of source slot {@code slot} for scattering vector q: walks the phi
     * steps exactly as the render loop will (orientation state from {@code state}, quirk 1).
     * Returns the orientation state after them, or {@code Integer.MIN_VALUE} if an index is out
     * of the sines' fast range.
     */
    private int fillSlot(int slot, int state, double q1, double q2, double q3) {
        final Kernel q = k;
        final double[] arg = sinArg;
        final int mdom = q.mosaicDomains;
        final int hf = half;
        final double na = q.na;
        final double nb = q.nb;
        final double nc = q.nc;
        boolean fast = true;
        int e = slot * perSource;
        for (int pt = 0; pt < q.phisteps; pt++) {
            state = q.phiState(pt, state);
            int obBase = state * mdom * 9;
            for (int mos = 0; mos < mdom; mos++, e++) {
                int ob = obBase + mos * 9;
                double h = q.millerIndex(ob, 0, q1, q2, q3);
                double kk = q.millerIndex(ob, 1, q1, q2, q3);
                double l = q.millerIndex(ob, 2, q1, q2, q3);
                bh[e] = h;
                bk[e] = kk;
                bl[e] = l;
                double xa = Math.PI * h;
                double xb = Math.PI * kk;
                double xc = Math.PI * l;
                int o = 3 * e;
                arg[o] = xa * na;
                arg[o + 1] = xb * nb;
                arg[o + 2] = xc * nc;
                arg[hf + o] = xa;
                arg[hf + o + 1] = xb;
                arg[hf + o + 2] = xc;
                // h == 0 needs no sine (sincg returns N); below 1 the factors only shrink the argument
                fast &= Math.abs(h) <= hklFast & Math.abs(kk) <= hklFast & Math.abs(l) <= hklFast
                        & na >= 1.0 & nb >= 1.0 & nc >= 1.0;
            }
        }
        return fast ? state : Integer.MIN_VALUE;
    }

    /** Evaluates every sin(x*N), sin(x) and their quotient (U3291-3295) of the filled slots. */
    private void evaluateBatch(boolean fast) {
        final int hf = half;
        if (fast) {
            Sine.sinInRange(sinArg, 0, sinN, hf);
            Sine.sinInRange(sinArg, hf, sinX, hf);
        } else {
            // huge or NaN arguments: the scalar path's sine
            for (int i = 0; i < hf; i++) {
                sinN[i] = Sine.sin(sinArg[i]);
                sinX[i] = Sine.sin(sinArg[hf + i]);
            }
        }
        Sine.quotients(sinN, sinX, ratio, hf);
    }

    /** The batch of one (layer, subpixel, source) with scattering vector q (slot 0). */
    private void fillBatch(int state, double q1, double q2, double q3) {
        bq1[0] = q1;
        bq2[0] = q2;
        bq3[0] = q3;
        bFilled[0] = true;
        evaluateBatch(fillSlot(0, state, q1, q2, q3) != Integer.MIN_VALUE);
    }

    /**
     * The batch of one (layer, subpixel) over all sources (phase A): replays the source loop of
     * {@link #renderPixel} far enough to know each source's scattering vector: incident vector and
     * wavelength, the dmin cut, and the in-place normalisation of the diffracted vector that the
     * first polarization call of the pixel performs (quirks 3, 8, 24), assuming that call returns
     * a non-zero factor. The render loop uses a slot only if its own scattering vector is bitwise
     * the one recorded here, so a wrong assumption costs speed, never a result.
     */
    private void fillBatchSources(int state, double d1, double d2, double d3, boolean polarPending) {
        final Kernel q = k;
        final double[] d = replayD;
        d[0] = d1;
        d[1] = d2;
        d[2] = d3;
        boolean fast = true;
        for (int src = 0; src < q.nsrc; src++) {
            double lam = q.lambda[src];
            double q1 = (d[0] - q.inc1[src]) / lam;
            double q2 = (d[1] - q.inc2[src]) / lam;
            double q3 = (d[2] - q.inc3[src]) / lam;
            double stol = 0.5 * Math.sqrt(q1 * q1 + q2 * q2 + q3 * q3);
            if (q.cutByDmin(stol)) {
                bFilled[src] = false;
                continue;
            }
            if (polarPending || q.ovPolar) {
                // the polarization call's in-place normalisation of the diffracted vector
                CMath.unitize(d);
                polarPending = false;
            }
            bq1[src] = q1;
            bq2[src] = q2;
            bq3[src] = q3;
            bFilled[src] = true;
            state = fillSlot(src, state, q1, q2, q3);
            if (state == Integer.MIN_VALUE) {
                fast = false;
                break;
            }
        }
        if (!fast) {
            java.util.Arrays.fill(bFilled, false);
            return;
        }
        evaluateBatch(true);
    }

    /**
     * sincg (U3291-3295) of batch slot o for index value hkl: N at x = pi*hkl == 0 (exactly when
     * hkl == 0: pi times the smallest subnormal is not 0), else sin(x*N)/sin(x).
     */
    private double sincg(int o, double hkl, double n) {
        return hkl == 0.0 ? n : ratio[o];
    }

    /** Resets the carried state to what an upstream thread holds at region entry. */
    void startBlock(boolean interpOn) {
        orientState = 0;
        System.arraycopy(k.polar0, 0, polarAxis, 0, 3);
        interp = interpOn;
        mosKnown = false;
        fcellKnown = false;
        lastOb = -1;
    }

    /**
     * State of a worker that starts mid-block, after pixels of the same upstream thread that
     * another worker renders: derived from whether any of them executed a phi sweep.
     */
    void startMidBlock(boolean earlierSweep, boolean interpOn) {
        startBlock(interpOn);
        if (earlierSweep) {
            // quirk 1 (U2783-2789): after a complete sweep the orientation is that of the last phi != 0 step
            orientState = k.fixed ? 0 : k.carriedState();
            // quirk 24 (U4064): the first sweep of the thread called polarization_factor once
            if (!k.nopolar || k.ovPolar) {
                System.arraycopy(k.polar1, 0, polarAxis, 0, 3);
            }
        }
    }

    /** Subpixel position (render.md 4.5-4.7) into vec; returns nothing, Fdet/Sdet via fields. */
    private void position(int spixel, int fpixel, double odetM, double fdetM, double sdetM) {
        final Kernel q = k;
        double p1 = fdetM * q.fdet[0] + sdetM * q.sdet[0] + odetM * q.odet[0] + q.pix0[0];
        double p2 = fdetM * q.fdet[1] + sdetM * q.sdet[1] + odetM * q.odet[1] + q.pix0[1];
        double p3 = fdetM * q.fdet[2] + sdetM * q.sdet[2] + odetM * q.odet[2] + q.pix0[2];
        if (q.curved) {
            // quirk 22 (U2707-2716): lab y and z of the flat position are the arc angles
            double v1 = q.distance * q.beam[0];
            double v2 = q.distance * q.beam[1];
            double v3 = q.distance * q.beam[2];
            CMath.rotateAxis(v1, v2, v3, q.sdet, p2 / q.distance, tmp3, 0);
            CMath.rotateAxis(tmp3[0], tmp3[1], tmp3[2], q.fdet, p3 / q.distance, vec, 0);
        } else {
            vec[0] = p1;
            vec[1] = p2;
            vec[2] = p3;
        }
    }

    /**
     * Lab position of sub-pixel (sy, sx) of a pixel at layer depth odetM into {@code vec}, with the
     * Fdet/Sdet expressions of render.md 4.5 (the same bits as the render loop computes).
     */
    private void samplePosition(int spixel, int fpixel, double odetM, int sy, int sx) {
        final Kernel q = k;
        double fdetM = q.subpixelSize * (fpixel * q.oversample + sx) + q.subpixelSize / 2.0;
        double sdetM = q.subpixelSize * (spixel * q.oversample + sy) + q.subpixelSize / 2.0;
        position(spixel, fpixel, odetM, fdetM, sdetM);
    }

    /** True if the pixel is rendered and any (layer, subpixel, source) survives the dmin cut. */
    boolean hasSweep(int spixel, int fpixel) {
        final Kernel q = k;
        if (!q.rendered(spixel, fpixel)) {
            return false;
        }
        if (!(q.dmin > 0.0)) {
            return true;
        }
        // No polarization call precedes the first survivor, so diffracted is unmodified here.
        for (int t = 0; t < q.thicksteps; t++) {
            double odetM = t * q.thickstep;
            for (int sy = 0; sy < q.oversample; sy++) {
                for (int sx = 0; sx < q.oversample; sx++) {
                    samplePosition(spixel, fpixel, odetM, sy, sx);
                    double p1 = vec[0];
                    double p2 = vec[1];
                    double p3 = vec[2];
                    double air = Math.sqrt(p1 * p1 + p2 * p2 + p3 * p3);
                    double d1 = 0.0;
                    double d2 = 0.0;
                    double d3 = 0.0;
                    if (air != 0.0) {
                        d1 = p1 / air;
                        d2 = p2 / air;
                        d3 = p3 / air;
                    }
                    for (int src = 0; src < q.nsrc; src++) {
                        double lam = q.lambda[src];
                        double q1 = (d1 - q.inc1[src]) / lam;
                        double q2 = (d2 - q.inc2[src]) / lam;
                        double q3 = (d3 - q.inc3[src]) / lam;
                        double stol = 0.5 * Math.sqrt(q1 * q1 + q2 * q2 + q3 * q3);
                        if (!q.cutByDmin(stol)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Omega summed over the pixel's (layer, subpixel) samples in upstream order (U2721-2729). */
    double addOmega(double omegaSum, int spixel, int fpixel) {
        final Kernel q = k;
        int n = q.thicksteps * q.oversample * q.oversample;
        if (!q.ovOmega) {
            if (n == 0) {
                return omegaSum;
            }
            // the pixel's omega is that of its first sample (quirk 4): recomputed here with the
            // expressions of renderPixel (bitwise the same) instead of a per-pixel array
            samplePosition(spixel, fpixel, 0 * q.thickstep, 0, 0);
            double w = omega(Math.sqrt(vec[0] * vec[0] + vec[1] * vec[1] + vec[2] * vec[2]));
            for (int i = 0; i < n; i++) {
                omegaSum += w;
            }
            return omegaSum;
        }
        for (int t = 0; t < q.thicksteps; t++) {
            double odetM = t * q.thickstep;
            for (int sy = 0; sy < q.oversample; sy++) {
                for (int sx = 0; sx < q.oversample; sx++) {
                    samplePosition(spixel, fpixel, odetM, sy, sx);
                    double air = Math.sqrt(vec[0] * vec[0] + vec[1] * vec[1] + vec[2] * vec[2]);
                    omegaSum += omega(air);
                }
            }
        }
        return omegaSum;
    }

    private double omega(double air) {
        double w = k.pointPixel ? 1.0 / air / air
                : k.pixelSize * k.pixelSize / air / air * k.closeDistance / air;
        return k.omegaFaultFactor == 1.0 ? w : w * k.omegaFaultFactor;
    }

    /**
     * Renders one pixel that passed the ROI and mask tests (render.md 4.3-4.24) and stores it.
     *
     * @param tw trace writer if this is the traced pixel, else null
     */
    void renderPixel(int spixel, int fpixel, TraceWriter tw) {
        final Kernel q = k;
        final int os = q.oversample;
        final int nsrc = q.nsrc;
        final int phisteps = q.phisteps;
        final int mdom = q.mosaicDomains;
        final double[] orient = q.orient;
        final boolean fixed = q.fixed;
        final Shape shape = q.shape;
        final double na = q.na;
        final double nb = q.nb;
        final double nc = q.nc;
        final boolean tracing = tw != null;
        final int imgidx = spixel * q.fpixels + fpixel;

        double I = q.iBg;
        double polar = 0.0;
        if (q.nopolar) {
            polar = 1.0;
        }
        double omegaPixel = 0.0;
        double capture = 0.0;
        double fdetM = 0.0;
        double sdetM = 0.0;
        double p1 = 0.0;
        double p2 = 0.0;
        double p3 = 0.0;
        double stol = 0.0;
        double i1 = 0.0;
        double i2 = 0.0;
        double i3 = 0.0;
        double d1 = 0.0;
        double d2 = 0.0;
        double d3 = 0.0;
        int state = orientState;
        boolean interpOn = interp;
        double fc = fcell;
        boolean fcKnown = fcellKnown;
        boolean mKnown = mosKnown;
        double mh = lastH;
        double mk = lastK;
        double ml = lastL;
        int mh0 = lastH0;
        int mk0 = lastK0;
        int ml0 = lastL0;
        double mfl = lastFlatt;
        int mob = lastOb;

        for (int t = 0; t < q.thicksteps; t++) {
            double odetM = t * q.thickstep;
            capture = 0.0;
            if (q.thick == 0.0) {
                capture = 1.0;
            }
            if (tracing && tw.wants(t)) {
                tw.d(TraceWriter.name("Odet", t), odetM);
            }
            for (int sy = 0; sy < os; sy++) {
                for (int sx = 0; sx < os; sx++) {
                    fdetM = q.subpixelSize * (fpixel * os + sx) + q.subpixelSize / 2.0;
                    sdetM = q.subpixelSize * (spixel * os + sy) + q.subpixelSize / 2.0;
                    position(spixel, fpixel, odetM, fdetM, sdetM);
                    p1 = vec[0];
                    p2 = vec[1];
                    p3 = vec[2];
                    double air = Math.sqrt(p1 * p1 + p2 * p2 + p3 * p3);
                    if (air != 0.0) {
                        d1 = p1 / air;
                        d2 = p2 / air;
                        d3 = p3 / air;
                    } else {
                        d1 = 0.0;
                        d2 = 0.0;
                        d3 = 0.0;
                    }
                    boolean omegaRe = false;
                    if (omegaPixel == 0.0 || q.ovOmega) {
                        // quirks 4 and 23 (U2721-2727): once per pixel, full pixel area, close_distance
                        omegaPixel = omega(air);
                        omegaRe = true;
                    }
                    boolean capRe = false;
                    if (capture == 0.0 || q.ovThick) {
                        // quirks 5 and 7 (U2732-2739)
                        double parallax = d1 * q.odet[0] + d2 * q.odet[1] + d3 * q.odet[2];
                        capture = CMath.exp(-t * q.thickstep * q.mu / parallax)
                                - CMath.exp(-(t + 1) * q.thickstep * q.mu / parallax);
                        capRe = true;
                    }
                    boolean subTraced = tracing && tw.wants(t, sy, sx);
                    if (subTraced) {
                        tw.d(TraceWriter.name("Fdet_Sdet", t, sy, sx), fdetM, sdetM);
                        tw.d(TraceWriter.name("pixel_pos_meters", t, sy, sx), p1, p2, p3);
                        tw.d(TraceWriter.name("R_distance_meters", t, sy, sx), air);
                        tw.d(TraceWriter.name("diffracted_vec", t, sy, sx), d1, d2, d3);
                        tw.dFlag(TraceWriter.name("omega_pixel_sr", t, sy, sx), omegaPixel, omegaRe);
                        tw.dFlag(TraceWriter.name("capture_fraction", t, sy, sx), capture, capRe);
                    }
                    if (allSources) {
                        fillBatchSources(state, d1, d2, d3, polar == 0.0);
                    }
                    for (int src = 0; src < nsrc; src++) {
                        i1 = q.inc1[src];
                        i2 = q.inc2[src];
                        i3 = q.inc3[src];
                        double lam = q.lambda[src];
                        double q1 = (d1 - i1) / lam;
                        double q2 = (d2 - i2) / lam;
                        double q3 = (d3 - i3) / lam;
                        stol = 0.5 * Math.sqrt(q1 * q1 + q2 * q2 + q3 * q3);
                        boolean cut = q.cutByDmin(stol);
                        boolean srcTraced = subTraced && tw.wants(t, sy, sx, src);
                        if (srcTraced) {
                            tw.d(TraceWriter.name("incident_vec", t, sy, sx, src), i1, i2, i3);
                            tw.d(TraceWriter.name("lambda_meters", t, sy, sx, src), lam);
                            tw.d(TraceWriter.name("scattering_vec", t, sy, sx, src), q1, q2, q3);
                            tw.d(TraceWriter.name("stol", t, sy, sx, src), stol);
                            tw.i(TraceWriter.name("dmin_cut", t, sy, sx, src), cut ? 1 : 0);
                        }
                        if (cut) {
                            continue;
                        }
                        boolean polRe = false;
                        if (polar == 0.0 || q.ovPolar) {
                            // quirks 3, 8, 24 (U2772-2776, U4062-4064): in-place normalisations
                            double m = Math.sqrt(i1 * i1 + i2 * i2 + i3 * i3);
                            if (m != 0.0) {
                                i1 = i1 / m;
                                i2 = i2 / m;
                                i3 = i3 / m;
                            } else {
                                i1 = 0.0;
                                i2 = 0.0;
                                i3 = 0.0;
                            }
                            m = Math.sqrt(d1 * d1 + d2 * d2 + d3 * d3);
                            if (m != 0.0) {
                                d1 = d1 / m;
                                d2 = d2 / m;
                                d3 = d3 / m;
                            } else {
                                d1 = 0.0;
                                d2 = 0.0;
                                d3 = 0.0;
                            }
                            polar = polarization(i1, i2, i3, d1, d2, d3);
                            polRe = true;
                        }
                        if (srcTraced) {
                            tw.dFlag(TraceWriter.name("polar", t, sy, sx, src), polar, polRe);
                        }
                        int slot = 0;
                        if (allSources) {
                            slot = src;
                        } else if (batch) {
                            fillBatch(state, q1, q2, q3);
                        }
                        // a slot from phase A counts only if it saw exactly this scattering vector
                        final boolean useBatch = batch && bFilled[slot]
                                && q1 == bq1[slot] && q2 == bq2[slot] && q3 == bq3[slot];
                        final int base = slot * perSource;
                        if (fastLoop && useBatch && !srcTraced && !interpOn) {
                            // the common case in a small method that the JIT compiles early and well
                            fcell = fc;
                            fcellKnown = fcKnown;
                            I = phiMosaicFast(I, state, base);
                            state = fastState;
                            fc = fcell;
                            fcKnown = fcellKnown;
                            if (phisteps * mdom > 0) {
                                // the fast loop ran and set the -printout last-iteration fields
                                mKnown = true;
                                mh = lastH;
                                mk = lastK;
                                ml = lastL;
                                mh0 = lastH0;
                                mk0 = lastK0;
                                ml0 = lastL0;
                                mfl = lastFlatt;
                                mob = lastOb;
                            }
                        } else {
                            for (int pt = 0; pt < phisteps; pt++) {
                                double phi = q.phiVal[pt];
                                boolean rotated = phi != 0.0;
                                state = q.phiState(pt, state);
                                boolean phiTraced = srcTraced && tw.wants(t, sy, sx, src, pt);
                                if (phiTraced) {
                                    tw.d(TraceWriter.name("phi_rad", t, sy, sx, src, pt), phi);
                                    // "rotated" = ap/bp/cp were set at this step (0 only for a carried-over orientation);
                                    // fixed mode sets them at every step, so it is always 1 there (as in c-reference)
                                    tw.i(TraceWriter.name("rotated", t, sy, sx, src, pt), rotated || fixed ? 1 : 0);
                                    int o = state * 9;
                                    double[] r = q.phiOrient;
                                    tw.d(TraceWriter.name("ap", t, sy, sx, src, pt), r[o], r[o + 1], r[o + 2]);
                                    tw.d(TraceWriter.name("bp", t, sy, sx, src, pt), r[o + 3], r[o + 4], r[o + 5]);
                                    tw.d(TraceWriter.name("cp", t, sy, sx, src, pt), r[o + 6], r[o + 7], r[o + 8]);
                                }
                                int obBase = state * mdom * 9;
                                for (int mos = 0; mos < mdom; mos++) {
                                    int ob = obBase + mos * 9;
                                    int e = base + pt * mdom + mos;
                                    double h;
                                    double kk;
                                    double l;
                                    if (useBatch) {
                                        h = bh[e];
                                        kk = bk[e];
                                        l = bl[e];
                                    } else {
                                        h = q.millerIndex(ob, 0, q1, q2, q3);
                                        kk = q.millerIndex(ob, 1, q1, q2, q3);
                                        l = q.millerIndex(ob, 2, q1, q2, q3);
                                    }
                                    // quirk 13 (U2817-2819): halves round down
                                    int h0 = nearest(h);
                                    int k0 = nearest(kk);
                                    int l0 = nearest(l);
                                    double fl = 1.0;
                                    double fla = 1.0;
                                    double flb = 1.0;
                                    double flc = 1.0;
                                    if (shape == Shape.SQUARE) {
                                        // quirk 9 (U2829-2837): pi times the full fractional index, N > 1 guards
                                        if (na > 1) {
                                            fla = useBatch ? sincg(3 * e, h, na) : CMath.sincg(Math.PI * h, na);
                                            fl *= fla;
                                        }
                                        if (nb > 1) {
                                            flb = useBatch ? sincg(3 * e + 1, kk, nb) : CMath.sincg(Math.PI * kk, nb);
                                            fl *= flb;
                                        }
                                        if (nc > 1) {
                                            flc = useBatch ? sincg(3 * e + 2, l, nc) : CMath.sincg(Math.PI * l, nc);
                                            fl *= flc;
                                        }
                                    } else {
                                        fl = nonSquare(h, kk, l, h0, k0, l0);
                                    }
                                    mKnown = true;
                                    mh = h;
                                    mk = kk;
                                    ml = l;
                                    mh0 = h0;
                                    mk0 = k0;
                                    ml0 = l0;
                                    mfl = fl;
                                    mob = ob;
                                    boolean mosTraced = phiTraced && tw.wants(t, sy, sx, src, pt, mos);
                                    if (mosTraced) {
                                        tw.d(TraceWriter.name("rot_a", t, sy, sx, src, pt, mos), orient[ob], orient[ob + 1], orient[ob + 2]);
                                        tw.d(TraceWriter.name("rot_b", t, sy, sx, src, pt, mos), orient[ob + 3], orient[ob + 4], orient[ob + 5]);
                                        tw.d(TraceWriter.name("rot_c", t, sy, sx, src, pt, mos), orient[ob + 6], orient[ob + 7], orient[ob + 8]);
                                        tw.d(TraceWriter.name("hkl_frac", t, sy, sx, src, pt, mos), h, kk, l);
                                        tw.i(TraceWriter.name("hkl_rounded", t, sy, sx, src, pt, mos), h0, k0, l0);
                                        if (shape == Shape.SQUARE) {
                                            tw.d(TraceWriter.name("F_latt_a", t, sy, sx, src, pt, mos), fla);
                                            tw.d(TraceWriter.name("F_latt_b", t, sy, sx, src, pt, mos), flb);
                                            tw.d(TraceWriter.name("F_latt_c", t, sy, sx, src, pt, mos), flc);
                                        }
                                        tw.d(TraceWriter.name("F_latt", t, sy, sx, src, pt, mos), fl);
                                    }
                                    if (fl == 0.0 && q.waterSize == 0.0) {
                                        continue;
                                    }
                                    if (interpOn) {
                                        if (((h - q.hMin + 3) > q.hRange) || (h - 2 < q.hMin)
                                                || ((kk - q.kMin + 3) > q.kRange) || (kk - 2 < q.kMin)
                                                || ((l - q.lMin + 3) > q.lRange) || (l - 2 < q.lMin)) {
                                            // quirk 11 (U2937-2950): switched off for the rest of the run
                                            if (trigger < 0) {
                                                trigger = imgidx;
                                                warning = CFormat.sprintf("WARNING: out of range for three point "
                                                        + "interpolation: h,k,l,h0,k0,l0: %g,%g,%g,%d,%d,%d \n",
                                                        h, kk, l, h0, k0, l0)
                                                        + "WARNING: further warnings will not be printed! ";
                                            }
                                            fc = q.defaultF;
                                            interpOn = false;
                                        }
                                    }
                                    if (interpOn) {
                                        fc = interpolate(h, kk, l);
                                    } else {
                                        fc = q.nearestF(h0, k0, l0);
                                    }
                                    fcKnown = true;
                                    double term = fc * fc * fl * fl;
                                    if (fixed) {
                                        // fix/subpixel-oversampling: each term weighted by its own factors
                                        if (q.ovThick) {
                                            term *= capture;
                                        }
                                        if (q.ovPolar) {
                                            term *= polar;
                                        }
                                        if (q.ovOmega) {
                                            term *= omegaPixel;
                                        }
                                        I += term;
                                    } else {
                                        I += term;
                                        // quirk 6 (U3016-3018): the running sum is multiplied
                                        if (q.ovThick) {
                                            I *= capture;
                                        }
                                        if (q.ovPolar) {
                                            I *= polar;
                                        }
                                        if (q.ovOmega) {
                                            I *= omegaPixel;
                                        }
                                    }
                                    if (mosTraced) {
                                        tw.d(TraceWriter.name("F_cell", t, sy, sx, src, pt, mos), fc);
                                        tw.d(TraceWriter.name("I_running", t, sy, sx, src, pt, mos), I);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        double test = q.rESqr * q.fluence * I / q.steps;
        if (!q.ovThick) {
            test *= capture;
        }
        if (!q.ovPolar) {
            test *= polar;
        }
        if (!q.ovOmega) {
            test *= omegaPixel;
        }
        // quirk 16 (U3039): binary32 store of floatimage[imgidx] += test; the image starts at 0
        // and a pixel can be rendered twice (interpolation re-run), so add to 0.0 explicitly
        float v = (float) (0.0 + test);
        img[imgidx] = v;
        if (tracing && tw.pixelRecords()) {
            tw.d("I_before_scaling", I);
            tw.i("steps", q.steps);
            tw.d("capture_fraction", capture);
            tw.d("polar", polar);
            tw.d("omega_pixel", omegaPixel);
            tw.d("I_pixel_final", test);
            tw.f32("floatimage_bits", v);
        }
        orientState = state;
        interp = interpOn;
        fcell = fc;
        fcellKnown = fcKnown;
        mosKnown = mKnown;
        lastH = mh;
        lastK = mk;
        lastL = ml;
        lastH0 = mh0;
        lastK0 = mk0;
        lastL0 = ml0;
        lastFlatt = mfl;
        lastOb = mob;
        pStol = stol;
        pP1 = p1;
        pP2 = p2;
        pP3 = p3;
        pI = I;
        pPolar = polar;
        pOmega = omegaPixel;
        pCapture = capture;
        pFdet = fdetM;
        pSdet = sdetM;
        lastPixel = v;
    }

    /**
     * The phi x mosaic loop of one (layer, subpixel, source) for {@link #fastLoop} cases without
     * tracing and with interpolation off: the same statements as the general loop in
     * {@link #renderPixel} restricted to that case (render.md 4.14-4.22), reading h, k, l and the
     * lattice factors from the batch. Carries the -printout state through the fields (lastH...,
     * fcell) and returns the running sum; the orientation state ends in {@link #fastState}.
     */
    private double phiMosaicFast(double I, int state, int base) {
        final Kernel q = k;
        final int mdom = q.mosaicDomains;
        double fc = fcell;
        boolean fcKnown = fcellKnown;
        int e = base;
        for (int pt = 0; pt < q.phisteps; pt++) {
            state = q.phiState(pt, state);
            for (int mos = 0; mos < mdom; mos++, e++) {
                double fl = batchLatticeFactor(e);
                if (fl == 0.0) {
                    continue;
                }
                fc = q.nearestF(nearest(bh[e]), nearest(bk[e]), nearest(bl[e]));
                fcKnown = true;
                double term = fc * fc * fl * fl;
                I += term;
            }
        }
        fastState = state;
        fcell = fc;
        fcellKnown = fcKnown;
        if (e > base) {
            // -printout's last-iteration values: every iteration runs, so they are the last one's
            // (renderPixel copies them into its locals; its own copies are written back at the end)
            int last = e - 1;
            mosKnown = true;
            lastH = bh[last];
            lastK = bk[last];
            lastL = bl[last];
            lastH0 = nearest(lastH);
            lastK0 = nearest(lastK);
            lastL0 = nearest(lastL);
            lastFlatt = batchLatticeFactor(last);
            lastOb = (state * mdom + mdom - 1) * 9;
        }
        return I;
    }

    /** SQUARE F_latt of batch evaluation e (U2829-2837: N > 1 guards, factors multiplied in order). */
    private double batchLatticeFactor(int e) {
        final Kernel q = k;
        double fl = 1.0;
        if (q.na > 1) {
            fl *= sincg(3 * e, bh[e], q.na);
        }
        if (q.nb > 1) {
            fl *= sincg(3 * e + 1, bk[e], q.nb);
        }
        if (q.nc > 1) {
            fl *= sincg(3 * e + 2, bl[e], q.nc);
        }
        return fl;
    }

    /** Nearest Miller index as upstream rounds it: (int) ceil(x - 0.5), halves go down (quirk 13). */
    static int nearest(double x) {
        return (int) Math.ceil(x - 0.5);
    }

    /** ROUND/GAUSS/TOPHAT lattice factor (U2839-2866, quirk 10). */
    private double nonSquare(double h, double kk, double l, int h0, int k0, int l0) {
        final Kernel q = k;
        double na = q.na;
        double nb = q.nb;
        double nc = q.nc;
        double fl = 1.0;
        double dx = (h - h0) * q.as1 + (kk - k0) * q.bs1 + (l - l0) * q.cs1;
        double dy = (h - h0) * q.as2 + (kk - k0) * q.bs2 + (l - l0) * q.cs2;
        double dz = (h - h0) * q.as3 + (kk - k0) * q.bs3 + (l - l0) * q.cs3;
        double radStarSqr = (dx * dx + dy * dy + dz * dz) * na * na * nb * nb * nc * nc;
        switch (q.shape) {
            case ROUND: {
                double hrad = (h - h0) * (h - h0) * na * na + (kk - k0) * (kk - k0) * nb * nb
                        + (l - l0) * (l - l0) * nc * nc;
                fl = na * nb * nc * 0.723601254558268 * CMath.sinc3(Math.PI * Math.sqrt(hrad * q.fudge));
                break;
            }
            case GAUSS:
                fl = na * nb * nc * CMath.exp(-(radStarSqr / 0.63 * q.fudge));
                break;
            case TOPHAT:
                fl = na * nb * nc * (radStarSqr * q.fudge < 0.3969 ? 1 : 0);
                break;
            default:
                break;
        }
        return fl;
    }

    /** Tricubic polynomial interpolation polin3 (U2954-2996, U3807-3844). */
    double interpolate(double h, double kk, double l) {
        final Kernel q = k;
        int hf = (int) Math.floor(h);
        int kf = (int) Math.floor(kk);
        int lf = (int) Math.floor(l);
        final double[] s = sub;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                int base = ((hf - 1 + a - q.hMin) * q.kRange + (kf - 1 + b - q.kMin)) * q.lRange + (lf - 1 - q.lMin);
                int o = (a * 4 + b) * 4;
                s[o] = q.fhkl[base];
                s[o + 1] = q.fhkl[base + 1];
                s[o + 2] = q.fhkl[base + 2];
                s[o + 3] = q.fhkl[base + 3];
            }
        }
        double h0 = hf - 1;
        double h1 = hf;
        double h2 = hf + 1;
        double h3 = hf + 2;
        double k0 = kf - 1;
        double k1 = kf;
        double k2 = kf + 1;
        double k3 = kf + 2;
        double l0 = lf - 1;
        double l1 = lf;
        double l2 = lf + 1;
        double l3 = lf + 2;
        double n0 = 0;
        double n1 = 0;
        double n2 = 0;
        double n3 = 0;
        for (int a = 0; a < 4; a++) {
            int o = a * 16;
            double m0 = CMath.polint(l0, l1, l2, l3, s[o], s[o + 1], s[o + 2], s[o + 3], l);
            double m1 = CMath.polint(l0, l1, l2, l3, s[o + 4], s[o + 5], s[o + 6], s[o + 7], l);
            double m2 = CMath.polint(l0, l1, l2, l3, s[o + 8], s[o + 9], s[o + 10], s[o + 11], l);
            double m3 = CMath.polint(l0, l1, l2, l3, s[o + 12], s[o + 13], s[o + 14], s[o + 15], l);
            double n = CMath.polint(k0, k1, k2, k3, m0, m1, m2, m3, kk);
            if (a == 0) {
                n0 = n;
            } else if (a == 1) {
                n1 = n;
            } else if (a == 2) {
                n2 = n;
            } else {
                n3 = n;
            }
        }
        return CMath.polint(h0, h1, h2, h3, n0, n1, n2, n3, h);
    }

    /** Kahn polarization factor after the in-place unitizations (U4053-4095). */
    private double polarization(double i1, double i2, double i3, double d1, double d2, double d3) {
        final double[] ax = polarAxis;
        CMath.unitize(ax);
        double c = i1 * d1 + i2 * d2 + i3 * d3;
        double c2 = c * c;
        double s2 = 1 - c2;
        double psi = 0;
        double kf = k.kahn;
        if (kf != 0.0) {
            double b1 = ax[1] * i3 - ax[2] * i2;
            double b2 = ax[2] * i1 - ax[0] * i3;
            double b3 = ax[0] * i2 - ax[1] * i1;
            double m = Math.sqrt(b1 * b1 + b2 * b2 + b3 * b3);
            if (m != 0.0) {
                b1 = b1 / m;
                b2 = b2 / m;
                b3 = b3 / m;
            } else {
                b1 = 0.0;
                b2 = 0.0;
                b3 = 0.0;
            }
            double e1 = i2 * b3 - i3 * b2;
            double e2 = i3 * b1 - i1 * b3;
            double e3 = i1 * b2 - i2 * b1;
            m = Math.sqrt(e1 * e1 + e2 * e2 + e3 * e3);
            if (m != 0.0) {
                e1 = e1 / m;
                e2 = e2 / m;
                e3 = e3 / m;
            } else {
                e1 = 0.0;
                e2 = 0.0;
                e3 = 0.0;
            }
            double eo = d1 * e1 + d2 * e2 + d3 * e3;
            double bo = d1 * b1 + d2 * b2 + d3 * b3;
            psi = -CMath.atan2(bo, eo);
        }
        return 0.5 * (1.0 + c2 - kf * CMath.cos(2 * psi) * s2);
    }
}
