package org.nbparity.sim.render;

import org.nbparity.sim.config.Mode;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.crystal.StructureFactors;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.geometry.Sampling;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.source.Sources;
import org.nbparity.sim.trace.TraceRequest;

/** Hand-built Setup records for kernel unit tests (no parser involved). */
final class Fixtures {
    private Fixtures() {
    }

    /** Mutable builder of a small MOSFLM-like setup; every field has a sensible default. */
    static final class B {
        Mode mode = Mode.COMPAT;
        int fpixels = 16;
        int spixels = 16;
        double pixel = 1e-4;
        double distance = 0.1;
        double[] pix0 = {0.1, 0.0008, -0.0008};
        boolean curved;
        boolean pointPixel;
        int thicksteps = 1;
        double thickstep;
        double thick;
        double mu = -1;
        Roi roi;
        int[] mask;
        int oversample = 1;
        boolean ovThick;
        boolean ovPolar;
        boolean ovOmega;
        double[] srcX = {-1};
        double[] srcY = {0};
        double[] srcZ = {0};
        double[] lambda = {1e-10};
        double kahn;
        boolean nopolar;
        double n = 5;
        Shape shape = Shape.SQUARE;
        double fudge = 1;
        double phi0;
        double phistep;
        int phisteps = 1;
        double mosaicSpread;
        double[] umats = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        StructureFactors sf = new StructureFactors(new double[1], 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 100, 0);
        boolean interpolate;
        double dmin;
        double water;
        double iBg;
        int threads = 1;
        int compatThreads = 1;
        boolean printout;
        int prF = -1;
        int prS = -1;
        boolean progress = true;
        TraceRequest trace;
        /** Row-major rotation applied to the cell's real and reciprocal vectors (a misset), or null. */
        double[] misset;

        private double[] rot(double[] v) {
            if (misset == null) {
                return v;
            }
            double[] m = misset;
            return new double[] {m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
                m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
        }

        Setup build() {
            int domains = umats.length / 9;
            DetectorGeometry d = new DetectorGeometry(fpixels, spixels, pixel,
                    new double[] {0, 0, 1}, new double[] {0, -1, 0}, new double[] {1, 0, 0}, pix0,
                    distance, distance, curved, pointPixel, thicksteps, thickstep, thick, mu,
                    roi == null ? new Roi(0, fpixels, 0, spixels) : roi, mask, null);
            Sampling s = new Sampling(oversample, pixel / oversample, ovThick, ovPolar, ovOmega);
            Sources so = new Sources(srcX, srcY, srcZ, lambda, new double[srcX.length], lambda[0],
                    new double[] {1, 0, 0}, new double[] {0, 0, 1}, kahn, nopolar);
            // the cubic 100 A cell exactly as upstream's setup leaves it (cos(90 deg) cross terms;
            // values checked against cli.Main.prepare for -cell 100 100 100 90 90 90)
            double e6 = 6.123233995736766e-25;
            double e7 = 6.123233995736767e-25;
            double es = 6.123233995736768e-19;
            double as = 0.010000000000000002;
            Crystal c = new Crystal(rot(new double[] {1e-8, e7, e6}), rot(new double[] {-0.0, 1e-8, e7}),
                    rot(new double[] {0, -0.0, 1e-8}), rot(new double[] {as, 0, 0}),
                    rot(new double[] {-es, as, 0}), rot(new double[] {-es, -es, as}),
                    999999.9999999999, n, n, n, shape, fudge, phi0, phistep,
                    phisteps, phistep * phisteps, new double[] {0, 0, 1}, mosaicSpread, domains, umats);
            int steps = srcX.length * domains * phisteps * oversample * oversample;
            Roi r = roi == null ? new Roi(0, fpixels, 0, spixels) : roi;
            long progressPixels = (long) (r.xmax() - r.xmin() + 1) * (r.ymax() - r.ymin() + 1);
            RenderOptions o = new RenderOptions(threads, compatThreads, printout, prF, prS, progress,
                    progressPixels, trace);
            return new Setup(mode, d, s, so, c, sf, interpolate, dmin, 125932015286227086360700780544.0,
                    7.94079248018965e-30, water, iBg, steps, o);
        }
    }

    static Setup withRender(Setup s, RenderOptions o) {
        return new Setup(s.mode(), s.detector(), s.sampling(), s.sources(), s.crystal(), s.structureFactors(),
                s.interpolate(), s.dmin(), s.fluence(), s.rESqr(), s.waterSize(), s.iBg(), s.steps(), o);
    }

    static Setup withMode(Setup s, Mode m) {
        return new Setup(m, s.detector(), s.sampling(), s.sources(), s.crystal(), s.structureFactors(),
                s.interpolate(), s.dmin(), s.fluence(), s.rESqr(), s.waterSize(), s.iBg(), s.steps(), s.render());
    }
}
