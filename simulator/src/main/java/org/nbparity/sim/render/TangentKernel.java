package org.nbparity.sim.render;

import java.util.Arrays;
import java.util.List;
import org.nbparity.sim.clib.Libm;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.setup.ParamTangent;

/**
 * The reference kernel extended with tangents (issue 18): renders a pixel through
 * {@link PixelKernel}'s own step methods (position, solid angle, capture, polarization, the
 * phi-state rule, the lattice and structure factors, the accumulation, all on a reference
 * instance, so every value and every carried state is the reference's) and, at each point
 * where a value is computed, its derivative with respect to each parameter. Where a value is
 * carried (the solid angle and polarization of a pixel's first sample, quirks 4 and 24; the
 * orientation state of a phi = 0 step, quirk 1), its tangent is carried with it: the
 * orientation tangents are tabulated per orientation state like the orientations themselves.
 *
 * <p>The forward fast paths never see this class; it only runs when {@code -deriv} is given.
 * One instance per render thread.
 */
final class TangentKernel {
    private final RenderInputs in;
    private final PixelKernel ref;
    private final int np;
    /** Per parameter: d orient (as {@link RenderInputs#orient}), or null when it does not move the crystal. */
    private final double[][] dOrient;
    /** Per parameter: d a*, b*, c* (as1..cs3), or null. */
    private final double[][] dStar;
    /** Per parameter: d pix0, or null when it does not move the detector. */
    private final double[][] dPix0;
    private final double[] dClose;
    private final double[] dDistance;
    private final double[] dN;
    private final double[] dFluence;
    private final double[] dDefaultF;
    private final double[] dIbg;
    private final boolean anyDetector;
    /** Some parameter moves the Miller indices. */
    private final boolean anyHkl;
    /** The forward value of each pixel (double, before the float store). */
    private final double[] value;
    private final double[][] dImg;

    // tangents of the pixel being rendered
    private final double[] dI;
    private final double[] dPolar;
    private final double[] dOmega;
    private final double[] dCap;
    private final double[] dDiff;
    private final double[] dq;
    private final double[] dh;
    private final double[] dk;
    private final double[] dl;
    private final double[] dfl;
    /**
     * SQUARE lattice factors batched per source on SIMD lanes: the h, k, l of every
     * (phi step, mosaic domain) first, then all their sines at once ({@link Sine#sinInRange}, the
     * same bits as the reference's scalar {@link Sine#sin}; glibc's with {@code nb.kernel.libm=glibc}, as
     * {@link CMath#sincg}), the cosines the slopes need as sines
     * of x + pi/2, then the evaluations consumed in order. Nothing in the first step depends on a
     * lattice factor, so the order of every value and sum is the reference's.
     */
    private final boolean batch;
    private final int perSource;
    private final int cap;
    /** Sine blocks per axis: sin(xN), sin(x), and with slopes cos(xN), cos(x). */
    private final int blocks;
    private final double[] eh;
    private final double[] ek;
    private final double[] el;
    private final double[] edh;
    private final double[] edk;
    private final double[] edl;
    private final double[] bArg;
    private final double[] bSin;
    private final double[] iv = new double[3];
    /** dF/dh, dF/dk, dF/dl of an interpolated F_cell. */
    private final double[] grad = new double[3];
    private final double[] kb = new double[3];
    private final double[] ke = new double[3];

    /** Setup tangents shared by the threads: tabulated once per render. */
    static final class Tables {
        final double[][] dOrient;
        final double[][] dStar;

