package org.nbparity.harness.bundle;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Pictures for a bundle: an image on a log scale (grey), and the signed difference
 * candidate - reference on a log scale (red: Java brighter, blue: Java fainter, black: equal).
 */
public final class Pngs {
    private Pngs() {
    }

    /** Log-scale grey PNG of an image, normalised to its own maximum. */
    public static byte[] grey(FloatImage img) throws IOException {
        float max = 0;
        for (float v : img.pixels()) {
            if (v > max) {
                max = v;
            }
        }
        BufferedImage bi = new BufferedImage(img.fast(), img.slow(), BufferedImage.TYPE_BYTE_GRAY);
        double lmax = Math.log1p(Math.max(max, 0));
        for (int s = 0; s < img.slow(); s++) {
            for (int f = 0; f < img.fast(); f++) {
                float v = img.pixels()[s * img.fast() + f];
                int g = lmax > 0 && v > 0 ? (int) Math.round(255 * Math.log1p(v) / lmax) : 0;
                g = Math.max(0, Math.min(255, g));
                bi.getRaster().setSample(f, s, 0, g);
            }
        }
        return png(bi);
    }

    /** Signed log-scale difference PNG (cand - ref). */
    public static byte[] diff(FloatImage ref, FloatImage cand) throws IOException {
        double maxd = 0;
        for (int i = 0; i < ref.pixels().length; i++) {
            double d = Math.abs((double) cand.pixels()[i] - ref.pixels()[i]);
            if (Double.isFinite(d) && d > maxd) {
                maxd = d;
            }
        }
        BufferedImage bi = new BufferedImage(ref.fast(), ref.slow(), BufferedImage.TYPE_INT_RGB);
        double lmax = Math.log1p(maxd);
        for (int s = 0; s < ref.slow(); s++) {
            for (int f = 0; f < ref.fast(); f++) {
                int i = s * ref.fast() + f;
                double d = (double) cand.pixels()[i] - ref.pixels()[i];
                int rgb = 0;
                if (Float.floatToRawIntBits(cand.pixels()[i]) != Float.floatToRawIntBits(ref.pixels()[i])) {
                    int level = lmax > 0 && Double.isFinite(d) ? (int) Math.round(55 + 200 * Math.log1p(Math.abs(d)) / lmax) : 255;
                    level = Math.max(55, Math.min(255, level));
                    rgb = d >= 0 || Double.isNaN(d) ? level << 16 : level;
                }
                bi.setRGB(f, s, rgb);
            }
        }
        return png(bi);
    }

    private static byte[] png(BufferedImage bi) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(bi, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }
}
