package org.nbparity.sim.render;

import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.crystal.StructureFactors;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.geometry.Sampling;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.source.Sources;

/**
 * Immutable, flattened view of a {@link Setup} for the pixel loop, plus the orientations that do
 * not depend on the pixel: for every orientation state (0 = a0,b0,c0; 1+i = rotated to phi step
 * i) and mosaic domain, the nine components of a, b, c (render.md 4.16-4.17). Both rotations
 * are pure functions of (a0, phi, U), so precomputing them is bitwise identical to upstream's
 * per-iteration evaluation.
 */
final class RenderInputs {
    final boolean fixed;
    final int fpixels;
    final int spixels;
    final int oversample;
    final int thicksteps;
    final int nsrc;
    final int phisteps;
    final int mosaicDomains;
    final double pixelSize;
    final double subpixelSize;
    final double thickstep;
    final double thick;
    final double mu;
    final double distance;
    final double closeDistance;
    /** Test-only omega fault (TestFault); exactly 1.0 in every real run. */
    final double omegaFaultFactor;
    final boolean curved;
    final boolean pointPixel;
    final boolean ovThick;
    final boolean ovPolar;
    final boolean ovOmega;
    final boolean nopolar;
    final double[] fdet;
    final double[] sdet;
    final double[] odet;
    final double[] pix0;
    final double[] beam;
    final int roiXmin;
    final int roiXmax;
    final int roiYmin;
    final int roiYmax;
    final int[] mask;
    /** Incident directions (= -source vector) and wavelengths per source. */
    final double[] inc1;
    final double[] inc2;
    final double[] inc3;
    final double[] lambda;
    final double lambda0;
    final double kahn;
    /** Polarization axis at region entry, and after one in-place unitize (render.md 4.15). */
    final double[] polar0;
    final double[] polar1;
    /**
     * True when a second in-place unitize leaves the axis unchanged, so that a worker starting
     * mid-block knows the axis exactly (polar1); otherwise each upstream block is rendered by one
     * worker in order.
     */
    final boolean polarAxisSettles;
    final double[] phiVal;
    /** Largest phi step index with phi != 0, or -1 (render.md 5.2). */
    final int lastNonzeroPhi;
    /** [(state*mosaicDomains + mos)*9 + {a1,a2,a3,b1,b2,b3,c1,c2,c3}]. */
    final double[] orient;
    /** [state*9 + ...]: ap, bp, cp of each orientation state (before the mosaic rotation). */
    final double[] phiOrient;
    final double[] a0;
    final double[] b0;
    final double[] c0;
    final double na;
    final double nb;
    final double nc;
    final Shape shape;
    final double fudge;
    final double as1;
    final double as2;
    final double as3;
    final double bs1;
    final double bs2;
    final double bs3;
    final double cs1;
    final double cs2;
    final double cs3;
    final double[] fhkl;
    final int hMin;
    final int hMax;
    final int kMin;
    final int kMax;
    final int lMin;
    final int lMax;
    final int hRange;
    final int kRange;
    final int lRange;
    final boolean hkls;
    final double defaultF;
    final double lastReadF;
    final boolean interpolate;
    final double dmin;
    final double waterSize;
    final double iBg;
    final double rESqr;
    final double fluence;
    final int steps;

    RenderInputs(Setup s) {
        this(s, 1.0);
    }