        Tables(RenderInputs in, Crystal crystal, List<ParamTangent> params) {
            int n = params.size();
            dOrient = new double[n][];
            dStar = new double[n][];
            for (int p = 0; p < n; p++) {
                ParamTangent t = params.get(p);
                if (!t.movesCrystal()) {
                    continue;
                }
                // rotations by phi and the mosaic matrices are linear: the tangents rotate alike
                dOrient[p] = new double[in.orient.length];
                RenderInputs.orientations(crystal, in.phiVal, t.a0(), t.b0(), t.c0(), dOrient[p],
                        new double[in.phiOrient.length]);
                dStar[p] = new double[] {t.aStar()[0], t.aStar()[1], t.aStar()[2], t.bStar()[0], t.bStar()[1],
                    t.bStar()[2], t.cStar()[0], t.cStar()[1], t.cStar()[2]};
            }
        }
    }

    TangentKernel(RenderInputs in, List<ParamTangent> params, Tables tables, double[] value, double[][] dImg) {
        this.in = in;
        this.ref = new PixelKernel(in, new float[0], KernelPaths.REFERENCE);
        this.np = params.size();
        this.dOrient = tables.dOrient;
        this.dStar = tables.dStar;
        this.value = value;
        this.dImg = dImg;
        dPix0 = new double[np][];
        dClose = new double[np];
        dDistance = new double[np];
        dN = new double[np];
        dFluence = new double[np];
        dDefaultF = new double[np];
        dIbg = new double[np];
        boolean det = false;
        boolean hkl = false;
        for (int p = 0; p < np; p++) {
            ParamTangent t = params.get(p);
            if (t.movesDetector()) {
                dPix0[p] = t.pix0().clone();
                dClose[p] = t.closeDistance();
                dDistance[p] = t.distance();
                det = true;
            }
            hkl |= t.movesDetector() || t.movesCrystal();
            dN[p] = t.n();
            dFluence[p] = t.fluence();
            dDefaultF[p] = t.defaultF();
            dIbg[p] = t.iBg();
        }
        anyDetector = det;
        anyHkl = hkl;
        dI = new double[np];
        dPolar = new double[np];
        dOmega = new double[np];
        dCap = new double[np];
        dDiff = new double[3 * np];
        dq = new double[3 * np];
        dh = new double[np];
        dk = new double[np];
        dl = new double[np];
        dfl = new double[np];
        batch = in.shape == Shape.SQUARE;
        perSource = in.phisteps * in.mosaicDomains;
        cap = (perSource + Sine.PAD - 1) / Sine.PAD * Sine.PAD;
        blocks = anyHkl ? 4 : 2;
        eh = new double[cap];
        ek = new double[cap];
        el = new double[cap];
        edh = new double[np * cap];
        edk = new double[np * cap];
        edl = new double[np * cap];
        bArg = new double[3 * blocks * cap];
        Arrays.fill(bArg, 1.0);
        bSin = new double[3 * blocks * cap];
    }

    /** Carried state at a chunk start, as {@link PixelKernel#startMidBlock}. */
    void startMidBlock(boolean earlierSweep, boolean interpOn) {
        ref.startMidBlock(earlierSweep, interpOn);
    }

    /** Renders one pixel that passed the ROI and mask tests: its value and its tangents. */
    void renderPixel(int spixel, int fpixel) {
        ref.currentPixel = (long) spixel * in.fpixels + fpixel;
        // 4.3 per-pixel resets, as PixelKernel.renderPixel
        ref.intensity = in.iBg;
        ref.polar = in.nopolar ? 1.0 : 0.0;
        ref.omegaPixel = 0.0;
        ref.capture = 0.0;
        Arrays.fill(ref.pos, 0.0);
        Arrays.fill(ref.scattering, 0.0);
        System.arraycopy(dIbg, 0, dI, 0, np);
        Arrays.fill(dPolar, 0.0);
        Arrays.fill(dOmega, 0.0);
        Arrays.fill(dCap, 0.0);
        for (int t = 0; t < in.thicksteps; t++) {
            ref.startLayer();
            Arrays.fill(dCap, 0.0);
            for (int sy = 0; sy < in.oversample; sy++) {
                for (int sx = 0; sx < in.oversample; sx++) {
                    subpixel(t, sy, sx, spixel, fpixel);
                }
            }
        }
        store(spixel * in.fpixels + fpixel);
    }

