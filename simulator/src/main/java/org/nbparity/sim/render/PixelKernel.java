package org.nbparity.sim.render;

import org.nbparity.sim.config.Shape;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.trace.TraceWriter;

/**
 * The reference kernel: the per-pixel physics of render.md 4.3-4.24, once, in spec order, one
 * method per step (position, solid angle, capture, per source, per phi step, per mosaic domain,
 * lattice factor, structure factor, accumulate), carrying the {@code -trace_pixel} trace.
 *
 * <p>One instance per render thread. Its fields are what an upstream OpenMP thread keeps in
 * firstprivate variables from one pixel to the next (render.md 5.1): the phi orientation state
 * (quirk 1), the polarization axis (quirk 24), the interpolation switch as this thread sees it
 * (quirk 11), and the last-iteration values that -printout shows ({@link LastValues}, quirk 21);
 * plus the running values of the pixel being rendered, which the step methods share.
 *
 * <p>Fast paths are separate specialisations that compute the same bits: {@link LatticeBatch}
 * renders a pixel with the lattice factors batched on SIMD lanes, where it applies
 * ({@link KernelPaths}). {@code FastPathContractTest} checks each against this class bitwise.
 * Nothing is allocated per pixel or per sample.
 */
final class PixelKernel {
    private final RenderInputs in;
    private final float[] img;
    /** The fast path for subpixels it applies to, or null (reference only). */
    private final LatticeBatch batch;

    /** Orientation state: 0 = a0,b0,c0; 1+i = rotated to phi step i. */
    int orientState;
    /** The firstprivate polar_vector, normalised in place by every polarization call. */
    final double[] polarAxis = new double[3];
    /** Interpolation switch as this thread sees it. */
    boolean interp;
    /** Serial index of the first pixel whose evaluation switched interpolation off, or -1. */
    long trigger = -1;
    /** Upstream's one-time warning for that evaluation. */
    String warning;
    /** What -printout shows. */
    final LastValues last = new LastValues();

    // the pixel being rendered (render.md 4.3): running sum and the factors of its last sample
    double intensity;
    double polar;
    double omegaPixel;
    double capture;
    /** Fdet, Sdet of the current subpixel in metres (render.md 4.5). */
    private double fdetM;
    private double sdetM;
    /** Lab position of the current subpixel. */
    final double[] pos = new double[3];
    /** Diffracted direction; the first polarization call of a pixel normalises it again in place. */
    final double[] diffracted = new double[3];
    /** Scattering vector of the current source. */
    final double[] scattering = new double[3];
    /** For the trace: whether {@link #sample} computed the solid angle and capture fraction. */
    private boolean omegaRecomputed;
    private boolean captureRecomputed;
    private final double[] incident = new double[3];
    private final double[] tmp3 = new double[3];
    private final double[] kahnB = new double[3];
    private final double[] kahnE = new double[3];
    /** The 4x4x4 neighbourhood of the last {@link #interpolate} (the tangent kernel reads it). */
    final double[] sub = new double[64];

    PixelKernel(RenderInputs in, float[] img) {
        this(in, img, KernelPaths.AUTO);
    }

    PixelKernel(RenderInputs in, float[] img, KernelPaths paths) {
        this.in = in;
        this.img = img;
        this.batch = LatticeBatch.applies(in, paths) ? new LatticeBatch(in, this, paths) : null;
    }

    /** Resets the carried state to what an upstream thread holds at region entry. */
    void startBlock(boolean interpOn) {
        orientState = 0;
        System.arraycopy(in.polar0, 0, polarAxis, 0, 3);
        interp = interpOn;
        last.reset();
    }

    /**
     * State of a worker that starts mid-block, after pixels of the same upstream thread that
     * another worker renders: derived from whether any of them executed a phi sweep.
     */
    void startMidBlock(boolean earlierSweep, boolean interpOn) {
        startBlock(interpOn);
        if (earlierSweep) {
            // quirk 1 (U2783-2789): after a complete sweep the orientation is that of the last phi != 0 step
            orientState = in.fixed ? 0 : in.carriedState();
            // quirk 24 (U4064): the first sweep of the thread called polarization_factor once
            if (!in.nopolar || in.ovPolar) {
                System.arraycopy(in.polar1, 0, polarAxis, 0, 3);
            }
        }
    }

