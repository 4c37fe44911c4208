package org.nbparity.sim.clib;

/**
 * glibc (>= 2.28) {@code powf} for the one case upstream needs: a positive normal float x in
 * (0, 1] raised to the float 1/3 (io-rng.md 4.2). glibc's powf is not correctly rounded, so
 * {@code (float) Math.pow(x, y)} differs in about 6 of 10^4 inputs; this reproduces glibc's
 * algorithm (log2 via a 16-entry table, exp2 via a 32-entry table), every step a separately
 * rounded double operation (no FMA).
 */
public final class GlibcPowf {
    private GlibcPowf() {
    }

    private static final double[] INVC = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
    };
    private static final double[] LOGC = {
        -0x1.efec65b963019p-2, -0x1.b0b6832d4fca4p-2, -0x1.7418b0a1fb77bp-2, -0x1.39de91a6dcf7bp-2,
        -0x1.01d9bf3f2b631p-2, -0x1.97c1d1b3b7afp-3, -0x1.2f9e393af3c9fp-3, -0x1.960cbbf788d5cp-4,
        -0x1.a6f9db6475fcep-5, 0x0p+0, 0x1.338ca9f24f53dp-4, 0x1.476a9543891bap-3,
        0x1.e840b4ac4e4d2p-3, 0x1.40645f0c6651cp-2, 0x1.88e9c2c1b9ff8p-2, 0x1.ce0a44eb17bccp-2,
    };
    private static final double A0 = 0x1.27616c9496e0bp-2, A1 = -0x1.71969a075c67ap-2,
            A2 = 0x1.ec70a6ca7baddp-2, A3 = -0x1.7154748bef6c8p-1, A4 = 0x1.71547652ab82bp0;
    private static final long[] E = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double C0 = 0x1.c6af84b912394p-5, C1 = 0x1.ebfce50fac4f3p-3,
            C2 = 0x1.62e42ff0c52d6p-1;
    private static final double SH = 0x1.8p+47;

    /**
     * powf(x, y) for positive normal x (the mosaic path: x in [~1.9e-9, 1], y = (float)(1/3)).
     * Other inputs fall back to the correctly rounded double pow rounded to float.
     */
    public static float powf(float x, float y) {
        if (!(x > 0f) || Float.isInfinite(x) || x < Float.MIN_NORMAL || Float.isNaN(y) || Float.isInfinite(y)) {
            return (float) StrictMath.pow(x, y);
        }
        int ix = Float.floatToRawIntBits(x);
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> 19) & 15;
        int top = tmp & 0xff800000;
        int iz = ix - top;
        int k = top >> 23;
        double invc = INVC[i];
        double logc = LOGC[i];
        double z = Float.intBitsToFloat(iz);
        double r = z * invc - 1;
        double y0 = logc + (double) k;
        double r2 = r * r;
        double p1 = A0 * r + A1;
        double p2 = A2 * r + A3;
        double r4 = r2 * r2;
        double q = A4 * r + y0;
        q = p2 * r2 + q;
        double l = p1 * r4 + q;
        double yl = (double) y * l;
        double kd = yl + SH;
        long ki = Double.doubleToRawLongBits(kd);
        kd = kd - SH;
        double rr = yl - kd;
        long t = E[(int) (ki & 31)] + (ki << 47);
        double s = Double.longBitsToDouble(t);
        double zz = C0 * rr + C1;
        double rr2 = rr * rr;
        double w = C2 * rr + 1;
        w = zz * rr2 + w;
        w = w * s;
        return (float) w;
    }
}