    /** 4.5-4.10 and the sources of one subpixel. */
    private void subpixel(int t, int sy, int sx, int spixel, int fpixel) {
        boolean omegaRe = ref.omegaPixel == 0.0 || in.ovOmega;
        boolean capRe = ref.capture == 0.0 || in.ovThick;
        double air = ref.sample(t, sy, sx, spixel, fpixel);
        if (anyDetector) {
            detectorTangents(t, sy, sx, spixel, fpixel, air, omegaRe, capRe);
        }
        for (int src = 0; src < in.nsrc; src++) {
            source(src);
        }
    }

    /** Tangents of the diffracted direction, solid angle and capture fraction. */
    private void detectorTangents(int t, int sy, int sx, int spixel, int fpixel, double air, boolean omegaRe,
                                  boolean capRe) {
        final double[] d = ref.diffracted;
        for (int p = 0; p < np; p++) {
            double[] dp = dPix0[p];
            if (dp == null) {
                continue;
            }
            if (in.curved) {
                dp = curvedPositionTangent(p, t, sy, sx, spixel, fpixel);
            }
            // air = |pos|, diffracted = pos/air
            double dAir = d[0] * dp[0] + d[1] * dp[1] + d[2] * dp[2];
            int o = 3 * p;
            dDiff[o] = (dp[0] - d[0] * dAir) / air;
            dDiff[o + 1] = (dp[1] - d[1] * dAir) / air;
            dDiff[o + 2] = (dp[2] - d[2] * dAir) / air;
            if (omegaRe) {
                double w = ref.omegaPixel;
                dOmega[p] = in.pointPixel ? -2.0 * w * dAir / air
                        : w * (dClose[p] / in.closeDistance - 3.0 * dAir / air);
            }
            if (capRe && in.thick != 0.0) {
                double par = d[0] * in.odet[0] + d[1] * in.odet[1] + d[2] * in.odet[2];
                double dPar = dDiff[o] * in.odet[0] + dDiff[o + 1] * in.odet[1] + dDiff[o + 2] * in.odet[2];
                double c0 = t * in.thickstep * in.mu;
                double c1 = (t + 1) * in.thickstep * in.mu;
                double e0 = CMath.exp(-c0 / par);
                double e1 = CMath.exp(-c1 / par);
                dCap[p] = (e0 * c0 - e1 * c1) / (par * par) * dPar;
            }
        }
    }

    /**
     * d pos of the curved detector (quirk 22, {@link PixelKernel#position}): pos =
     * R(fdet, p3/D) R(sdet, p2/D) (D beam), p the flat position, D the distance; each Rodrigues
     * rotation R(n, phi) v = n (n.v)(1 - cos) + v cos + (n x v) sin is linear in v, and its
     * phi-derivative is n (n.v) sin - v sin + (n x v) cos.
     */
    private double[] curvedPositionTangent(int p, int t, int sy, int sx, int spixel, int fpixel) {
        double dist = in.distance;
        double dDist = dDistance[p];
        double[] dp = dPix0[p];
        // the flat position's y and z, as PixelKernel.position computes them
        double odetM = t * in.thickstep;
        double fdetM = in.subpixelSize * (fpixel * in.oversample + sx) + in.subpixelSize / 2.0;
        double sdetM = in.subpixelSize * (spixel * in.oversample + sy) + in.subpixelSize / 2.0;
        double p2 = fdetM * in.fdet[1] + sdetM * in.sdet[1] + odetM * in.odet[1] + in.pix0[1];
        double p3 = fdetM * in.fdet[2] + sdetM * in.sdet[2] + odetM * in.odet[2] + in.pix0[2];
        double phi1 = p2 / dist;
        double phi2 = p3 / dist;
        double dPhi1 = (dp[1] * dist - p2 * dDist) / (dist * dist);
        double dPhi2 = (dp[2] * dist - p3 * dDist) / (dist * dist);
        double[] v = {dist * in.beam[0], dist * in.beam[1], dist * in.beam[2]};
        double[] dv = {dDist * in.beam[0], dDist * in.beam[1], dDist * in.beam[2]};
        double[] w = new double[3];
        double[] dw = new double[3];
        rotationTangent(v, dv, in.sdet, phi1, dPhi1, w, dw);
        double[] u = new double[3];
        double[] du = new double[3];
        rotationTangent(w, dw, in.fdet, phi2, dPhi2, u, du);
        return du;
    }

