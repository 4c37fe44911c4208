package org.nbparity.harness.trace;

/** ULP distances between binary64 or binary32 values. */
public final class Ulp {
    private Ulp() {
    }

    /**
     * Number of representable binary64 values between a and b (0 for equal values, also for
     * +0 and -0); Long.MAX_VALUE when exactly one is NaN or for infinities of opposite sign.
     */
    public static long distance(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        long x = ordered(Double.doubleToRawLongBits(a));
        long y = ordered(Double.doubleToRawLongBits(b));
        long d = x - y;
        if ((x ^ y) < 0 && (x ^ d) < 0) {
            return Long.MAX_VALUE; // overflow
        }
        return Math.abs(d);
    }

    /** Float32 ULP distance; Long.MAX_VALUE when exactly one is NaN. */
    public static long distance(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        long x = ordered(Float.floatToRawIntBits(a));
        long y = ordered(Float.floatToRawIntBits(b));
        return Math.abs(x - y);
    }

    /**
     * The float32 ULP distance of two values as an image file held them: for two float32 values
     * (widened exactly) {@link #distance(float, float)}; when one came from a float64 image, the
     * distance between their float32 roundings, at least 1 when the doubles differ (a float64
     * difference below half a float32 ULP is still a difference, never bitwise equal).
     */
    public static long distanceFloat32(double a, double b) {
        long u = distance((float) a, (float) b);
        boolean exact = (double) (float) a == a && (double) (float) b == b;
        return !exact && u == 0 && Double.compare(a, b) != 0 ? 1 : u;
    }

    private static long ordered(long bits) {
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static long ordered(int bits) {
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }
}