    // ---- the reference kernel, in spec order ----

    /**
     * Renders one pixel that passed the ROI and mask tests (render.md 4.3-4.24) and stores it.
     *
     * @param tw trace writer if this is the traced pixel, else null
     */
    void renderPixel(int spixel, int fpixel, TraceWriter tw) {
        currentPixel = (long) spixel * in.fpixels + fpixel;
        // 4.3 per-pixel resets
        intensity = in.iBg;
        polar = in.nopolar ? 1.0 : 0.0;
        omegaPixel = 0.0;
        capture = 0.0;
        fdetM = 0.0;
        sdetM = 0.0;
        java.util.Arrays.fill(pos, 0.0);
        java.util.Arrays.fill(scattering, 0.0);
        if (batch != null && tw == null && !interp) {
            batch.pixel(spixel, fpixel);
        } else {
            for (int t = 0; t < in.thicksteps; t++) {
                layer(t, spixel, fpixel, tw);
            }
        }
        store(spixel * in.fpixels + fpixel, tw);
    }

    /** One detector layer (4.4): its subpixels. */
    private void layer(int t, int spixel, int fpixel, TraceWriter tw) {
        startLayer();
        if (tw != null && tw.wants(t)) {
            tw.d(TraceWriter.name("Odet", t), t * in.thickstep);
        }
        for (int sy = 0; sy < in.oversample; sy++) {
            for (int sx = 0; sx < in.oversample; sx++) {
                subpixel(t, sy, sx, spixel, fpixel, tw);
            }
        }
    }

    /** Layer start (4.4): the capture fraction is recomputed at its first subpixel. */
    void startLayer() {
        capture = in.thick == 0.0 ? 1.0 : 0.0;
    }

    /** One subpixel (4.5-4.10): position, diffracted direction, solid angle, capture; its sources. */
    private void subpixel(int t, int sy, int sx, int spixel, int fpixel, TraceWriter tw) {
        double air = sample(t, sy, sx, spixel, fpixel);
        boolean traced = tw != null && tw.wants(t, sy, sx);
        if (traced) {
            tw.d(TraceWriter.name("Fdet_Sdet", t, sy, sx), fdetM, sdetM);
            tw.d(TraceWriter.name("pixel_pos_meters", t, sy, sx), pos[0], pos[1], pos[2]);
            tw.d(TraceWriter.name("R_distance_meters", t, sy, sx), air);
            tw.d(TraceWriter.name("diffracted_vec", t, sy, sx), diffracted[0], diffracted[1], diffracted[2]);
            tw.dFlag(TraceWriter.name("omega_pixel_sr", t, sy, sx), omegaPixel, omegaRecomputed);
            tw.dFlag(TraceWriter.name("capture_fraction", t, sy, sx), capture, captureRecomputed);
        }
        for (int src = 0; src < in.nsrc; src++) {
            source(t, sy, sx, src, traced ? tw : null);
        }
    }

    /**
     * The geometry of one subpixel (4.5-4.10): position, diffracted direction, and the solid
     * angle and capture fraction where they are (re)computed. Returns the distance to the sample.
     */
    double sample(int t, int sy, int sx, int spixel, int fpixel) {
        double air = position(spixel, fpixel, t, sy, sx);
        omegaRecomputed = false;
        if (omegaPixel == 0.0 || in.ovOmega) {
            // quirks 4 and 23 (U2721-2727): once per pixel, full pixel area, close_distance
            omegaPixel = solidAngle(air);
            omegaRecomputed = true;
        }
        captureRecomputed = false;
        if (capture == 0.0 || in.ovThick) {
            // quirks 5 and 7 (U2732-2739)
            capture = captureFraction(t);
            captureRecomputed = true;
        }
        return air;
    }