    /** out = R(n, phi) v (as CMath.rotateAxis) and dOut its tangent given dv and dPhi. */
    private static void rotationTangent(double[] v, double[] dv, double[] n, double phi, double dPhi,
                                        double[] out, double[] dOut) {
        CMath.rotateAxis(v[0], v[1], v[2], n, phi, out, 0);
        CMath.rotateAxis(dv[0], dv[1], dv[2], n, phi, dOut, 0);
        double s = Math.sin(phi);
        double c = Math.cos(phi);
        double nv = n[0] * v[0] + n[1] * v[1] + n[2] * v[2];
        double x1 = n[1] * v[2] - n[2] * v[1];
        double x2 = n[2] * v[0] - n[0] * v[2];
        double x3 = n[0] * v[1] - n[1] * v[0];
        dOut[0] += dPhi * (n[0] * nv * s - v[0] * s + x1 * c);
        dOut[1] += dPhi * (n[1] * nv * s - v[1] * s + x2 * c);
        dOut[2] += dPhi * (n[2] * nv * s - v[2] * s + x3 * c);
    }

    /** 4.11-4.15 for one source, then its phi steps. */
    private void source(int src) {
        in.scatteringVector(src, ref.diffracted, ref.scattering);
        if (in.cutByDmin(RenderInputs.stol(ref.scattering))) {
            return;
        }
        if (anyDetector) {
            double lam = in.lambda[src];
            for (int i = 0; i < 3 * np; i++) {
                dq[i] = dDiff[i] / lam;
            }
        }
        if (ref.polar == 0.0 || in.ovPolar) {
            ref.polar = ref.polarize(src);
            if (anyDetector) {
                polarTangents(src);
            }
        }
        double q1 = ref.scattering[0];
        double q2 = ref.scattering[1];
        double q3 = ref.scattering[2];
        if (batch) {
            batchedDomains(q1, q2, q3);
            return;
        }
        for (int pt = 0; pt < in.phisteps; pt++) {
            ref.orientState = in.phiState(pt, ref.orientState);
            int obBase = ref.orientState * in.mosaicDomains * 9;
            for (int mos = 0; mos < in.mosaicDomains; mos++) {
                mosaicDomain(obBase + mos * 9, q1, q2, q3);
            }
        }
    }

