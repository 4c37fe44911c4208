package org.nbparity.harness.metrics;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * PNG pictures of a comparison: both images on the same log scale and a signed log-scale
 * difference map (blue: candidate lower, red: candidate higher, white: bitwise equal). Small
 * images are enlarged with nearest-neighbour pixels; a band below each picture holds the colour
 * bar and a one-line legend (omitted silently if the JVM has no font).
 */
public final class Pictures {
    private static final int[][] VIRIDIS = {{68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142},
            {33, 144, 141}, {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}};
    private static final int BAND = 44;
    /** Decades of dynamic range shown on the intensity pictures. */
    private static final double DECADES = 6;
    /** Largest picture side drawn pixel for pixel. */
    private static final int MAX_SIDE = 1024;

    private Pictures() {
    }

    /**
     * PNG bytes of the three pictures, in memory (the evidence bundle stores them as
     * {@code png/c.png}, {@code png/java.png}, {@code png/diff.png}).
     *
     * @param reference  reference image picture
     * @param candidate  candidate image picture
     * @param difference signed log difference picture
     */
    public record Encoded(byte[] reference, byte[] candidate, byte[] difference) {
    }

    /** The reference, candidate (same log scale) and signed difference pictures as PNG bytes. */
    public static Encoded encode(FloatImage ref, FloatImage cand, String refLabel, String candLabel) {
        // the three pictures are independent: drawn and encoded side by side (a full frame takes
        // about a second of CPU each, mostly in the PNG encoder)
        double[] range = logRange(ref, cand);
        String scale = String.format(Locale.ROOT, "log10 %.2f .. %.2f", range[0], range[1]);
        List<Supplier<BufferedImage>> jobs = List.of(
                () -> intensity(ref, range[0], range[1], refLabel + "  " + scale),
                () -> intensity(cand, range[0], range[1], candLabel + "  " + scale),
                () -> difference(ref, cand, candLabel + " - " + refLabel));
        List<byte[]> png = jobs.parallelStream().map(j -> png(j.get())).toList();
        return new Encoded(png.get(0), png.get(1), png.get(2));
    }

    /** {@code [lo, hi]}: the log10 range both intensity pictures share (at most {@link #DECADES} decades). */
    private static double[] logRange(FloatImage ref, FloatImage cand) {
        System.setProperty("java.awt.headless", "true");
        float maxPos = 0;
        float minPos = Float.POSITIVE_INFINITY;
        for (FloatImage im : new FloatImage[]{ref, cand}) {
            for (float v : im.data()) {
                if (v > 0 && v < Float.POSITIVE_INFINITY) {
                    maxPos = Math.max(maxPos, v);
                    minPos = Math.min(minPos, v);
                }
            }
        }
        double hi = maxPos > 0 ? Math.log10(maxPos) : 0; // log10 is monotonic: one call, not one per pixel
        if (maxPos == 0) {
            minPos = 1;
        }
        double lo = Math.max(Math.log10(minPos), hi - DECADES);
        if (lo >= hi) {
            lo = hi - 1;
        }
        return new double[]{lo, hi};
    }

    private static int zoom(ImageShape s) {
        int m = Math.max(s.slow(), s.fast());
        return Math.max(1, Math.min(8, (int) Math.ceil(512.0 / m)));
    }

    /**
     * Pixels per picture pixel along each axis: 1 up to {@link #MAX_SIDE} pixels a side, else
     * enough to fit (a full detector frame is a 1024-pixel overview: what a browser shows anyway,
     * and nine times less to draw and encode). A block shows its brightest pixel (intensity) or
     * its largest difference (difference), so a peak or a single differing pixel never vanishes.
     */
    static int shrink(ImageShape s) {
        int m = Math.max(s.slow(), s.fast());
        return m <= MAX_SIDE ? 1 : (m + MAX_SIDE - 1) / MAX_SIDE;
    }

