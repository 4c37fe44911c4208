package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * The sincg and sinc3 derivatives of {@link LatticeDerivatives} against a 100-digit BigDecimal
 * evaluation of the plain quotient at the exact double argument: over δ = ±1e-2 ... ±1e-14 from
 * lattice points x = nπ + δ (n = 0, 1, -3, 17) and at x = 0, for N from 2 to 47.
 */
class LatticeDerivativesTest {
    private static final MathContext MC = new MathContext(100);
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510"
            + "58209749445923078164062862089986280348253421170679821480865132823066470938446");

    @Test
    void sincgDerivativeNearLatticePoints() {
        double worst = 0.0;
        for (double n : new double[] {2, 5, 12, 36, 47}) {
            for (int m : new int[] {0, 1, -3, 17}) {
                for (int e = 2; e <= 14; e++) {
                    for (double sign : new double[] {1, -1}) {
                        double x = m * Math.PI + sign * Math.pow(10, -e);
                        double got = LatticeDerivatives.sincgPrime(x, n);
                        double want = sincgPrimeExact(x, n);
                        double rel = Math.abs(got - want) / Math.abs(want);
                        worst = Math.max(worst, rel);
                        assertTrue(rel < 1e-13, "N=" + n + " n=" + m + " delta=" + sign + "e-" + e
                                + ": got " + got + ", want " + want + ", relative error " + rel);
                    }
                }
            }
            assertEquals(0.0, LatticeDerivatives.sincgPrime(0.0, n), "at x = 0");
        }
        System.out.println("sincg derivative: worst relative error " + worst);
    }

    @Test
    void naiveQuotientIsWrongWhereTheSeriesIsUsed() {
        // the motivating failure: N cos(Nx) sin x - sin(Nx) cos x cancels to ~N^3 delta^3
        double n = 5;
        double x = 3 * Math.PI + 1e-6;
        double s = Math.sin(x);
        double naive = (n * Math.cos(n * x) * s - Math.sin(n * x) * Math.cos(x)) / (s * s);
        double want = sincgPrimeExact(x, n);
        assertTrue(Math.abs(naive - want) / Math.abs(want) > 1e-4, "naive " + naive + " vs " + want);
        assertTrue(Math.abs(LatticeDerivatives.sincgPrime(x, n) - want) / Math.abs(want) < 1e-13);
    }

    @Test
    void sincgDerivativeAwayFromLatticePoints() {
        for (double x : new double[] {0.3, 1.0, 2.0, 7.5, 40.1}) {
            double got = LatticeDerivatives.sincgPrime(x, 7);
            double want = sincgPrimeExact(x, 7);
            assertTrue(Math.abs(got - want) <= 1e-12 * Math.max(1.0, Math.abs(want)), x + ": " + got + " vs " + want);
        }
    }

    @Test
    void sinc3DerivativeOverU() {
        assertEquals(-0.2, LatticeDerivatives.sinc3PrimeOverU(0.0), 1e-17);
        for (double u : new double[] {1e-12, 1e-8, 1e-4, 1e-2, 0.1, 0.5, 0.99, 1.01, 2.0, 4.49, 10.0}) {
            double got = LatticeDerivatives.sinc3PrimeOverU(u);
            BigDecimal b = new BigDecimal(u);
            BigDecimal s = sin(b);
            BigDecimal c = cos(b);
            BigDecimal num = b.multiply(b, MC).multiply(s, MC).subtract(s.multiply(BigDecimal.valueOf(3), MC), MC)
                    .add(b.multiply(c, MC).multiply(BigDecimal.valueOf(3), MC), MC);
            double want = num.multiply(BigDecimal.valueOf(3), MC).divide(b.pow(5, MC), MC).doubleValue();
            assertTrue(Math.abs(got - want) <= 1e-14 * Math.abs(want), u + ": " + got + " vs " + want);
        }
    }

    /** d/dx sin(Nx)/sin(x) at the exact double x, in 100 digits. */
    static double sincgPrimeExact(double x, double n) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal bn = new BigDecimal(n);
        BigDecimal nx = bn.multiply(bx, MC);
        BigDecimal s = sin(bx);
        BigDecimal c = cos(bx);
        BigDecimal num = bn.multiply(cos(nx), MC).multiply(s, MC).subtract(sin(nx).multiply(c, MC), MC);
        return num.divide(s.multiply(s, MC), MC).doubleValue();
    }

    private static BigDecimal reduce(BigDecimal x) {
        BigDecimal twoPi = PI.multiply(BigDecimal.valueOf(2), MC);
        BigDecimal k = x.divide(twoPi, MC).setScale(0, java.math.RoundingMode.HALF_EVEN);
        return x.subtract(k.multiply(twoPi, MC), MC);
    }

    static BigDecimal sin(BigDecimal x) {
        BigDecimal r = reduce(x);
        BigDecimal term = r;
        BigDecimal sum = r;
        BigDecimal r2 = r.multiply(r, MC);
        for (int k = 1; k < 200; k++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(110)) < 0) {
                break;
            }
        }
        return sum;
    }

    static BigDecimal cos(BigDecimal x) {
        BigDecimal r = reduce(x);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal r2 = r.multiply(r, MC);
        for (int k = 1; k < 200; k++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(110)) < 0) {
                break;
            }
        }
        return sum;
    }
}