    RenderInputs(Setup s, double omegaFaultFactor) {
        this.omegaFaultFactor = omegaFaultFactor;
        fixed = s.mode() == Mode.FIXED;
        DetectorGeometry d = s.detector();
        Sampling sm = s.sampling();
        Sources so = s.sources();
        Crystal c = s.crystal();
        StructureFactors sf = s.structureFactors();
        fpixels = d.fpixels();
        spixels = d.spixels();
        oversample = sm.oversample();
        thicksteps = d.thicksteps();
        nsrc = so.count();
        phisteps = c.phisteps();
        mosaicDomains = c.mosaicDomains();
        pixelSize = d.pixelSize();
        subpixelSize = sm.subpixelSize();
        thickstep = d.thickstep();
        thick = d.thick();
        mu = d.mu();
        distance = d.distance();
        closeDistance = d.closeDistance();
        curved = d.curved();
        pointPixel = d.pointPixel();
        ovThick = sm.oversampleThick();
        ovPolar = sm.oversamplePolar();
        ovOmega = sm.oversampleOmega();
        nopolar = so.nopolar();
        fdet = d.fdet().clone();
        sdet = d.sdet().clone();
        odet = d.odet().clone();
        pix0 = d.pix0().clone();
        beam = so.beam().clone();
        Roi roi = d.roi();
        roiXmin = roi.xmin();
        roiXmax = roi.xmax();
        roiYmin = roi.ymin();
        roiYmax = roi.ymax();
        mask = d.mask();
        inc1 = new double[nsrc];
        inc2 = new double[nsrc];
        inc3 = new double[nsrc];
        lambda = so.lambda().clone();
        for (int i = 0; i < nsrc; i++) {
            inc1[i] = -so.x()[i];
            inc2[i] = -so.y()[i];
            inc3[i] = -so.z()[i];
        }
        lambda0 = so.lambda0();
        kahn = so.polarization();
        polar0 = so.polarVector().clone();
        polar1 = polar0.clone();
        CMath.unitize(polar1);
        double[] polar2 = polar1.clone();
        CMath.unitize(polar2);
        polarAxisSettles = java.util.Arrays.equals(polar1, polar2);
        phiVal = new double[phisteps];
        int last = -1;
        for (int i = 0; i < phisteps; i++) {
            phiVal[i] = c.phi0() + c.phistep() * i;
            if (phiVal[i] != 0.0) {
                last = i;
            }
        }
        lastNonzeroPhi = last;
        a0 = c.a0().clone();
        b0 = c.b0().clone();
        c0 = c.c0().clone();
        int states = phisteps + 1;
        orient = new double[states * mosaicDomains * 9];
        phiOrient = new double[states * 9];
        orientations(c, phiVal, a0, b0, c0, orient, phiOrient);
        na = c.na();
        nb = c.nb();
        nc = c.nc();
        shape = c.shape();
        fudge = c.fudge();
        as1 = c.aStar()[0];
        as2 = c.aStar()[1];
        as3 = c.aStar()[2];
        bs1 = c.bStar()[0];
        bs2 = c.bStar()[1];
        bs3 = c.bStar()[2];
        cs1 = c.cStar()[0];
        cs2 = c.cStar()[1];
        cs3 = c.cStar()[2];
        fhkl = sf.f();
        hMin = sf.hMin();
        hMax = sf.hMax();
        kMin = sf.kMin();
        kMax = sf.kMax();
        lMin = sf.lMin();
        lMax = sf.lMax();
        hRange = sf.hRange();
        kRange = sf.kRange();
        lRange = sf.lRange();
        hkls = sf.hkls() != 0;
        defaultF = sf.defaultF();
        lastReadF = sf.lastReadF();
        interpolate = s.interpolate();
        dmin = s.dmin();
        waterSize = s.waterSize();
        iBg = s.iBg();
        rESqr = s.rESqr();
        fluence = s.fluence();
        steps = s.steps();
    }

    /**
     * The orientation of every (state, mosaic domain) into orient, and of every state before the
     * mosaic rotation into phiOrient (render.md 4.16-4.17, U2786-2806).
     */
    static void orientations(Crystal c, double[] phiVal, double[] a0, double[] b0, double[] c0,
                                     double[] orient, double[] phiOrient) {
        int states = phiVal.length + 1;
        int mosaicDomains = c.mosaicDomains();
        double[] p = new double[9];
        double[] u = c.mosaicUmats();
        boolean mosaic = c.mosaicSpread() > 0.0;
        for (int st = 0; st < states; st++) {
            if (st == 0) {
                System.arraycopy(a0, 0, p, 0, 3);
                System.arraycopy(b0, 0, p, 3, 3);
                System.arraycopy(c0, 0, p, 6, 3);
            } else {
                // U2786-2788: only evaluated for phi != 0; other states are never selected
                double phi = phiVal[st - 1];
                double[] sp = c.spindle();
                CMath.rotateAxis(a0[0], a0[1], a0[2], sp, phi, p, 0);
                CMath.rotateAxis(b0[0], b0[1], b0[2], sp, phi, p, 3);
                CMath.rotateAxis(c0[0], c0[1], c0[2], sp, phi, p, 6);
            }
            System.arraycopy(p, 0, phiOrient, st * 9, 9);
            for (int m = 0; m < mosaicDomains; m++) {
                int o = (st * mosaicDomains + m) * 9;
                if (mosaic) {
                    CMath.rotateUmat(p[0], p[1], p[2], u, m * 9, orient, o);
                    CMath.rotateUmat(p[3], p[4], p[5], u, m * 9, orient, o + 3);
                    CMath.rotateUmat(p[6], p[7], p[8], u, m * 9, orient, o + 6);
                } else {
                    System.arraycopy(p, 0, orient, o, 9);
                }
            }
        }
    }