    static BufferedImage intensity(FloatImage im, double lo, double hi, String legend) {
        int k = shrink(im.shape());
        int z = k > 1 ? 1 : zoom(im.shape());
        int ns = (im.shape().slow() + k - 1) / k;
        int nf = (im.shape().fast() + k - 1) / k;
        int w = nf * z;
        int h = ns * z;
        BufferedImage out = new BufferedImage(Math.max(w, 320), h + BAND, BufferedImage.TYPE_INT_RGB);
        for (int s = 0; s < ns; s++) {
            for (int f = 0; f < nf; f++) {
                float v = brightest(im, s * k, f * k, k);
                int rgb;
                if (Float.isNaN(v)) {
                    rgb = 0xff00ff;
                } else if (v <= 0) {
                    rgb = 0x000000;
                } else {
                    rgb = viridis((Math.log10(v) - lo) / (hi - lo));
                }
                fill(out, f * z, s * z, z, rgb);
            }
        }
        for (int x = 0; x < out.getWidth(); x++) {
            int rgb = viridis((double) x / (out.getWidth() - 1));
            for (int y = h + 4; y < h + 16; y++) {
                out.setRGB(x, y, rgb);
            }
        }
        text(out, legend + "  (black: <= 0)" + (k > 1 ? "  max of " + k + "x" + k : ""), h + 32);
        return out;
    }

    /** The largest value of the k x k block at (s0, f0) (NaN when the block has one). */
    private static float brightest(FloatImage im, int s0, int f0, int k) {
        float best = Float.NEGATIVE_INFINITY;
        for (int s = s0; s < Math.min(s0 + k, im.shape().slow()); s++) {
            for (int f = f0; f < Math.min(f0 + k, im.shape().fast()); f++) {
                float v = im.get(s, f);
                if (Float.isNaN(v)) {
                    return v;
                }
                best = Math.max(best, v);
            }
        }
        return best;
    }

    /**
     * The index of the pixel of the k x k block at (s0, f0) whose bits differ with the largest
     * |difference| (a non-finite difference first), or -1 when the block is identical.
     */
    private static int mostDifferent(FloatImage ref, FloatImage cand, int s0, int f0, int k) {
        int fast = ref.shape().fast();
        int best = -1;
        double bestD = -1;
        for (int s = s0; s < Math.min(s0 + k, ref.shape().slow()); s++) {
            for (int f = f0; f < Math.min(f0 + k, fast); f++) {
                int i = s * fast + f;
                float a = ref.data()[i];
                float b = cand.data()[i];
                if (Float.floatToRawIntBits(a) != Float.floatToRawIntBits(b)) {
                    double d = Math.abs((double) b - a);
                    double key = Double.isFinite(d) ? d : Double.MAX_VALUE;
                    if (key > bestD) {
                        bestD = key;
                        best = i;
                    }
                }
            }
        }
        return best;
    }

