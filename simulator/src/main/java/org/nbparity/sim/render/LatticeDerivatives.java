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

    /** d/dx of the 4-point Lagrange interpolation {@link CMath#polint} at integer-valued nodes. */
    static double polintPrime(double xa0, double xa1, double xa2, double xa3,
                              double ya0, double ya1, double ya2, double ya3, double x) {
        double d0 = x - xa0;
        double d1 = x - xa1;
        double d2 = x - xa2;
        double d3 = x - xa3;
        double l0 = (d2 * d3 + d1 * d3 + d1 * d2) * ya0 / ((xa0 - xa1) * (xa0 - xa2) * (xa0 - xa3));
        double l1 = (d2 * d3 + d0 * d3 + d0 * d2) * ya1 / ((xa1 - xa0) * (xa1 - xa2) * (xa1 - xa3));
        double l2 = (d1 * d3 + d0 * d3 + d0 * d1) * ya2 / ((xa2 - xa0) * (xa2 - xa1) * (xa2 - xa3));
        double l3 = (d1 * d2 + d0 * d2 + d0 * d1) * ya3 / ((xa3 - xa0) * (xa3 - xa1) * (xa3 - xa2));
        return l0 + l1 + l2 + l3;
    }

    /**
     * The gradient (dF/dh, dF/dk, dF/dl) of the tricubic interpolation polin3 of
     * {@link PixelKernel#interpolate} at (h, k, l), from the 4x4x4 neighbourhood it used
     * ({@code sub}, [a][b][c] over h, k, l), into {@code grad}: l first, then k, then h, as the
     * value is nested.
     */
    static void polin3Gradient(double[] sub, double h, double kk, double l, double[] grad) {
        double hf = Math.floor(h);
        double kf = Math.floor(kk);
        double lf = Math.floor(l);
        double[] n = new double[4];
        double[] nk = new double[4];
        double[] nl = new double[4];
        double[] m = new double[4];
        double[] ml = new double[4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                int o = (a * 4 + b) * 4;
                m[b] = CMath.polint(lf - 1, lf, lf + 1, lf + 2, sub[o], sub[o + 1], sub[o + 2], sub[o + 3], l);
                ml[b] = polintPrime(lf - 1, lf, lf + 1, lf + 2, sub[o], sub[o + 1], sub[o + 2], sub[o + 3], l);
            }
            n[a] = CMath.polint(kf - 1, kf, kf + 1, kf + 2, m[0], m[1], m[2], m[3], kk);
            nk[a] = polintPrime(kf - 1, kf, kf + 1, kf + 2, m[0], m[1], m[2], m[3], kk);
            nl[a] = CMath.polint(kf - 1, kf, kf + 1, kf + 2, ml[0], ml[1], ml[2], ml[3], kk);
        }
        grad[0] = polintPrime(hf - 1, hf, hf + 1, hf + 2, n[0], n[1], n[2], n[3], h);
        grad[1] = CMath.polint(hf - 1, hf, hf + 1, hf + 2, nk[0], nk[1], nk[2], nk[3], h);
        grad[2] = CMath.polint(hf - 1, hf, hf + 1, hf + 2, nl[0], nl[1], nl[2], nl[3], h);
    }
}