    /**
     * Tangent of the Kahn factor (U4053-4095) after {@link PixelKernel#polarize}: the incident
     * direction, the axis and so B and E do not move; the diffracted direction does.
     */
    private void polarTangents(int src) {
        CMath.unitize(in.inc1[src], in.inc2[src], in.inc3[src], iv);
        final double[] d = ref.diffracted;
        final double[] ax = ref.polarAxis;
        double c = iv[0] * d[0] + iv[1] * d[1] + iv[2] * d[2];
        double s2 = 1 - c * c;
        double kf = in.kahn;
        double psi = 0;
        double eo = 0;
        double bo = 0;
        if (kf != 0.0) {
            CMath.unitize(ax[1] * iv[2] - ax[2] * iv[1], ax[2] * iv[0] - ax[0] * iv[2], ax[0] * iv[1] - ax[1] * iv[0], kb);
            CMath.unitize(iv[1] * kb[2] - iv[2] * kb[1], iv[2] * kb[0] - iv[0] * kb[2], iv[0] * kb[1] - iv[1] * kb[0], ke);
            eo = d[0] * ke[0] + d[1] * ke[1] + d[2] * ke[2];
            bo = d[0] * kb[0] + d[1] * kb[1] + d[2] * kb[2];
            psi = -Math.atan2(bo, eo);
        }
        for (int p = 0; p < np; p++) {
            if (dPix0[p] == null) {
                dPolar[p] = 0.0;
                continue;
            }
            int o = 3 * p;
            double dc = iv[0] * dDiff[o] + iv[1] * dDiff[o + 1] + iv[2] * dDiff[o + 2];
            double ds2 = -2.0 * c * dc;
            double dPsi = 0.0;
            if (kf != 0.0) {
                double deo = dDiff[o] * ke[0] + dDiff[o + 1] * ke[1] + dDiff[o + 2] * ke[2];
                double dbo = dDiff[o] * kb[0] + dDiff[o + 1] * kb[1] + dDiff[o + 2] * kb[2];
                dPsi = -(eo * dbo - bo * deo) / (eo * eo + bo * bo);
            }
            // polar = 0.5 (1 + c^2 - kf cos(2 psi) s2)
            dPolar[p] = 0.5 * (2.0 * c * dc - kf * (-2.0 * Math.sin(2 * psi) * dPsi * s2 + Math.cos(2 * psi) * ds2));
        }
    }

    /** 4.17-4.23 for one mosaic domain of a ROUND, GAUSS or TOPHAT crystal, with tangents. */
    private void mosaicDomain(int ob, double q1, double q2, double q3) {
        double h = in.millerIndex(ob, 0, q1, q2, q3);
        double kk = in.millerIndex(ob, 1, q1, q2, q3);
        double l = in.millerIndex(ob, 2, q1, q2, q3);
        int h0 = PixelKernel.nearest(h);
        int k0 = PixelKernel.nearest(kk);
        int l0 = PixelKernel.nearest(l);
        if (anyHkl) {
            millerTangents(ob, q1, q2, q3);
        }
        double fl = ref.nonSquare(h, kk, l, h0, k0, l0);
        nonSquareTangents(h, kk, l, h0, k0, l0);
        accumulateDomain(h, kk, l, h0, k0, l0, fl);
    }