    static BufferedImage difference(FloatImage ref, FloatImage cand, String legend) {
        int k = shrink(ref.shape());
        int z = k > 1 ? 1 : zoom(ref.shape());
        int n = ref.data().length;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        long differing = 0;
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(ref.data()[i]) != Float.floatToRawIntBits(cand.data()[i])) {
                differing++;
                double d = Math.abs((double) cand.data()[i] - ref.data()[i]);
                if (Double.isFinite(d) && d > 0) {
                    maxAbs = Math.max(maxAbs, d);
                    minAbs = Math.min(minAbs, d);
                }
            }
        }
        double s0 = minAbs == Double.POSITIVE_INFINITY ? 1 : minAbs;
        double norm = Math.log10(1 + maxAbs / s0);
        int ns = (ref.shape().slow() + k - 1) / k;
        int nf = (ref.shape().fast() + k - 1) / k;
        int w = nf * z;
        int h = ns * z;
        BufferedImage out = new BufferedImage(Math.max(w, 320), h + BAND, BufferedImage.TYPE_INT_RGB);
        for (int s = 0; s < ns; s++) {
            for (int f = 0; f < nf; f++) {
                int i = differing == 0 ? -1 : mostDifferent(ref, cand, s * k, f * k, k);
                int rgb;
                if (i < 0) {
                    rgb = 0xffffff;
                } else {
                    float a = ref.data()[i];
                    float b = cand.data()[i];
                    double d = (double) b - a;
                    if (!Double.isFinite(d) || d == 0) {
                        rgb = 0x00c000; // NaN/inf mismatch or +0/-0: green
                    } else {
                        double t = norm > 0 ? Math.log10(1 + Math.abs(d) / s0) / norm : 1;
                        rgb = diverging(Math.signum(d) * (0.15 + 0.85 * t));
                    }
                }
                fill(out, f * z, s * z, z, rgb);
            }
        }
        if (differing > 0 && differing <= 50) {
            ring(ref, cand, out, z, k); // isolated differences would be a few pixels on a large picture
        }
        for (int x = 0; x < out.getWidth(); x++) {
            int rgb = diverging(2.0 * x / (out.getWidth() - 1) - 1.0);
            for (int y = h + 4; y < h + 16; y++) {
                out.setRGB(x, y, rgb);
            }
        }
        text(out, String.format(Locale.ROOT, "%s: %d px differ, |d| %.3g..%.3g (signed log)%s", legend, differing,
                minAbs == Double.POSITIVE_INFINITY ? 0 : minAbs, maxAbs, k > 1 ? ", largest of " + k + "x" + k : ""), h + 32);
        return out;
    }

    private static void ring(FloatImage ref, FloatImage cand, BufferedImage out, int z, int k) {
        try {
            Graphics2D g = out.createGraphics();
            g.setColor(new Color(0x00, 0x80, 0x00));
            int r = Math.max(6, 3 * z);
            for (int s = 0; s < ref.shape().slow(); s++) {
                for (int f = 0; f < ref.shape().fast(); f++) {
                    if (Float.floatToRawIntBits(ref.get(s, f)) != Float.floatToRawIntBits(cand.get(s, f))) {
                        int cx = f / k * z + z / 2;
                        int cy = s / k * z + z / 2;
                        g.drawOval(cx - r, cy - r, 2 * r, 2 * r);
                    }
                }
            }
            g.dispose();
        } catch (Throwable e) { // NOPMD: drawing is a convenience
            // no rings
        }
    }

    private static void fill(BufferedImage im, int x0, int y0, int z, int rgb) {
        for (int y = y0; y < y0 + z; y++) {
            for (int x = x0; x < x0 + z; x++) {
                im.setRGB(x, y, rgb);
            }
        }
    }

    private static void text(BufferedImage im, String s, int baseline) {
        try {
            Graphics2D g = im.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
            g.drawString(s, 4, baseline);
            g.dispose();
        } catch (Throwable e) { // NOPMD: no fonts on a minimal JRE: the picture stays useful without text
            // legend omitted
        }
    }

    /** Viridis colour for t in [0,1] (clamped). */
    static int viridis(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(x));
        double u = x - i;
        int r = (int) Math.round(VIRIDIS[i][0] + u * (VIRIDIS[i + 1][0] - VIRIDIS[i][0]));
        int g = (int) Math.round(VIRIDIS[i][1] + u * (VIRIDIS[i + 1][1] - VIRIDIS[i][1]));
        int b = (int) Math.round(VIRIDIS[i][2] + u * (VIRIDIS[i + 1][2] - VIRIDIS[i][2]));
        return r << 16 | g << 8 | b;
    }

    /** Blue (-1) .. white (0) .. red (+1). */
    static int diverging(double t) {
        double a = Math.max(-1, Math.min(1, t));
        int r;
        int g;
        int b;
        if (a >= 0) {
            r = 255 - (int) Math.round(a * (255 - 180));
            g = 255 - (int) Math.round(a * 255);
            b = 255 - (int) Math.round(a * 255);
        } else {
            r = 255 + (int) Math.round(a * 255);
            g = 255 + (int) Math.round(a * (255 - 60));
            b = 255 + (int) Math.round(a * (255 - 180));
        }
        return r << 16 | g << 8 | b;
    }

    private static byte[] png(BufferedImage im) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(im, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG", e);
        }
        return out.toByteArray();
    }
}
