package org.nbparity.sim.render;

import static org.nbparity.sim.render.Sine.C1;
import static org.nbparity.sim.render.Sine.C2;
import static org.nbparity.sim.render.Sine.C3;
import static org.nbparity.sim.render.Sine.C4;
import static org.nbparity.sim.render.Sine.C5;
import static org.nbparity.sim.render.Sine.C6;
import static org.nbparity.sim.render.Sine.P1;
import static org.nbparity.sim.render.Sine.P2;
import static org.nbparity.sim.render.Sine.P3;
import static org.nbparity.sim.render.Sine.S1;
import static org.nbparity.sim.render.Sine.S2;
import static org.nbparity.sim.render.Sine.S3;
import static org.nbparity.sim.render.Sine.S4;
import static org.nbparity.sim.render.Sine.S5;
import static org.nbparity.sim.render.Sine.S6;
import static org.nbparity.sim.render.Sine.TWO_OVER_PI;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sine#sin(double)} on SIMD lanes through the JDK 17 incubator Vector API: the same
 * operations in the same order on every lane (Java never contracts a*b+c into an FMA, and the
 * explicit FMAs are the scalar ones), so each lane's result is bit for bit the scalar one
 * (SineTest). Only loaded when the module is present ({@link Sine#VECTOR}).
 *
 * <p>Two lane-friendly rewrites, both exact: rint(y) is {@code (y + 1.5*2^52) - 1.5*2^52} for
 * |y| < 2^51 (the fast range keeps |y| below 2^19), and the quadrant (the low two bits of the
 * integer kd) is computed as kd - 4*floor(kd/4) in doubles instead of converting to an integer.
 */
final class VectorSine {
    private VectorSine() {
    }

    /** The preferred shape, at most 512 bits so that {@link Sine#PAD} (8 doubles) is a multiple of it. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED.vectorBitSize() > 512
            ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> SP = SPECIES;
    private static final double MAGIC = 0x1.8p52;

    /** Lanes of {@link Sine#sin(double)}; every in[i], i < n, in the fast range; n a multiple of {@link Sine#PAD}. */
    static void sin(double[] in, int inOff, double[] out, int n) {
        final int len = SP.length();
        final DoubleVector p1 = DoubleVector.broadcast(SP, P1);
        final DoubleVector p2 = DoubleVector.broadcast(SP, P2);
        for (int i = 0; i < n; i += len) {
            DoubleVector x = DoubleVector.fromArray(SP, in, inOff + i);
            DoubleVector t = x.mul(TWO_OVER_PI).add(MAGIC);
            DoubleVector kd = t.sub(MAGIC);
            DoubleVector r1 = kd.neg().fma(p1, x);
            DoubleVector p = kd.mul(P2);
            DoubleVector pe = kd.fma(p2, p.neg());
            DoubleVector s = r1.sub(p);
            DoubleVector bb = s.sub(r1);
            DoubleVector err = r1.sub(s.sub(bb)).add(p.neg().sub(bb));
            DoubleVector lo = err.sub(pe).sub(kd.mul(P3));
            DoubleVector rh = s.add(lo);
            DoubleVector rl = lo.sub(rh.sub(s));

            DoubleVector z = rh.mul(rh);
            DoubleVector v = z.mul(rh);
            // S2 + z*(S3 + z*(S4 + z*(S5 + z*S6))), innermost first
            DoubleVector rs = z.mul(S6).add(S5).mul(z).add(S4).mul(z).add(S3).mul(z).add(S2);
            // rh - ((z*(0.5*rl - v*rs) - rl) - v*S1)
            DoubleVector sinv = rh.sub(z.mul(rl.mul(0.5).sub(v.mul(rs))).sub(rl).sub(v.mul(S1)));

            // z*(C1 + z*(C2 + z*(C3 + z*(C4 + z*(C5 + z*C6)))))
            DoubleVector rc = z.mul(C6).add(C5).mul(z).add(C4).mul(z).add(C3).mul(z).add(C2).mul(z).add(C1).mul(z);
            DoubleVector zl = rh.fma(rh, z.neg());
            DoubleVector hz = z.mul(0.5);
            DoubleVector w = DoubleVector.broadcast(SP, 1.0).sub(hz);
            DoubleVector e = DoubleVector.broadcast(SP, 1.0).sub(w).sub(hz);
            // w + (((e - 0.5*zl) - rh*rl) + z*rc)
            DoubleVector cosv = w.add(e.sub(zl.mul(0.5)).sub(rh.mul(rl)).add(z.mul(rc)));

            // The quadrant q = kd mod 4 (floor-mod, as the low bits of (int) kd), all in doubles:
            // floor(kd/4) = rint(kd/4 - 0.375) (kd/4 has a fraction of 0, 1/4, 1/2 or 3/4, so
            // there is no tie), every step exact. Then the scalar code's bitwise select: cos for
            // odd q, and the sign flipped for q >= 2 (NEG flips the sign bit, as its XOR does).
            // No reinterpretation between double and long lanes: C2 sometimes compiled the
            // reinterpreted store without its intrinsic (its vector class not a constant), and
            // every call then allocated (measured: ~3 % of runs, ~220 young collections, 2x wall).
            DoubleVector fl = kd.mul(0.25).sub(0.375).add(MAGIC).sub(MAGIC);
            DoubleVector q = kd.sub(fl.mul(4.0));
            VectorMask<Double> odd = q.compare(VectorOperators.EQ, 1.0).or(q.compare(VectorOperators.EQ, 3.0));
            VectorMask<Double> negate = q.compare(VectorOperators.GE, 2.0);
            sinv.blend(cosv, odd).lanewise(VectorOperators.NEG, negate).intoArray(out, i);
        }
    }
}