    /**
     * The phi steps and mosaic domains of one source with the lattice factors' sines batched
     * (see {@link #batch}); the same values, in the same order, as the reference (PixelKernel.mosaicDomain).
     */
    private void batchedDomains(double q1, double q2, double q3) {
        final int nb = blocks;
        final int c = cap;
        final double halfPi = Math.PI / 2;
        int e = 0;
        for (int pt = 0; pt < in.phisteps; pt++) {
            ref.orientState = in.phiState(pt, ref.orientState);
            int obBase = ref.orientState * in.mosaicDomains * 9;
            for (int mos = 0; mos < in.mosaicDomains; mos++, e++) {
                int ob = obBase + mos * 9;
                double h = in.millerIndex(ob, 0, q1, q2, q3);
                double kk = in.millerIndex(ob, 1, q1, q2, q3);
                double l = in.millerIndex(ob, 2, q1, q2, q3);
                eh[e] = h;
                ek[e] = kk;
                el[e] = l;
                double xa = Math.PI * h;
                double xb = Math.PI * kk;
                double xc = Math.PI * l;
                bArg[e] = xa * in.na;
                bArg[c + e] = xa;
                bArg[nb * c + e] = xb * in.nb;
                bArg[(nb + 1) * c + e] = xb;
                bArg[2 * nb * c + e] = xc * in.nc;
                bArg[(2 * nb + 1) * c + e] = xc;
                if (anyHkl) {
                    bArg[2 * c + e] = xa * in.na + halfPi;
                    bArg[3 * c + e] = xa + halfPi;
                    bArg[(nb + 2) * c + e] = xb * in.nb + halfPi;
                    bArg[(nb + 3) * c + e] = xb + halfPi;
                    bArg[(2 * nb + 2) * c + e] = xc * in.nc + halfPi;
                    bArg[(2 * nb + 3) * c + e] = xc + halfPi;
                    millerTangents(ob, q1, q2, q3);
                    for (int p = 0; p < np; p++) {
                        edh[p * c + e] = dh[p];
                        edk[p * c + e] = dk[p];
                        edl[p * c + e] = dl[p];
                    }
                }
            }
        }
        int total = 3 * nb * c;
        boolean fast = !CMath.GLIBC;
        for (int i = 0; i < total; i++) {
            fast &= Sine.inFastRange(bArg[i]);
        }
        if (CMath.GLIBC) {
            // -Dnb.kernel.libm=glibc: CMath.sincg takes glibc's sin
            for (int i = 0; i < total; i++) {
                bSin[i] = Libm.sin(bArg[i]);
            }
        } else if (fast) {
            Sine.sinInRange(bArg, 0, bSin, total);
        } else {
            for (int i = 0; i < total; i++) {
                bSin[i] = Sine.sin(bArg[i]);
            }
        }
        for (e = 0; e < perSource; e++) {
            double h = eh[e];
            double kk = ek[e];
            double l = el[e];
            double fla = 1.0;
            double flb = 1.0;
            double flc = 1.0;
            double ga = 0.0;
            double gb = 0.0;
            double gc = 0.0;
            // CMath.sincg: N at x == 0, else sin(x*N)/sin(x)
            if (in.na > 1) {
                double x = Math.PI * h;
                fla = x == 0.0 ? in.na : bSin[e] / bSin[c + e];
                if (anyHkl) {
                    ga = Math.PI * LatticeDerivatives.sincgPrime(x, in.na, fla, bSin[c + e], bSin[3 * c + e], bSin[2 * c + e]);
                }
            }
            if (in.nb > 1) {
                double x = Math.PI * kk;
                flb = x == 0.0 ? in.nb : bSin[nb * c + e] / bSin[(nb + 1) * c + e];
                if (anyHkl) {
                    gb = Math.PI * LatticeDerivatives.sincgPrime(x, in.nb, flb, bSin[(nb + 1) * c + e],
                            bSin[(nb + 3) * c + e], bSin[(nb + 2) * c + e]);
                }
            }
            if (in.nc > 1) {
                double x = Math.PI * l;
                flc = x == 0.0 ? in.nc : bSin[2 * nb * c + e] / bSin[(2 * nb + 1) * c + e];
                if (anyHkl) {
                    gc = Math.PI * LatticeDerivatives.sincgPrime(x, in.nc, flc, bSin[(2 * nb + 1) * c + e],
                            bSin[(2 * nb + 3) * c + e], bSin[(2 * nb + 2) * c + e]);
                }
            }
            double fl = PixelKernel.squareLatticeFactor(in, fla, flb, flc);
            for (int p = 0; p < np; p++) {
                dfl[p] = anyHkl ? ga * edh[p * c + e] * flb * flc + fla * gb * edk[p * c + e] * flc
                        + fla * flb * gc * edl[p * c + e] : 0.0;
            }
            if (anyHkl && in.interpolate) {
                // the interpolated F_cell's tangent needs this evaluation's d h, d k, d l
                for (int p = 0; p < np; p++) {
                    dh[p] = edh[p * c + e];
                    dk[p] = edk[p * c + e];
                    dl[p] = edl[p * c + e];
                }
            }
            accumulateDomain(h, kk, l, PixelKernel.nearest(h), PixelKernel.nearest(kk), PixelKernel.nearest(l), fl);
        }
    }