    /**
     * Subpixel position (4.5-4.7) into {@link #pos} and the diffracted direction (4.8) into
     * {@link #diffracted}; returns the distance to the sample (airpath).
     */
    double position(int spixel, int fpixel, int t, int sy, int sx) {
        double odetM = t * in.thickstep;
        fdetM = in.subpixelSize * (fpixel * in.oversample + sx) + in.subpixelSize / 2.0;
        sdetM = in.subpixelSize * (spixel * in.oversample + sy) + in.subpixelSize / 2.0;
        double p1 = fdetM * in.fdet[0] + sdetM * in.sdet[0] + odetM * in.odet[0] + in.pix0[0];
        double p2 = fdetM * in.fdet[1] + sdetM * in.sdet[1] + odetM * in.odet[1] + in.pix0[1];
        double p3 = fdetM * in.fdet[2] + sdetM * in.sdet[2] + odetM * in.odet[2] + in.pix0[2];
        if (in.curved) {
            curve(p2, p3);
        } else {
            pos[0] = p1;
            pos[1] = p2;
            pos[2] = p3;
        }
        return CMath.unitize(pos[0], pos[1], pos[2], diffracted);
    }

    /**
     * Quirk 22 (U2707-2716), curved detector: lab y and z of the flat position are the arc
     * angles. Apart from {@link #position} so that the flat case stays under the size up to which
     * C2 inlines a hot method (HotSpot's FreqInlineSize, 325 bytecodes): at 442 it was a call
     * per subpixel.
     */
    private void curve(double p2, double p3) {
        double v1 = in.distance * in.beam[0];
        double v2 = in.distance * in.beam[1];
        double v3 = in.distance * in.beam[2];
        CMath.rotateAxis(v1, v2, v3, in.sdet, p2 / in.distance, tmp3, 0);
        CMath.rotateAxis(tmp3[0], tmp3[1], tmp3[2], in.fdet, p3 / in.distance, pos, 0);
    }

    /** Solid angle of the pixel at distance air (4.9, quirks 4 and 23). */
    private double solidAngle(double air) {
        double w = in.pointPixel ? 1.0 / air / air
                : in.pixelSize * in.pixelSize / air / air * in.closeDistance / air;
        return in.omegaFaultFactor == 1.0 ? w : w * in.omegaFaultFactor;
    }

    /** Capture fraction of layer t along the diffracted direction (4.10, quirks 5 and 7). */
    private double captureFraction(int t) {
        double parallax = diffracted[0] * in.odet[0] + diffracted[1] * in.odet[1] + diffracted[2] * in.odet[2];
        return CMath.exp(-t * in.thickstep * in.mu / parallax) - CMath.exp(-(t + 1) * in.thickstep * in.mu / parallax);
    }

    /** One source (4.11-4.15): scattering vector, stol, resolution cut, polarization; its phi steps. */
    private void source(int t, int sy, int sx, int src, TraceWriter tw) {
        in.scatteringVector(src, diffracted, scattering);
        double stol = RenderInputs.stol(scattering);
        boolean cut = in.cutByDmin(stol);
        boolean traced = tw != null && tw.wants(t, sy, sx, src);
        if (traced) {
            tw.d(TraceWriter.name("incident_vec", t, sy, sx, src), in.inc1[src], in.inc2[src], in.inc3[src]);
            tw.d(TraceWriter.name("lambda_meters", t, sy, sx, src), in.lambda[src]);
            tw.d(TraceWriter.name("scattering_vec", t, sy, sx, src), scattering[0], scattering[1], scattering[2]);
            tw.d(TraceWriter.name("stol", t, sy, sx, src), stol);
            tw.i(TraceWriter.name("dmin_cut", t, sy, sx, src), cut ? 1 : 0);
        }
        if (cut) {
            return;
        }
        boolean polRe = false;
        if (polar == 0.0 || in.ovPolar) {
            polar = polarize(src);
            polRe = true;
        }
        if (traced) {
            tw.dFlag(TraceWriter.name("polar", t, sy, sx, src), polar, polRe);
        }
        double q1 = scattering[0];
        double q2 = scattering[1];
        double q3 = scattering[2];
        for (int pt = 0; pt < in.phisteps; pt++) {
            phiStep(t, sy, sx, src, pt, q1, q2, q3, traced ? tw : null);
        }
    }

