package org.nbparity.sim.render;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Step 1 of {@link LatticeBatch} for many source iterations at once, one per SIMD lane, when
 * every source has one evaluation (one phi step, one mosaic domain: divergence and dispersion
 * runs) and no resolution cut: scattering vector (U2755-2757), Miller indices (U2812-2814) and
 * the sincg arguments, with the scalar code's operations in its order on every lane (Java's
 * vector add, sub, mul and div are the IEEE operations; no FMA is formed), so each lane holds
 * the scalar result bit for bit. Lanes start after the pixel's polarization call, which
 * normalises the diffracted direction in place; after it no direction changes within the pixel.
 * With one phi step every source sees the same orientation state (quirk 1). Only loaded with
 * the Vector API.
 */
final class SourceLanes {
    private static final VectorSpecies<Double> SP = VectorSine.SPECIES;

    private final RenderInputs in;
    private final PixelKernel px;
    private final LatticeBatch batch;
    /** Source iterations of a pixel (subpixels x sources); iteration i is source i % nsrc. */
    private final int total;
    /**
     * Per iteration of a whole pixel: incident direction, wavelength and the subpixel's
     * diffracted direction, padded by one vector (incident 0, wavelength 1, direction 0: h = 0).
     * Null when a pixel does not fit in one batch.
     */
    private final double[] inc1;
    private final double[] inc2;
    private final double[] inc3;
    private final double[] lambda;
    private final double[] d1;
    private final double[] d2;
    private final double[] d3;

    SourceLanes(RenderInputs in, PixelKernel px, LatticeBatch batch, boolean wholePixel) {
        this.in = in;
        this.px = px;
        this.batch = batch;
        this.total = in.thicksteps * in.oversample * in.oversample * in.nsrc;
        int n = wholePixel ? (total + SP.length() - 1) / SP.length() * SP.length() + SP.length() : 0;
        inc1 = new double[n];
        inc2 = new double[n];
        inc3 = new double[n];
        lambda = new double[n];
        d1 = new double[n];
        d2 = new double[n];
        d3 = new double[n];
        java.util.Arrays.fill(lambda, 1.0);
        for (int i = 0; i < Math.min(n, total); i++) {
            int src = i % in.nsrc;
            inc1[i] = in.inc1[src];
            inc2[i] = in.inc2[src];
            inc3[i] = in.inc3[src];
            lambda[i] = in.lambda[src];
        }
    }

    /** Sources per vector. */
    int length() {
        return SP.length();
    }

    /**
     * A whole pixel in one batch: the reference's layer and subpixel steps, the sources before
     * the pixel's polarization factor is known one at a time, every later iteration on lanes.
     */
    void pixel(int spixel, int fpixel) {
        final int nsrc = in.nsrc;
        final double[] d = px.diffracted;
        batch.inRange = true;
        int e = 0;
        int from = -1;
        for (int t = 0; t < in.thicksteps; t++) {
            px.startLayer();
            for (int sy = 0; sy < in.oversample; sy++) {
                for (int sx = 0; sx < in.oversample; sx++) {
                    px.sample(t, sy, sx, spixel, fpixel);
                    // no cut and one evaluation per source: iteration i is evaluation i
                    int i = e;
                    int src = 0;
                    if (from < 0) {
                        while (src < nsrc && px.polar == 0.0) {
                            e = batch.fillScalar(src, src + 1, e);
                            src++;
                        }
                        if (src < nsrc) {
                            from = e;
                        }
                    }
                    for (int k = i + src; k < i + nsrc; k++) {
                        d1[k] = d[0];
                        d2[k] = d[1];
                        d3[k] = d[2];
                    }
                    e = i + nsrc;
                }
            }
        }
        if (from >= 0) {
            fill(from, total, from, true);
            // the last source's scattering vector stays behind for -printout's stol, as in the reference
            in.scatteringVector(nsrc - 1, d, px.scattering);
        }
        batch.flush(total);
    }

    /**
     * Sources [s0, s1) (a multiple of {@link #length} of them) of the current subpixel from
     * evaluation e on; returns the next free evaluation.
     */
    int fill(int s0, int s1, int e) {
        fill(s0, s1, e, false);
        // the last source's scattering vector stays behind for -printout's stol, as in the reference
        in.scatteringVector(s1 - 1, px.diffracted, px.scattering);
        return e + (s1 - s0);
    }

