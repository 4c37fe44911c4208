package org.nbparity.sim.render;

/**
 * Derivatives of the lattice-factor functions of render.md 4.19 (issue 18), accurate where the
 * naive quotients cancel.
 *
 * <p><b>sincg.</b> d/dx [sin(Nx)/sin(x)] = (N cos(Nx) sin x − sin(Nx) cos x)/sin²x. Near a
 * lattice point x = nπ + δ both products are ≈ Nδ while their difference is ≈ N(N²−1)δ³/3, so
 * the naive quotient loses (Nδ)⁻² of its digits (wrong by 1e-2 at δ = 1e-6) and divides 0 by 0
 * below. For integer N, sin(Nx)/sin(x) = (−1)^(n(N−1)) g(δ) with g(δ) = sin(Nδ)/sin δ, and
 * N cos(Nδ) sin δ − sin(Nδ) cos δ = ½[(N−1) sin((N+1)δ) − (N+1) sin((N−1)δ)]
 * = 2N(N²−1) δ³ Σ_{k≥1} (−1)^k S_k/(2k+1)!, with S_k = Σ_{j<k} A^j B^(k−1−j), A = ((N+1)δ)²,
 * B = ((N−1)δ)²: every S_k is a sum of positive terms, so the series has no cancellation; it
 * is used while (N+1)|sin x| < 1/2 (δ from x with π in three parts, exact for |n| < 2^20), the
 * quotient beyond. At x = 0 exactly (where sincg returns N) the derivative is 0.
 *
 * <p><b>sinc3.</b> For the ROUND factor the kernel needs sinc3'(u)/u (u = π·sqrt(hrad·fudge)
 * vanishes at the lattice point): 3 Σ_{k≥1} (−1)^k 2k(2k+2) u^(2k−2)/(2k+3)! for |u| < 1, the
 * closed form 3(u² sin u − 3 sin u + 3u cos u)/u⁵ beyond.
 */
final class LatticeDerivatives {
    private LatticeDerivatives() {
    }

    /** π in three parts of 33, 33 and 53 bits (fdlibm's pio2_1, pio2_2, pio2_2t, doubled). */
    private static final double PI_1 = 2 * 1.57079632673412561417e+00;
    private static final double PI_2 = 2 * 6.07710050630396597660e-11;
    private static final double PI_3 = 2 * 2.02226624879595063154e-21;

    /** d/dx sincg(x, n) (sincg(x, N) = sin(Nx)/sin(x), N at x = 0). */
    static double sincgPrime(double x, double n) {
        return x == 0.0 ? 0.0 : sincgPrime(x, n, Math.sin(n * x) / Math.sin(x));
    }

    /**
     * d/dx sincg(x, n) given the value {@code f} = sincg(x, n) the kernel computed: away from the
     * lattice points (N cos(Nx) − f cos x)/sin x (three trigonometric calls, the value's two
     * sines reused through f), near them the series.
     */
    static double sincgPrime(double x, double n, double f) {
        return x == 0.0 ? 0.0 : sincgPrime(x, n, f, Math.sin(x), Math.cos(x), Math.cos(n * x));
    }

    /**
     * d/dx sincg(x, n) from the value f, sin x, cos x and cos(Nx) (the batched tangent kernel
     * evaluates the cosines as sines of x + π/2 on SIMD lanes): (N cos(Nx) − f cos x)/sin x
     * where |sin x| is not small, the series near the lattice points.
     */
    static double sincgPrime(double x, double n, double f, double sinX, double cosX, double cosNX) {
        if (x == 0.0) {
            return 0.0;
        }
        // |sin x| = |delta| to first order: the series converges fast where (N+1)|delta| < 1/2
        if ((Math.abs(n) + 1.0) * Math.abs(sinX) < 0.5 && n == Math.rint(n)) {
            double m = Math.rint(x / Math.PI);
            if (Math.abs(m) < 0x1p20) {
                double delta = ((x - m * PI_1) - m * PI_2) - m * PI_3;
                if (delta == 0.0) {
                    return 0.0;
                }
                double sign = (((long) m * ((long) n - 1)) & 1L) == 0 ? 1.0 : -1.0;
                return sign * seriesPrime(delta, n);
            }
        }
        return (n * cosNX - f * cosX) / sinX;
    }

    /** g'(δ) for g(δ) = sin(Nδ)/sin δ by the cancellation-free series ((N+1)|δ| < 1). */
    static double seriesPrime(double delta, double n) {
        double d2 = delta * delta;
        double a = (n + 1) * (n + 1) * d2;
        double b = (n - 1) * (n - 1) * d2;
        double sk = 1.0;      // S_1
        double ak = a;        // A^1
        double fact = 6.0;    // 3!
        double sum = -sk / fact;
        for (int k = 2; k < 60; k++) {
            sk = ak + b * sk;
            ak *= a;
            fact *= (2 * k) * (2 * k + 1);
            double term = ((k & 1) == 0 ? sk : -sk) / fact;
            sum += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
                break;
            }
        }
        double s = Math.sin(delta);
        return 2 * n * (n * n - 1) * delta * d2 * sum / (s * s);
    }

    /** sinc3'(u)/u, sinc3(u) = 3(sin u − u cos u)/u³ (even, so the quotient is regular at 0). */
    static double sinc3PrimeOverU(double u) {
        if (Math.abs(u) < 1.0) {
            double u2 = u * u;
            double pow = 1.0;       // u^(2k-2)
            double fact = 120.0;    // (2k+3)! at k = 1
            double sum = 0.0;
            for (int k = 1; k < 40; k++) {
                double term = ((k & 1) == 0 ? 1.0 : -1.0) * (2.0 * k) * (2.0 * k + 2) * pow / fact;
                sum += term;
                if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
                    break;
                }
                pow *= u2;
                fact *= (2.0 * k + 4) * (2.0 * k + 5);
            }
            return 3.0 * sum;
        }
        double s = Math.sin(u);
        double c = Math.cos(u);
        double u2 = u * u;
        return 3.0 * (u2 * s - 3.0 * s + 3.0 * u * c) / (u2 * u2 * u);
    }
}
