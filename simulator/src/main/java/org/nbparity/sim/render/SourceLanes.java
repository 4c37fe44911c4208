package org.nbparity.sim.render;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Step 1 of {@link LatticeBatch} for many sources at once, one source per SIMD lane, when every
 * source has one evaluation (one phi step, one mosaic domain: divergence and dispersion runs) and
 * no resolution cut: scattering vector (U2755-2757), Miller indices (U2812-2814) and the sincg
 * arguments, with the scalar code's operations in its order on every lane (Java's vector add,
 * sub, mul and div are the IEEE operations; no FMA is formed), so each lane holds the scalar
 * result bit for bit. The caller has already made the pixel's polarization call, so the
 * diffracted direction no longer changes within the pixel. Only loaded with the Vector API.
 */
final class SourceLanes {
    private static final VectorSpecies<Double> SP = VectorSine.SPECIES;

    private final RenderInputs in;
    private final PixelKernel px;
    private final LatticeBatch batch;

    SourceLanes(RenderInputs in, PixelKernel px, LatticeBatch batch) {
        this.in = in;
        this.px = px;
        this.batch = batch;
    }

    /** Sources per vector. */
    int length() {
        return SP.length();
    }

    /**
     * Sources [s0, s1) (a multiple of {@link #length} of them) of the current subpixel from
     * evaluation e on; returns the next free evaluation.
     */
    int fill(int s0, int s1, int e) {
        final RenderInputs in = this.in;
        final double[] d = px.diffracted;
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
        int state = in.phiState(0, px.orientState);
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
        final DoubleVector d1 = DoubleVector.broadcast(SP, d[0]);
        final DoubleVector d2 = DoubleVector.broadcast(SP, d[1]);
        final DoubleVector d3 = DoubleVector.broadcast(SP, d[2]);
        boolean fast = na >= 1.0 & nb >= 1.0 & nc >= 1.0;
        final int len = SP.length();
        for (int src = s0; src < s1; src += len, e += len) {
            DoubleVector lam = DoubleVector.fromArray(SP, in.lambda, src);
            DoubleVector q1 = d1.sub(DoubleVector.fromArray(SP, in.inc1, src)).div(lam);
            DoubleVector q2 = d2.sub(DoubleVector.fromArray(SP, in.inc2, src)).div(lam);
            DoubleVector q3 = d3.sub(DoubleVector.fromArray(SP, in.inc3, src)).div(lam);
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
        // the last source's scattering vector stays behind for -printout's stol, as in the reference
        in.scatteringVector(s1 - 1, d, px.scattering);
        px.orientState = state;
        batch.inRange &= fast;
        return e;
    }
}