    /**
     * Polarization of source src (4.15, quirks 3, 8, 24, U2772-2776, U4062-4064): normalises the
     * incident and, in place, the diffracted direction, then the Kahn factor.
     */
    double polarize(int src) {
        CMath.unitize(in.inc1[src], in.inc2[src], in.inc3[src], incident);
        CMath.unitize(diffracted);
        return polarization(incident, diffracted);
    }

    /** Kahn polarization factor after the in-place unitizations (U4053-4095). */
    private double polarization(double[] i, double[] d) {
        final double[] ax = polarAxis;
        CMath.unitize(ax);
        double c = i[0] * d[0] + i[1] * d[1] + i[2] * d[2];
        double c2 = c * c;
        double s2 = 1 - c2;
        double psi = 0;
        double kf = in.kahn;
        if (kf != 0.0) {
            final double[] b = kahnB;
            final double[] e = kahnE;
            CMath.unitize(ax[1] * i[2] - ax[2] * i[1], ax[2] * i[0] - ax[0] * i[2], ax[0] * i[1] - ax[1] * i[0], b);
            CMath.unitize(i[1] * b[2] - i[2] * b[1], i[2] * b[0] - i[0] * b[2], i[0] * b[1] - i[1] * b[0], e);
            double eo = d[0] * e[0] + d[1] * e[1] + d[2] * e[2];
            double bo = d[0] * b[0] + d[1] * b[1] + d[2] * b[2];
            psi = -CMath.atan2(bo, eo);
        }
        return 0.5 * (1.0 + c2 - kf * CMath.cos(2 * psi) * s2);
    }

    /** One phi step (4.16): the orientation state (quirk 1); its mosaic domains. */
    private void phiStep(int t, int sy, int sx, int src, int pt, double q1, double q2, double q3, TraceWriter tw) {
        orientState = in.phiState(pt, orientState);
        boolean traced = tw != null && tw.wants(t, sy, sx, src, pt);
        if (traced) {
            double phi = in.phiVal[pt];
            tw.d(TraceWriter.name("phi_rad", t, sy, sx, src, pt), phi);
            // "rotated" = ap/bp/cp were set at this step (0 only for a carried-over orientation);
            // fixed mode sets them at every step, so it is always 1 there (as in c-reference)
            tw.i(TraceWriter.name("rotated", t, sy, sx, src, pt), phi != 0.0 || in.fixed ? 1 : 0);
            int o = orientState * 9;
            double[] r = in.phiOrient;
            tw.d(TraceWriter.name("ap", t, sy, sx, src, pt), r[o], r[o + 1], r[o + 2]);
            tw.d(TraceWriter.name("bp", t, sy, sx, src, pt), r[o + 3], r[o + 4], r[o + 5]);
            tw.d(TraceWriter.name("cp", t, sy, sx, src, pt), r[o + 6], r[o + 7], r[o + 8]);
        }
        int obBase = orientState * in.mosaicDomains * 9;
        for (int mos = 0; mos < in.mosaicDomains; mos++) {
            boolean mosTraced = traced && tw.wants(t, sy, sx, src, pt, mos);
            mosaicDomain(obBase + mos * 9, q1, q2, q3, mosTraced ? tw : null, t, sy, sx, src, pt, mos);
        }
    }

