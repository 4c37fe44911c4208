package org.nbparity.sim.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Float-image parity metrics against a golden, with the gates of fixtures/thresholds.json. */
final class ImageParity {
    final int n;
    final int bitwise;
    final long worstUlp;
    final double sumRatio;

    private ImageParity(int n, int bitwise, long worstUlp, double sumRatio) {
        this.n = n;
        this.bitwise = bitwise;
        this.worstUlp = worstUlp;
        this.sumRatio = sumRatio;
    }

    double fraction() {
        return n == 0 ? 1.0 : (double) bitwise / n;
    }

    static ImageParity compare(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("image size " + actual.length + " != golden " + expected.length);
        }
        int same = 0;
        long worst = 0;
        double se = 0;
        double sa = 0;
        for (int i = 0; i < expected.length; i++) {
            int a = Float.floatToRawIntBits(expected[i]);
            int b = Float.floatToRawIntBits(actual[i]);
            se += expected[i];
            sa += actual[i];
            if (a == b) {
                same++;
            } else {
                worst = Math.max(worst, ulpDistance(expected[i], actual[i]));
            }
        }
        double ratio = se == 0 ? (sa == 0 ? 1.0 : Double.POSITIVE_INFINITY) : sa / se;
        return new ImageParity(expected.length, same, worst, ratio);
    }

    /** Distance in float32 ULPs on the ordered-integer line (NaN: infinite). */
    static long ulpDistance(float x, float y) {
        if (Float.isNaN(x) || Float.isNaN(y)) {
            return Long.MAX_VALUE;
        }
        return Math.abs(ordered(x) - ordered(y));
    }

    private static long ordered(float f) {
        int b = Float.floatToRawIntBits(f);
        return b < 0 ? -(long) (b & 0x7fffffff) : b;
    }

    static float[] readFloatGz(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            byte[] bytes = in.readAllBytes();
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] f = new float[bytes.length / 4];
            bb.asFloatBuffer().get(f);
            return f;
        }
    }

    /** Image gates read from the one versioned thresholds file. */
    record Gates(double bitwiseMin, long maxUlp, double sumTol) {
        static Gates load() throws IOException {
            Path repo = Path.of(System.getProperty("nb.repo", "."));
            Path f = repo.resolve("fixtures/thresholds.json");
            if (!Files.exists(f)) {
                f = Path.of("..").resolve("fixtures/thresholds.json");
            }
            String json = Files.readString(f);
            int img = json.indexOf("\"image\"");
            String sect = json.substring(img, json.indexOf('}', img));
            return new Gates(num(sect, "bitwise_fraction_min"), (long) num(sect, "max_ulp_float32"),
                    num(sect, "abs_sum_ratio_minus_1_max"));
        }

        private static double num(String s, String key) {
            Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([-+0-9.eE]+)").matcher(s);
            if (!m.find()) {
                throw new IllegalStateException("thresholds.json lacks " + key);
            }
            return Double.parseDouble(m.group(1));
        }
    }

    String summary(String name) {
        return String.format("%s: bitwise %d/%d = %.6f, worst ULP %d, sum ratio %.17g",
                name, bitwise, n, fraction(), worstUlp, sumRatio);
    }

    void assertWithin(Gates g, String name) {
        String s = summary(name);
        System.out.println("[parity] " + s);
        if (fraction() < g.bitwiseMin() || worstUlp > g.maxUlp() || Math.abs(sumRatio - 1) > g.sumTol()) {
            throw new AssertionError("parity gate failed: " + s);
        }
    }
}