    /** 4.20-4.23 of one evaluation with tangents: early exit, F_cell, the accumulation. */
    private void accumulateDomain(double h, double kk, double l, int h0, int k0, int l0, double fl) {
        if (PixelKernel.skipsZeroLattice(in, fl)) {
            return;
        }
        boolean interpolated = ref.interp;
        double fc = ref.structureFactor(h, kk, l, h0, k0, l0);
        interpolated &= ref.interp;
        // F_cell moves with default_F where it is default_F, and with h, k, l where it is
        // interpolated (the gradient of the tricubic polynomial, not default_F)
        boolean isDefault = !interpolated && !(in.hkls && h0 <= in.hMax && h0 >= in.hMin && k0 <= in.kMax
                && k0 >= in.kMin && l0 <= in.lMax && l0 >= in.lMin);
        if (interpolated && anyHkl) {
            LatticeDerivatives.polin3Gradient(ref.sub, h, kk, l, grad);
        }
        double term = fc * fc * fl * fl;
        double before = ref.intensity;
        for (int p = 0; p < np; p++) {
            double dfc = isDefault ? dDefaultF[p]
                    : interpolated && anyHkl ? grad[0] * dh[p] + grad[1] * dk[p] + grad[2] * dl[p] : 0.0;
            double dterm = 2.0 * fc * fl * (dfc * fl + fc * dfl[p]);
            if (in.fixed) {
                dI[p] += oversampledTangent(p, term, dterm);
            } else {
                dI[p] = oversampledTangent(p, before + term, dI[p] + dterm);
            }
        }
        ref.accumulate(term);
    }

    /** d h, d k, d l of every parameter: d(orient . q) = d orient . q + orient . d q. */
    private void millerTangents(int ob, double q1, double q2, double q3) {
        final double[] o = in.orient;
        for (int p = 0; p < np; p++) {
            double a = 0.0;
            double b = 0.0;
            double c = 0.0;
            double[] dO = dOrient[p];
            if (dO != null) {
                a = dO[ob] * q1 + dO[ob + 1] * q2 + dO[ob + 2] * q3;
                b = dO[ob + 3] * q1 + dO[ob + 4] * q2 + dO[ob + 5] * q3;
                c = dO[ob + 6] * q1 + dO[ob + 7] * q2 + dO[ob + 8] * q3;
            }
            if (dPix0[p] != null) {
                int i = 3 * p;
                a += o[ob] * dq[i] + o[ob + 1] * dq[i + 1] + o[ob + 2] * dq[i + 2];
                b += o[ob + 3] * dq[i] + o[ob + 4] * dq[i + 1] + o[ob + 5] * dq[i + 2];
                c += o[ob + 6] * dq[i] + o[ob + 7] * dq[i + 1] + o[ob + 8] * dq[i + 2];
            }
            dh[p] = a;
            dk[p] = b;
            dl[p] = c;
        }
    }