    /**
     * One mosaic domain (4.17-4.23) with orientation at {@code ob}: Miller indices, lattice
     * factor, early exit, structure factor, accumulation.
     */
    private void mosaicDomain(int ob, double q1, double q2, double q3, TraceWriter tw,
                              int t, int sy, int sx, int src, int pt, int mos) {
        double h = in.millerIndex(ob, 0, q1, q2, q3);
        double kk = in.millerIndex(ob, 1, q1, q2, q3);
        double l = in.millerIndex(ob, 2, q1, q2, q3);
        // quirk 13 (U2817-2819): halves round down
        int h0 = nearest(h);
        int k0 = nearest(kk);
        int l0 = nearest(l);
        double fl;
        double fla = 1.0;
        double flb = 1.0;
        double flc = 1.0;
        if (in.shape == Shape.SQUARE) {
            // quirk 9 (U2829-2837): pi times the full fractional index, N > 1 guards
            if (in.na > 1) {
                fla = CMath.sincg(Math.PI * h, in.na);
            }
            if (in.nb > 1) {
                flb = CMath.sincg(Math.PI * kk, in.nb);
            }
            if (in.nc > 1) {
                flc = CMath.sincg(Math.PI * l, in.nc);
            }
            fl = squareLatticeFactor(in, fla, flb, flc);
        } else {
            fl = nonSquare(h, kk, l, h0, k0, l0);
        }
        last.mosaic(h, kk, l, h0, k0, l0, fl, ob);
        if (tw != null) {
            final double[] orient = in.orient;
            tw.d(TraceWriter.name("rot_a", t, sy, sx, src, pt, mos), orient[ob], orient[ob + 1], orient[ob + 2]);
            tw.d(TraceWriter.name("rot_b", t, sy, sx, src, pt, mos), orient[ob + 3], orient[ob + 4], orient[ob + 5]);
            tw.d(TraceWriter.name("rot_c", t, sy, sx, src, pt, mos), orient[ob + 6], orient[ob + 7], orient[ob + 8]);
            tw.d(TraceWriter.name("hkl_frac", t, sy, sx, src, pt, mos), h, kk, l);
            tw.i(TraceWriter.name("hkl_rounded", t, sy, sx, src, pt, mos), h0, k0, l0);
            if (in.shape == Shape.SQUARE) {
                tw.d(TraceWriter.name("F_latt_a", t, sy, sx, src, pt, mos), fla);
                tw.d(TraceWriter.name("F_latt_b", t, sy, sx, src, pt, mos), flb);
                tw.d(TraceWriter.name("F_latt_c", t, sy, sx, src, pt, mos), flc);
            }
            tw.d(TraceWriter.name("F_latt", t, sy, sx, src, pt, mos), fl);
        }
        if (skipsZeroLattice(in, fl)) {
            return;
        }
        double fc = structureFactor(h, kk, l, h0, k0, l0);
        last.fcell(fc);
        accumulate(fc * fc * fl * fl);
        if (tw != null) {
            tw.d(TraceWriter.name("F_cell", t, sy, sx, src, pt, mos), fc);
            tw.d(TraceWriter.name("I_running", t, sy, sx, src, pt, mos), intensity);
        }
    }

    /** SQUARE F_latt from its three sincg factors (U2829-2837: N > 1 guards, multiplied in order). */
    static double squareLatticeFactor(RenderInputs in, double fla, double flb, double flc) {
        double fl = 1.0;
        if (in.na > 1) {
            fl *= fla;
        }
        if (in.nb > 1) {
            fl *= flb;
        }
        if (in.nc > 1) {
            fl *= flc;
        }
        return fl;
    }

    /** Early exit of 4.20 (U2868): a zero lattice factor contributes nothing unless there is water. */
    static boolean skipsZeroLattice(RenderInputs in, double fl) {
        return fl == 0.0 && in.waterSize == 0.0;
    }

    /** Nearest Miller index as upstream rounds it: (int) ceil(x - 0.5), halves go down (quirk 13). */
    static int nearest(double x) {
        return (int) Math.ceil(x - 0.5);
    }