    /** ROI and mask test of render.md 4.1-4.2. */
    boolean rendered(int spixel, int fpixel) {
        if (fpixel < roiXmin || fpixel > roiXmax || spixel < roiYmin || spixel > roiYmax) {
            return false;
        }
        return mask == null || mask[spixel * fpixels + fpixel] != 0;
    }

    /**
     * F_cell without interpolation (render.md 4.22(c)): F of (h0, k0, l0) when HKLs were read and
     * the index lies in the table, else default_F.
     */
    double nearestF(int h0, int k0, int l0) {
        if (hkls && h0 <= hMax && h0 >= hMin && k0 <= kMax && k0 >= kMin && l0 <= lMax && l0 >= lMin) {
            return f(h0, k0, l0);
        }
        return defaultF;
    }

    /** {@link #nearestF(int, int, int)} at the nearest indices of (h, k, l) (quirk 13), rounded only if HKLs were read. */
    double nearestF(double h, double k, double l) {
        if (!hkls) {
            return defaultF;
        }
        return nearestF(PixelKernel.nearest(h), PixelKernel.nearest(k), PixelKernel.nearest(l));
    }

    /**
     * Fractional Miller index (render.md 4.16): row {@code row} (0 = a, 1 = b, 2 = c) of the
     * orientation at {@code ob} in {@link #orient}, dotted with the scattering vector q.
     */
    double millerIndex(int ob, int row, double q1, double q2, double q3) {
        int o = ob + 3 * row;
        return orient[o] * q1 + orient[o + 1] * q2 + orient[o + 2] * q3;
    }

    /**
     * Orientation state at phi step pt when {@code state} was carried in: rotated to the step when
     * phi != 0; at phi == 0 compat keeps the carried orientation (quirk 1, U2783-2789) and fixed
     * mode resets to the unrotated cell (fix/phi0-stale-rotation).
     */
    int phiState(int pt, int state) {
        if (phiVal[pt] != 0.0) {
            return pt + 1;
        }
        return fixed ? 0 : state;
    }

    /** F at integer indices inside the table. */
    double f(int h, int k, int l) {
        return fhkl[((h - hMin) * kRange + (k - kMin)) * lRange + (l - lMin)];
    }

    /** Orientation state carried into a phi == 0 step after at least one complete sweep. */
    int carriedState() {
        return lastNonzeroPhi >= 0 ? lastNonzeroPhi + 1 : 0;
    }

    /**
     * Scattering vector of render.md 4.12 (U2755-2757) for source {@code src} and diffracted
     * direction d, into q[0..2]: (diffracted - incident) / lambda.
     */
    void scatteringVector(int src, double[] d, double[] q) {
        double lam = lambda[src];
        q[0] = scatter(d[0], inc1[src], lam);
        q[1] = scatter(d[1], inc2[src], lam);
        q[2] = scatter(d[2], inc3[src], lam);
    }

    /** One component of the scattering vector: (diffracted - incident) / lambda. */
    static double scatter(double diffracted, double incident, double lambda) {
        return (diffracted - incident) / lambda;
    }

    /** sin(theta)/lambda of render.md 4.13 (U2760): half the scattering vector's length. */
    static double stol(double[] q) {
        return stol(q[0], q[1], q[2]);
    }

    static double stol(double q1, double q2, double q3) {
        return 0.5 * Math.sqrt(q1 * q1 + q2 * q2 + q3 * q3);
    }

    /** The resolution cut of render.md 4.14 (U2763-2769): this source iteration is skipped. */
    boolean cutByDmin(double stol) {
        return dmin > 0.0 && stol > 0.0 && dmin > 0.5 / stol;
    }
}