    /** Tangents of the ROUND/GAUSS/TOPHAT factor of {@link PixelKernel#nonSquare} (U2839-2866). */
    private void nonSquareTangents(double h, double kk, double l, int h0, int k0, int l0) {
        double na = in.na;
        double nb = in.nb;
        double nc = in.nc;
        double fh = h - h0;
        double fk = kk - k0;
        double fm = l - l0;
        double prod = na * nb * nc;
        for (int p = 0; p < np; p++) {
            double dn = dN[p];
            double dProd = dn * (nb * nc + na * nc + na * nb);
            double dhp = anyHkl ? dh[p] : 0.0;
            double dkp = anyHkl ? dk[p] : 0.0;
            double dlp = anyHkl ? dl[p] : 0.0;
            switch (in.shape) {
                case ROUND: {
                    double hrad = fh * fh * na * na + fk * fk * nb * nb + fm * fm * nc * nc;
                    double u = Math.PI * Math.sqrt(hrad * in.fudge);
                    double dHrad = 2 * fh * dhp * na * na + 2 * fk * dkp * nb * nb + 2 * fm * dlp * nc * nc
                            + 2 * dn * (fh * fh * na + fk * fk * nb + fm * fm * nc);
                    // d sinc3(u) = sinc3'(u)/u * u du, u du = pi^2 fudge / 2 d hrad
                    dfl[p] = 0.723601254558268 * (dProd * CMath.sinc3(u)
                            + prod * LatticeDerivatives.sinc3PrimeOverU(u) * Math.PI * Math.PI * in.fudge / 2 * dHrad);
                    break;
                }
                case GAUSS: {
                    double dx = fh * in.as1 + fk * in.bs1 + fm * in.cs1;
                    double dy = fh * in.as2 + fk * in.bs2 + fm * in.cs2;
                    double dz = fh * in.as3 + fk * in.bs3 + fm * in.cs3;
                    double ddx = dhp * in.as1 + dkp * in.bs1 + dlp * in.cs1;
                    double ddy = dhp * in.as2 + dkp * in.bs2 + dlp * in.cs2;
                    double ddz = dhp * in.as3 + dkp * in.bs3 + dlp * in.cs3;
                    double[] ds = dStar[p];
                    if (ds != null) {
                        ddx += fh * ds[0] + fk * ds[3] + fm * ds[6];
                        ddy += fh * ds[1] + fk * ds[4] + fm * ds[7];
                        ddz += fh * ds[2] + fk * ds[5] + fm * ds[8];
                    }
                    double rad = dx * dx + dy * dy + dz * dz;
                    double dRad = 2 * (dx * ddx + dy * ddy + dz * ddz);
                    double sq = prod * prod;
                    double e = CMath.exp(-(rad * sq / 0.63 * in.fudge));
                    double dArg = -(dRad * sq + rad * 2 * prod * dProd) / 0.63 * in.fudge;
                    dfl[p] = dProd * e + prod * e * dArg;
                    break;
                }
                case TOPHAT: {
                    double dx = fh * in.as1 + fk * in.bs1 + fm * in.cs1;
                    double dy = fh * in.as2 + fk * in.bs2 + fm * in.cs2;
                    double dz = fh * in.as3 + fk * in.bs3 + fm * in.cs3;
                    double radStarSqr = (dx * dx + dy * dy + dz * dz) * na * na * nb * nb * nc * nc;
                    // a step function: its derivative is 0 inside and outside the spot
                    dfl[p] = dProd * (radStarSqr * in.fudge < 0.3969 ? 1 : 0);
                    break;
                }
                default:
                    dfl[p] = 0.0;
                    break;
            }
        }
    }

    /** d of x times the oversampled factors (capture, polar, omega, in that order). */
    private double oversampledTangent(int p, double x, double dx) {
        double y = x;
        double dy = dx;
        if (in.ovThick) {
            dy = dy * ref.capture + y * dCap[p];
            y *= ref.capture;
        }
        if (in.ovPolar) {
            dy = dy * ref.polar + y * dPolar[p];
            y *= ref.polar;
        }
        if (in.ovOmega) {
            dy = dy * ref.omegaPixel + y * dOmega[p];
        }
        return dy;
    }

    /** 4.24 with tangents: the pixel's value and derivatives into the images. */
    private void store(int idx) {
        double intensity = ref.intensity;
        double test = in.rESqr * in.fluence * intensity / in.steps;
        for (int p = 0; p < np; p++) {
            double d = in.rESqr * (dFluence[p] * intensity + in.fluence * dI[p]) / in.steps;
            double y = test;
            if (!in.ovThick) {
                d = d * ref.capture + y * dCap[p];
                y *= ref.capture;
            }
            if (!in.ovPolar) {
                d = d * ref.polar + y * dPolar[p];
                y *= ref.polar;
            }
            if (!in.ovOmega) {
                d = d * ref.omegaPixel + y * dOmega[p];
            }
            dImg[p][idx] = d;
        }
        if (!in.ovThick) {
            test *= ref.capture;
        }
        if (!in.ovPolar) {
            test *= ref.polar;
        }
        if (!in.ovOmega) {
            test *= ref.omegaPixel;
        }
        value[idx] = test;
    }
}
