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
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sine#sin(double)} on SIMD lanes through the JDK 17 incubator Vector API: the same
 * operations in the same order on every lane (Java never contracts a*b+c into an FMA, and the
 * explicit FMAs are the scalar ones), so each lane's result is bit for bit the scalar one
 * (SineTest). Only loaded when the module is present ({@link Sine#VECTOR}).
 *
 * <p>Two lane-friendly rewrites, both exact: rint(y) is {@code (y + 1.5*2^52) - 1.5*2^52} for
 * |y| < 2^51 (the fast range keeps |y| below 2^19), and the quadrant's low two bits are read from
 * the mantissa of {@code y + 1.5*2^52} instead of converting to an integer.
 */
final class VectorSine {
    private VectorSine() {
    }

    /** The preferred shape, at most 512 bits so that {@link Sine#PAD} (8 doubles) is a multiple of it. */
    private static final VectorSpecies<Double> SP = DoubleVector.SPECIES_PREFERRED.vectorBitSize() > 512
            ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_PREFERRED;
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

            LongVector tb = t.reinterpretAsLongs();
            LongVector odd = tb.and(1L).neg();
            LongVector bits = sinv.reinterpretAsLongs().and(odd.not()).or(cosv.reinterpretAsLongs().and(odd));
            bits = bits.lanewise(VectorOperators.XOR, tb.and(2L).lanewise(VectorOperators.LSHL, 62));
            bits.reinterpretAsDoubles().intoArray(out, i);
        }
    }
}