    /** ROUND/GAUSS/TOPHAT lattice factor (U2839-2866, quirk 10). */
    double nonSquare(double h, double kk, double l, int h0, int k0, int l0) {
        double na = in.na;
        double nb = in.nb;
        double nc = in.nc;
        double fl = 1.0;
        double dx = (h - h0) * in.as1 + (kk - k0) * in.bs1 + (l - l0) * in.cs1;
        double dy = (h - h0) * in.as2 + (kk - k0) * in.bs2 + (l - l0) * in.cs2;
        double dz = (h - h0) * in.as3 + (kk - k0) * in.bs3 + (l - l0) * in.cs3;
        double radStarSqr = (dx * dx + dy * dy + dz * dz) * na * na * nb * nb * nc * nc;
        switch (in.shape) {
            case ROUND: {
                double hrad = (h - h0) * (h - h0) * na * na + (kk - k0) * (kk - k0) * nb * nb
                        + (l - l0) * (l - l0) * nc * nc;
                fl = na * nb * nc * 0.723601254558268 * CMath.sinc3(Math.PI * Math.sqrt(hrad * in.fudge));
                break;
            }
            case GAUSS:
                fl = na * nb * nc * CMath.exp(-(radStarSqr / 0.63 * in.fudge));
                break;
            case TOPHAT:
                fl = na * nb * nc * (radStarSqr * in.fudge < 0.3969 ? 1 : 0);
                break;
            default:
                break;
        }
        return fl;
    }

    /**
     * F_cell (4.22): tricubic interpolation while this thread's switch is on and the index is
     * inside the table's interpolation range; the first index outside switches it off for the
     * rest of the run (quirk 11, U2937-2950); else the nearest entry or default_F.
     */
    double structureFactor(double h, double kk, double l, int h0, int k0, int l0) {
        if (interp) {
            if (((h - in.hMin + 3) > in.hRange) || (h - 2 < in.hMin)
                    || ((kk - in.kMin + 3) > in.kRange) || (kk - 2 < in.kMin)
                    || ((l - in.lMin + 3) > in.lRange) || (l - 2 < in.lMin)) {
                if (trigger < 0) {
                    // position of the pixel being rendered, in serial order
                    trigger = currentPixel;
                    warning = CFormat.sprintf("WARNING: out of range for three point "
                            + "interpolation: h,k,l,h0,k0,l0: %g,%g,%g,%d,%d,%d \n", h, kk, l, h0, k0, l0)
                            + "WARNING: further warnings will not be printed! ";
                }
                // upstream sets F_cell = default_F here, then takes the non-interpolating branch
                interp = false;
            } else {
                return interpolate(h, kk, l);
            }
        }
        return in.nearestF(h0, k0, l0);
    }

    /** Serial index of the pixel being rendered (for the interpolation trigger). */
    long currentPixel;

    /**
     * Accumulation (4.23): the term, weighted by the per-subpixel factors that are oversampled;
     * compat multiplies the running sum instead (quirk 6, U3016-3018).
     */
    void accumulate(double term) {
        if (in.fixed) {
            // fix/subpixel-oversampling: each term weighted by its own factors
            intensity += oversampled(term);
        } else {
            // quirk 6 (U3016-3018): the running sum is multiplied
            intensity = oversampled(intensity + term);
        }
    }

    /** x times the oversampled factors (capture, polar, omega, in that order). */
    private double oversampled(double x) {
        if (in.ovThick) {
            x *= capture;
        }
        if (in.ovPolar) {
            x *= polar;
        }
        if (in.ovOmega) {
            x *= omegaPixel;
        }
        return x;
    }

    /** Final scaling and store (4.24), the pixel's trace end and its -printout values. */
    private void store(int imgidx, TraceWriter tw) {
        double test = in.rESqr * in.fluence * intensity / in.steps;
        if (!in.ovThick) {
            test *= capture;
        }
        if (!in.ovPolar) {
            test *= polar;
        }
        if (!in.ovOmega) {
            test *= omegaPixel;
        }
        // quirk 16 (U3039): binary32 store of floatimage[imgidx] += test; the image starts at 0
        // and a pixel can be rendered twice (interpolation re-run), so add to 0.0 explicitly
        float v = (float) (0.0 + test);
        img[imgidx] = v;
        if (tw != null && tw.pixelRecords()) {
            tw.d("I_before_scaling", intensity);
            tw.i("steps", in.steps);
            tw.d("capture_fraction", capture);
            tw.d("polar", polar);
            tw.d("omega_pixel", omegaPixel);
            tw.d("I_pixel_final", test);
            tw.f32("floatimage_bits", v);
        }
        // the last source iteration's scattering vector is left in place; -printout shows its stol
        last.pixelEnd(scattering, pos, intensity, polar, omegaPixel, capture, v);
    }