    /**
     * Lanes for iterations [i0, i1) into evaluations from e on: the sources of the current
     * subpixel (i = source), or of the whole pixel from the tiled arrays ({@code tiled}).
     */
    private void fill(int i0, int i1, int e, boolean tiled) {
        final double[] bh = batch.h();
        final double[] bk = batch.k();
        final double[] bl = batch.l();
        final double[] a = batch.args();
        final int cap = batch.capacity();
        final int hf = batch.half();
        final double lim = batch.hklFast();
        final double na = in.na;
        final double nb = in.nb;
        final double nc = in.nc;
        // one phi step, one domain: the same orientation for every source (quirk 1)
        final int state = in.phiState(0, px.orientState);
        final double[] o = in.orient;
        final int ob = state * 9;
        final double a1 = o[ob];
        final double a2 = o[ob + 1];
        final double a3 = o[ob + 2];
        final double b1 = o[ob + 3];
        final double b2 = o[ob + 4];
        final double b3 = o[ob + 5];
        final double c1 = o[ob + 6];
        final double c2 = o[ob + 7];
        final double c3 = o[ob + 8];
        final double[] i1a = tiled ? inc1 : in.inc1;
        final double[] i2a = tiled ? inc2 : in.inc2;
        final double[] i3a = tiled ? inc3 : in.inc3;
        final double[] la = tiled ? lambda : in.lambda;
        final double[] d = px.diffracted;
        DoubleVector dv1 = DoubleVector.broadcast(SP, d[0]);
        DoubleVector dv2 = DoubleVector.broadcast(SP, d[1]);
        DoubleVector dv3 = DoubleVector.broadcast(SP, d[2]);
        boolean fast = na >= 1.0 & nb >= 1.0 & nc >= 1.0;
        final int len = SP.length();
        for (int i = i0; i < i1; i += len, e += len) {
            if (tiled) {
                dv1 = DoubleVector.fromArray(SP, d1, i);
                dv2 = DoubleVector.fromArray(SP, d2, i);
                dv3 = DoubleVector.fromArray(SP, d3, i);
            }
            DoubleVector lam = DoubleVector.fromArray(SP, la, i);
            // RenderInputs.scatter: (diffracted - incident) / lambda
            DoubleVector q1 = dv1.sub(DoubleVector.fromArray(SP, i1a, i)).div(lam);
            DoubleVector q2 = dv2.sub(DoubleVector.fromArray(SP, i2a, i)).div(lam);
            DoubleVector q3 = dv3.sub(DoubleVector.fromArray(SP, i3a, i)).div(lam);
            // RenderInputs.millerIndex: orient[o] * q1 + orient[o + 1] * q2 + orient[o + 2] * q3
            DoubleVector h = q1.mul(a1).add(q2.mul(a2)).add(q3.mul(a3));
            DoubleVector kk = q1.mul(b1).add(q2.mul(b2)).add(q3.mul(b3));
            DoubleVector l = q1.mul(c1).add(q2.mul(c2)).add(q3.mul(c3));
            h.intoArray(bh, e);
            kk.intoArray(bk, e);
            l.intoArray(bl, e);
            DoubleVector xa = h.mul(Math.PI);
            DoubleVector xb = kk.mul(Math.PI);
            DoubleVector xc = l.mul(Math.PI);
            xa.mul(na).intoArray(a, e);
            xb.mul(nb).intoArray(a, cap + e);
            xc.mul(nc).intoArray(a, 2 * cap + e);
            xa.intoArray(a, hf + e);
            xb.intoArray(a, hf + cap + e);
            xc.intoArray(a, hf + 2 * cap + e);
            // NaN compares false, as in the scalar check
            fast &= h.abs().compare(VectorOperators.LE, lim).allTrue()
                    & kk.abs().compare(VectorOperators.LE, lim).allTrue()
                    & l.abs().compare(VectorOperators.LE, lim).allTrue();
        }
        px.orientState = state;
        batch.inRange &= fast;
    }
}