    // ---- the same steps for the statistics pass and the chunk scheduler ----

    /** True if the pixel is rendered and any (layer, subpixel, source) survives the dmin cut. */
    boolean hasSweep(int spixel, int fpixel) {
        if (!in.rendered(spixel, fpixel)) {
            return false;
        }
        if (!(in.dmin > 0.0)) {
            return true;
        }
        // No polarization call precedes the first survivor, so diffracted is unmodified here.
        for (int t = 0; t < in.thicksteps; t++) {
            for (int sy = 0; sy < in.oversample; sy++) {
                for (int sx = 0; sx < in.oversample; sx++) {
                    position(spixel, fpixel, t, sy, sx);
                    for (int src = 0; src < in.nsrc; src++) {
                        in.scatteringVector(src, diffracted, scattering);
                        if (!in.cutByDmin(RenderInputs.stol(scattering))) {
                            return in.phisteps > 0;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Omega summed over the pixel's (layer, subpixel) samples in upstream order (U2721-2729). */
    double addOmega(double omegaSum, int spixel, int fpixel) {
        int n = in.thicksteps * in.oversample * in.oversample;
        if (!in.ovOmega) {
            if (n == 0) {
                return omegaSum;
            }
            // the pixel's omega is that of its first sample (quirk 4): recomputed with the
            // reference's steps instead of a per-pixel array
            double w = solidAngle(position(spixel, fpixel, 0, 0, 0));
            for (int i = 0; i < n; i++) {
                omegaSum += w;
            }
            return omegaSum;
        }
        for (int t = 0; t < in.thicksteps; t++) {
            for (int sy = 0; sy < in.oversample; sy++) {
                for (int sx = 0; sx < in.oversample; sx++) {
                    omegaSum += solidAngle(position(spixel, fpixel, t, sy, sx));
                }
            }
        }
        return omegaSum;
    }

    /** Tricubic polynomial interpolation polin3 (U2954-2996, U3807-3844). */
    double interpolate(double h, double kk, double l) {
        int hf = (int) Math.floor(h);
        int kf = (int) Math.floor(kk);
        int lf = (int) Math.floor(l);
        final double[] s = sub;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                int base = ((hf - 1 + a - in.hMin) * in.kRange + (kf - 1 + b - in.kMin)) * in.lRange + (lf - 1 - in.lMin);
                int o = (a * 4 + b) * 4;
                s[o] = in.fhkl[base];
                s[o + 1] = in.fhkl[base + 1];
                s[o + 2] = in.fhkl[base + 2];
                s[o + 3] = in.fhkl[base + 3];
            }
        }
        double n0 = 0;
        double n1 = 0;
        double n2 = 0;
        double n3 = 0;
        for (int a = 0; a < 4; a++) {
            int o = a * 16;
            double m0 = CMath.polint(lf - 1, lf, lf + 1, lf + 2, s[o], s[o + 1], s[o + 2], s[o + 3], l);
            double m1 = CMath.polint(lf - 1, lf, lf + 1, lf + 2, s[o + 4], s[o + 5], s[o + 6], s[o + 7], l);
            double m2 = CMath.polint(lf - 1, lf, lf + 1, lf + 2, s[o + 8], s[o + 9], s[o + 10], s[o + 11], l);
            double m3 = CMath.polint(lf - 1, lf, lf + 1, lf + 2, s[o + 12], s[o + 13], s[o + 14], s[o + 15], l);
            double n = CMath.polint(kf - 1, kf, kf + 1, kf + 2, m0, m1, m2, m3, kk);
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
        return CMath.polint(hf - 1, hf, hf + 1, hf + 2, n0, n1, n2, n3, h);
    }
}
